import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render, vectors } from './make-vectors.mjs';
import { BARS } from './picture.mjs';

const FILE = new URL('../resources/yuyv-vectors.json', import.meta.url);

test('yuyv-vectors.json is exactly what make-vectors.mjs prints', () => {
  assert.equal(readFileSync(FILE, 'utf8'), render(), 'regenerate: see make-vectors.mjs');
});

test('the file parses as JSON with one vector per line', () => {
  const text = readFileSync(FILE, 'utf8');
  const parsed = JSON.parse(text).vectors;
  assert.deepEqual(parsed, vectors());
  const line = /^ {4}\{"y0":(\d+),"u":(\d+),"y1":(\d+),"v":(\d+),"rgb0":\[(\d+),(\d+),(\d+)\],"rgb1":\[(\d+),(\d+),(\d+)\],"name":"[a-z0-9 ]+"\},?$/;
  const lines = text.split('\n').filter((l) => l.includes('"y0"'));
  assert.equal(lines.length, parsed.length);
  for (const l of lines) assert.match(l, line);
});

test('the 8 bars are first and agree with ARCHITECTURE.md within 1 level', () => {
  const list = vectors();
  BARS.forEach(([name, y, u, v, rgb], i) => {
    const t = list[i];
    assert.deepEqual([t.y0, t.u, t.y1, t.v], [y, u, y, v], name);
    for (const got of [t.rgb0, t.rgb1]) {
      got.forEach((c, k) => assert.ok(Math.abs(c - rgb[k]) <= 1, `${name}: ${got} vs ${rgb}`));
    }
  });
});

test('the extremes 0 and 255 are covered', () => {
  const list = vectors();
  assert.ok(list.some((t) => t.y0 === 0 && t.u === 0 && t.y1 === 0 && t.v === 0));
  assert.ok(list.some((t) => t.y0 === 255 && t.u === 255 && t.y1 === 255 && t.v === 255));
  assert.ok(list.some((t) => t.rgb0.includes(0) && t.rgb0.includes(255)), 'clamping at both ends');
});
