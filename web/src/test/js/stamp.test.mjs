import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStamp } from '../../main/resources/io/eyetoystreamer/web/static/stamp.js';
import { decodeYuyvToRgba } from '../../main/resources/io/eyetoystreamer/web/static/yuyv.js';
import { pictureYuyv } from './picture.mjs';

function decoded(n, width, height) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  decodeYuyvToRgba(pictureYuyv(n, width, height), width, height, width * 2, rgba);
  return (x, y) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
}

for (const [width, height] of [[640, 480], [320, 240]]) {
  test(`top and bottom stamps decode to the frame number at ${width}x${height}`, () => {
    for (const n of [0, 1, 2, 0x55aa55aa, 0x80000000, 0xffffffff, 123456]) {
      const pixel = decoded(n, width, height);
      assert.equal(decodeStamp(pixel, width, height, 'top'), n);
      assert.equal(decodeStamp(pixel, width, height, 'bottom'), n);
    }
  });
}

test('a torn frame shows different top and bottom stamps', () => {
  const width = 640;
  const height = 480;
  const top = decoded(10, width, height);
  const bottom = decoded(11, width, height);
  const torn = (x, y) => (y < height / 2 ? top(x, y) : bottom(x, y));
  assert.equal(decodeStamp(torn, width, height, 'top'), 10);
  assert.equal(decodeStamp(torn, width, height, 'bottom'), 11);
});
