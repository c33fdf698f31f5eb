import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyValues,
  createThrottle,
  defaultsBody,
  formatValue,
  isDisabled,
  parseControlsMessage,
  widgetKind,
} from '../../main/resources/io/eyetoystreamer/web/static/controls.js';

// As GET /controls lists them (README, "Camera controls").
const control = (name, type, extra = {}) => ({
  name,
  label: name,
  type,
  min: 0,
  max: 255,
  step: 1,
  default: 0,
  value: 0,
  readOnly: false,
  writeOnly: false,
  inactive: false,
  settable: true,
  flags: [],
  menu: [],
  ...extra,
});

test('each type gets its widget', () => {
  assert.equal(widgetKind(control('brightness', 'int')), 'slider');
  assert.equal(widgetKind(control('big', 'int64', { min: -(2 ** 63), max: 2 ** 63 - 1 })), 'number');
  assert.equal(widgetKind(control('wide', 'int', { min: 0, max: 10_000_000 })), 'number');
  assert.equal(widgetKind(control('wide', 'int', { min: 0, max: 10_000_000, step: 1000 })), 'slider');
  assert.equal(widgetKind(control('horizontal_flip', 'bool')), 'switch');
  assert.equal(widgetKind(control('power_line_frequency', 'menu')), 'select');
  assert.equal(widgetKind(control('integer_menu', 'intmenu')), 'select');
  assert.equal(widgetKind(control('button', 'button')), 'button');
  assert.equal(widgetKind(control('bitmask', 'bitmask')), 'number');
  assert.equal(widgetKind(control('string', 'str')), 'text');
  assert.equal(widgetKind(control('u8_array', 'u8')), 'text');
});

test('read-only, inactive, grabbed and unsettable controls are disabled', () => {
  assert.equal(isDisabled(control('brightness', 'int')), false);
  assert.equal(isDisabled(control('gain', 'int', { inactive: true })), true);
  assert.equal(isDisabled(control('temperature', 'int', { readOnly: true, settable: false })), true);
  assert.equal(isDisabled(control('grabbed', 'int', { flags: ['grabbed'] })), true);
  assert.equal(isDisabled(control('string', 'str', { settable: false })), true);
});

test('reset to defaults sends the default of every writable control with a value', () => {
  const list = [
    control('brightness', 'int', { default: 0, value: 40 }),
    control('contrast', 'int', { default: 32, value: 10 }),
    control('gain', 'int', { default: 20, inactive: true }), // inactive: still reset
    control('temperature', 'int', { readOnly: true, settable: false, default: 5 }),
    control('button', 'button'),
    control('string', 'str', { settable: false }),
    control('horizontal_flip', 'bool', { default: 0, value: 1 }),
  ];
  assert.deepEqual(defaultsBody(list), { brightness: 0, contrast: 32, gain: 20, horizontal_flip: 0 });
  assert.deepEqual(Object.keys(defaultsBody(list)), ['brightness', 'contrast', 'gain', 'horizontal_flip']);
});

test('a controls message is told from a status message', () => {
  assert.deepEqual(parseControlsMessage('{"type":"controls","values":{"brightness":10},"inactive":["gain"]}'), {
    values: { brightness: 10 },
    inactive: ['gain'],
  });
  assert.equal(parseControlsMessage('{"type":"status","camera":"online"}'), null);
  assert.equal(parseControlsMessage('not json'), null);
  assert.equal(parseControlsMessage('{"type":"controls"}'), null);
});

test('new values and inactive flags go into the list; what changed is named', () => {
  const list = [control('brightness', 'int'), control('gain', 'int', { inactive: true })];
  assert.deepEqual(applyValues(list, { brightness: 10, gain: 0, other: 3 }, []), ['brightness', 'gain']);
  assert.equal(list[0].value, 10);
  assert.equal(list[1].inactive, false);
  assert.deepEqual(applyValues(list, { brightness: 10 }, null), []);
});

test('values are shown as people read them', () => {
  const menu = control('power_line_frequency', 'menu', {
    menu: [
      { value: 0, name: 'Disabled' },
      { value: 1, name: '50 Hz' },
    ],
  });
  assert.equal(formatValue(menu, 1), '50 Hz');
  assert.equal(formatValue(control('f', 'bool'), 1), 'on');
  assert.equal(formatValue(control('b', 'int'), 42), '42');
  assert.equal(formatValue(control('m', 'bitmask'), 255), '0xff');
  assert.equal(formatValue(control('x', 'button'), null), '–');
});

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  const timers = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.push({ at: now + ms, fn });
      return timers.length;
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a drag is one POST at once, then at most one every 100 ms, ending where it stopped', async () => {
  const clock = fakeClock();
  const sent = [];
  const throttle = createThrottle(
    async (body) => {
      sent.push({ at: clock.now(), body });
    },
    100,
    clock,
  );
  throttle.set('brightness', 1);
  await settle();
  assert.deepEqual(sent, [{ at: 0, body: { brightness: 1 } }], 'the first change goes at once');
  for (let t = 10; t <= 250; t += 10) {
    await clock.advance(10);
    throttle.set('brightness', t);
  }
  await clock.advance(500);
  assert.deepEqual(
    sent.map((s) => s.at),
    [0, 100, 200, 300],
    'one POST every 100 ms while dragging, and one after',
  );
  assert.deepEqual(sent[sent.length - 1].body, { brightness: 250 }, 'the last value wins');
  assert.equal(throttle.busy('brightness'), false);
});

test('one request at a time: changes made while one is on its way wait for it', async () => {
  const clock = fakeClock();
  const sent = [];
  let release;
  const throttle = createThrottle(
    (body) => {
      sent.push(body);
      return new Promise((resolve) => {
        release = resolve;
      });
    },
    100,
    clock,
  );
  throttle.set('brightness', 5);
  await settle();
  throttle.set('contrast', 40);
  throttle.set('brightness', 6);
  assert.equal(throttle.busy('contrast'), true);
  await clock.advance(1000);
  assert.equal(sent.length, 1, 'nothing more while the first is unanswered');
  release();
  await settle();
  await clock.advance(0);
  assert.deepEqual(sent, [{ brightness: 5 }, { contrast: 40, brightness: 6 }], 'batched, newest wins');
});
