import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeYuyvToRgba } from '../../main/resources/io/eyetoystreamer/web/static/yuyv.js';
import { BARS, pictureYuyv } from './picture.mjs';

const VECTORS = JSON.parse(
  readFileSync(new URL('../resources/yuyv-vectors.json', import.meta.url), 'utf8'),
).vectors;

function assertNear(actual, expected, tolerance, what) {
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `${what}: got [${actual}], expected [${expected}] within ${tolerance}`,
    );
  }
}

test('every shared vector decodes within 1 level (alpha 255)', () => {
  const dst = new Uint8ClampedArray(8);
  for (const t of VECTORS) {
    decodeYuyvToRgba(new Uint8Array([t.y0, t.u, t.y1, t.v]), 2, 1, 4, dst);
    assertNear(dst.subarray(0, 3), t.rgb0, 1, `${t.name} pixel 0`);
    assertNear(dst.subarray(4, 7), t.rgb1, 1, `${t.name} pixel 1`);
    assert.equal(dst[3], 255);
    assert.equal(dst[7], 255);
  }
});

test('all vectors in one frame, rows padded by bytesPerLine', () => {
  const width = 2;
  const bytesPerLine = 12; // 4 bytes of pixels, 8 bytes of padding the decoder must skip
  const src = new Uint8Array(bytesPerLine * VECTORS.length).fill(0xee);
  VECTORS.forEach((t, row) => src.set([t.y0, t.u, t.y1, t.v], row * bytesPerLine));
  const dst = new Uint8ClampedArray(width * VECTORS.length * 4);
  decodeYuyvToRgba(src, width, VECTORS.length, bytesPerLine, dst);
  VECTORS.forEach((t, row) => {
    assertNear(dst.subarray(row * 8, row * 8 + 3), t.rgb0, 1, `${t.name} pixel 0`);
    assertNear(dst.subarray(row * 8 + 4, row * 8 + 7), t.rgb1, 1, `${t.name} pixel 1`);
  });
});

test('the simulated picture shows the documented bar colours', () => {
  for (const [width, height] of [[640, 480], [320, 240]]) {
    const dst = new Uint8ClampedArray(width * height * 4);
    decodeYuyvToRgba(pictureYuyv(7, width, height), width, height, width * 2, dst);
    const row = Math.floor(height / 2);
    BARS.forEach(([name, , , , rgb], bar) => {
      const x = Math.floor((bar + 0.5) * (width / 8));
      const i = (row * width + x) * 4;
      assertNear(dst.subarray(i, i + 3), rgb, 1, `${width}x${height} ${name} bar`);
    });
  }
});

test('rejects a destination that would not round and clamp', () => {
  assert.throws(
    () => decodeYuyvToRgba(new Uint8Array(4), 2, 1, 4, new Uint8Array(8)),
    TypeError,
  );
});

test('rejects buffers too small for the geometry', () => {
  assert.throws(() => decodeYuyvToRgba(new Uint8Array(4), 2, 2, 4, new Uint8ClampedArray(16)), RangeError);
  assert.throws(() => decodeYuyvToRgba(new Uint8Array(8), 2, 2, 4, new Uint8ClampedArray(8)), RangeError);
  assert.throws(() => decodeYuyvToRgba(new Uint8Array(8), 3, 1, 6, new Uint8ClampedArray(12)), RangeError);
});
