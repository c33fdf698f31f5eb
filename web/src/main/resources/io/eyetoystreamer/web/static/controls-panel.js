// The camera controls panel: built from GET /controls, changes sent with POST /controls (throttled:
// controls.js), kept up to date by the server's `controls` messages on /ws. The "Controls" button
// in the bar shows and hides it.
import {
  applyValues,
  createThrottle,
  defaultsBody,
  formatValue,
  isDisabled,
  widgetKind,
} from './controls.js';

/**
 * Makes the panel in `root` (an element, hidden until shown). `hooks.changed(list, error)` is
 * called whenever the list or the last error changes (the page keeps them for its test hooks).
 */
export function createControlsPanel(root, hooks = {}) {
  let controls = null; // the last list from GET /controls, values kept current
  let error = null;
  const widgets = new Map(); // name -> { control, input, output }
  const dragging = new Set();
  const throttle = createThrottle(post);

  const status = el('p', 'controls-status');
  const list = el('div', 'controls-list');
  const errorLine = el('p', 'controls-error');
  errorLine.setAttribute('role', 'alert');
  errorLine.hidden = true;
  const reset = el('button', 'controls-reset');
  reset.type = 'button';
  reset.textContent = 'Reset to defaults';
  reset.addEventListener('click', () => {
    if (controls) post(defaultsBody(controls));
  });
  const heading = el('h2');
  heading.textContent = 'Camera controls';
  root.replaceChildren(heading, status, errorLine, list, reset);

  function report() {
    if (hooks.changed) hooks.changed(controls, error);
  }

  function showError(message) {
    error = message;
    errorLine.textContent = message || '';
    errorLine.hidden = !message;
    report();
  }

  async function load() {
    status.textContent = 'loading…';
    try {
      const r = await fetch('controls', { cache: 'no-store' });
      const text = await r.text();
      if (!r.ok) {
        status.textContent = '';
        showError(text.trim() || `GET /controls: ${r.status}`);
        return;
      }
      controls = JSON.parse(text).controls;
      status.textContent = '';
      build();
      showError(null);
    } catch (e) {
      status.textContent = '';
      showError(`cannot load the controls: ${e.message || e}`);
    }
  }

  /** Reads the values again after a refused change, keeping the error shown. */
  async function resync() {
    try {
      const r = await fetch('controls', { cache: 'no-store' });
      if (!r.ok || !controls) return;
      const fresh = JSON.parse(await r.text()).controls;
      const values = {};
      for (const c of fresh) values[c.name] = c.value;
      applyValues(controls, values, fresh.filter((c) => c.inactive).map((c) => c.name));
      refreshAll();
      report();
    } catch {
      // the error already shown says enough
    }
  }

  async function post(values) {
    let r;
    let text;
    try {
      r = await fetch('controls', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(values),
        cache: 'no-store',
      });
      text = await r.text();
    } catch (e) {
      showError(`cannot set ${Object.keys(values).join(', ')}: ${e.message || e}`);
      return;
    }
    if (!r.ok) {
      showError(text.trim() || `POST /controls: ${r.status}`);
      resync(); // put the widgets back where the camera is
      return;
    }
    showError(null);
    update(JSON.parse(text));
  }

  function build() {
    widgets.clear();
    const rows = [];
    let group = null;
    for (const c of controls) {
      if (c.group && c.group !== group) {
        group = c.group;
        const h = el('h3', 'controls-group');
        h.textContent = group;
        rows.push(h);
      }
      rows.push(row(c));
    }
    list.replaceChildren(...rows);
    report();
  }

  function row(c) {
    const kind = widgetKind(c);
    const id = `control-${c.name}`;
    const line = el('div', `control control-${kind}`);
    line.dataset.control = c.name;
    const label = el('label');
    label.htmlFor = id;
    label.textContent = c.label;
    const output = el('output');
    output.htmlFor = id;
    let input;
    if (kind === 'slider' || kind === 'number') {
      input = el('input');
      input.type = kind === 'slider' ? 'range' : 'number';
      input.min = String(c.min);
      input.max = String(c.max);
      input.step = String(Math.max(1, c.step || 1));
      const send = () => {
        const v = Number(input.value);
        if (Number.isFinite(v)) {
          c.value = v;
          output.textContent = formatValue(c, v);
          throttle.set(c.name, v);
        }
      };
      input.addEventListener(kind === 'slider' ? 'input' : 'change', send);
      if (kind === 'slider') {
        input.addEventListener('pointerdown', () => dragging.add(c.name));
        for (const end of ['pointerup', 'pointercancel', 'blur']) {
          input.addEventListener(end, () => dragging.delete(c.name));
        }
      }
    } else if (kind === 'switch') {
      input = el('input');
      input.type = 'checkbox';
      input.setAttribute('role', 'switch');
      input.addEventListener('change', () => {
        c.value = input.checked ? 1 : 0;
        output.textContent = formatValue(c, c.value);
        throttle.set(c.name, input.checked);
      });
    } else if (kind === 'select') {
      input = el('select');
      for (const item of c.menu || []) {
        const o = el('option');
        o.value = String(item.value);
        o.textContent = item.name;
        input.append(o);
      }
      input.addEventListener('change', () => {
        c.value = Number(input.value);
        output.textContent = formatValue(c, c.value);
        throttle.set(c.name, c.value);
      });
    } else if (kind === 'button') {
      input = el('button');
      input.type = 'button';
      input.textContent = c.label;
      input.addEventListener('click', () => post({ [c.name]: true }));
    } else {
      input = el('input');
      input.type = 'text';
      input.readOnly = true;
    }
    input.id = id;
    input.name = c.name;
    widgets.set(c.name, { control: c, input, output });
    line.append(label, input, output);
    show(c.name);
    return line;
  }

  /** Puts a control's value and state into its widget. */
  function show(name) {
    const w = widgets.get(name);
    if (!w) return;
    const { control: c, input, output } = w;
    const kind = widgetKind(c);
    if (kind === 'switch') input.checked = Boolean(c.value);
    else if (kind === 'text') input.value = c.value === null ? '' : String(c.value);
    else if (kind !== 'button' && c.value !== null) input.value = String(c.value);
    input.disabled = isDisabled(c);
    input.closest('.control')?.classList.toggle('inactive', Boolean(c.inactive));
    output.textContent = kind === 'button' ? '' : formatValue(c, c.value);
  }

  function refreshAll() {
    for (const name of widgets.keys()) show(name);
  }

  /**
   * New values from the server (a `controls` message, or a POST's answer). A control being dragged,
   * or whose change waits to be sent, keeps what the user set.
   */
  function update(message) {
    if (!controls) return;
    const changed = applyValues(controls, message.values || {}, message.inactive || null);
    for (const name of changed) {
      if (dragging.has(name) || throttle.busy(name)) continue;
      show(name);
    }
    if (changed.length) report();
  }

  return {
    /** Shows the panel (loading the controls afresh) or hides it; returns whether it is shown. */
    toggle() {
      root.hidden = !root.hidden;
      if (!root.hidden) load();
      return !root.hidden;
    },
    update,
    load,
    get controls() {
      return controls;
    },
  };
}

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}
