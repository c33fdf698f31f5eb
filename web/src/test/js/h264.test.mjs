import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  nalUnits,
  codecString,
  isKeyFrame,
} from '../../main/resources/io/eyetoystreamer/web/static/h264.js';

// SPS (Constrained Baseline, level 3.0), PPS, IDR: a key frame as the server sends it.
const keyFrame = new Uint8Array([
  0, 0, 0, 1, 0x67, 0x42, 0xc0, 0x1e, 0xda, 0x02, 0x80,
  0, 0, 0, 1, 0x68, 0xce, 0x3c, 0x80,
  0, 0, 1, 0x65, 0x88, 0x84, 0x00,
]);

test('finds each NAL unit after its start code, three- or four-byte', () => {
  assert.deepEqual(
    nalUnits(keyFrame).map((u) => [u.type, u.start, u.end]),
    [
      [7, 4, 11],
      [8, 15, 19],
      [5, 22, 26],
    ],
  );
});

test('the codec string comes from the SPS: profile, constraint flags, level', () => {
  assert.equal(codecString(keyFrame), 'avc1.42c01e');
});

test('a unit without an SPS has no codec string', () => {
  assert.equal(codecString(new Uint8Array([0, 0, 0, 1, 0x41, 0x9a])), null);
});

test('the key frame flag is bit 0 of the header word at offset 28', () => {
  assert.equal(isKeyFrame({ bytesPerLine: 1 }), true);
  assert.equal(isKeyFrame({ bytesPerLine: 0 }), false);
});
