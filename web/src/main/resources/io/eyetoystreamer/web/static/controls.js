// The camera controls panel's logic, without the DOM: which widget a control gets, what "reset to
// defaults" sends, the `controls` text message, and the throttle that turns a slider's stream of
// changes into at most one POST /controls every 100 ms. Pure, so Node's tests import it too.
// The API: README.md ("Camera controls").

export const THROTTLE_MS = 100;

/** The largest number of positions a slider gets; a wider range gets a number field. */
export const MAX_SLIDER_POSITIONS = 100000;

/** Whether the page may change a control: settable (numeric, not read-only), not grabbed. */
export function isWritable(c) {
  return Boolean(c.settable) && !c.readOnly && !(c.flags || []).includes('grabbed');
}

/**
 * The widget for a control: 'slider' (integers with a usable range), 'number' (other integers,
 * bitmasks), 'switch' (booleans), 'select' (menus), 'button' (buttons), 'text' (shown, not set:
 * strings and compound controls).
 */
export function widgetKind(c) {
  switch (c.type) {
    case 'bool':
      return 'switch';
    case 'menu':
    case 'intmenu':
      return 'select';
    case 'button':
      return 'button';
    case 'int':
    case 'int64': {
      const step = Math.max(1, c.step || 1);
      const usable =
        Number.isSafeInteger(c.min) &&
        Number.isSafeInteger(c.max) &&
        (c.max - c.min) / step <= MAX_SLIDER_POSITIONS;
      return usable ? 'slider' : 'number';
    }
    case 'bitmask':
      return 'number';
    default:
      return 'text';
  }
}

/** Whether the widget is greyed out: the control cannot be set, or has no effect now. */
export function isDisabled(c) {
  return !isWritable(c) || Boolean(c.inactive) || widgetKind(c) === 'text';
}

/**
 * The body of "reset to defaults": every writable control with a value (buttons, strings and
 * compound controls have none to reset) at its default, in the camera's order.
 */
export function defaultsBody(controls) {
  const body = {};
  for (const c of controls) {
    const kind = widgetKind(c);
    if (isWritable(c) && kind !== 'button' && kind !== 'text') body[c.name] = c.default;
  }
  return body;
}

/**
 * Parses a /ws text message; returns { values, inactive } for a `controls` message, else null.
 */
export function parseControlsMessage(text) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object' || msg.type !== 'controls') return null;
  if (!msg.values || typeof msg.values !== 'object') return null;
  return { values: msg.values, inactive: Array.isArray(msg.inactive) ? msg.inactive : null };
}

/**
 * Puts new values (and, when given, the names of the inactive controls) into the list, in place.
 * Returns the names whose value or state changed.
 */
export function applyValues(controls, values, inactive) {
  const changed = [];
  for (const c of controls) {
    let touched = false;
    if (Object.prototype.hasOwnProperty.call(values, c.name) && values[c.name] !== c.value) {
      c.value = values[c.name];
      touched = true;
    }
    if (inactive) {
      const now = inactive.includes(c.name);
      if (now !== Boolean(c.inactive)) {
        c.inactive = now;
        touched = true;
      }
    }
    if (touched) changed.push(c.name);
  }
  return changed;
}

/** A value as the panel shows it: a menu item's name, on/off, or the number. */
export function formatValue(c, value) {
  if (value === null || value === undefined) return '–';
  if (c.type === 'bool') return value ? 'on' : 'off';
  if (c.type === 'menu' || c.type === 'intmenu') {
    const item = (c.menu || []).find((i) => i.value === value);
    return item ? item.name : String(value);
  }
  if (c.type === 'bitmask') return `0x${Number(value).toString(16)}`;
  return String(value);
}

/**
 * Sends changes at once, then at most one batch every `intervalMs`, one request at a time, the
 * newest value of each control winning: `send(values)` returns a promise. While a slider is
 * dragged this is a POST at its first move, then one every 100 ms, and one with where it stopped.
 * `clock` = { now(), setTimeout(fn, ms) } (the tests pass a fake one).
 */
const REAL_CLOCK = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
};

export function createThrottle(send, intervalMs = THROTTLE_MS, clock = REAL_CLOCK) {
  let pending = {};
  let count = 0;
  let lastSent = -Infinity;
  let timer = null;
  let inFlight = false;

  function fire() {
    timer = null;
    if (inFlight || count === 0) return;
    const body = pending;
    pending = {};
    count = 0;
    lastSent = clock.now();
    inFlight = true;
    Promise.resolve()
      .then(() => send(body))
      .catch(() => {}) // the sender shows its own errors
      .finally(() => {
        inFlight = false;
        schedule();
      });
  }

  function schedule() {
    if (timer !== null || inFlight || count === 0) return;
    const wait = lastSent + intervalMs - clock.now();
    if (wait <= 0) fire();
    else timer = clock.setTimeout(fire, wait);
  }

  return {
    set(name, value) {
      if (!Object.prototype.hasOwnProperty.call(pending, name)) count++;
      pending[name] = value;
      schedule();
    },
    /** Whether a change of this control waits to be sent (its widget keeps the user's value). */
    busy(name) {
      return Object.prototype.hasOwnProperty.call(pending, name);
    },
  };
}
