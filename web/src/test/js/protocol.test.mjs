import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseHeader,
  parseStatus,
  sequenceGap,
  KIND_RAW,
  FOURCC_YUYV,
} from '../../main/resources/io/eyetoystreamer/web/static/protocol.js';
import { frameMessage } from './picture.mjs';

const frame4x2 = new Uint8Array(16).fill(128);

test('parses every field of a version 1 header', () => {
  const h = parseHeader(frameMessage(42, frame4x2, 4, 2));
  assert.equal(h.headerBytes, 32);
  assert.equal(h.version, 1);
  assert.equal(h.kind, KIND_RAW);
  assert.equal(h.fourcc, FOURCC_YUYV);
  assert.equal(h.sequence, 42);
  assert.equal(h.captureTimeNanos, 123456789n);
  assert.equal(h.width, 4);
  assert.equal(h.height, 2);
  assert.equal(h.bytesPerLine, 8);
  assert.equal(h.frameOffset, 32);
  assert.equal(h.frameBytes, 16);
});

test('reads the little-endian u64 sequence beyond 32 bits', () => {
  assert.equal(parseHeader(frameMessage(2 ** 40 + 3, frame4x2, 4, 2)).sequence, 2 ** 40 + 3);
});

test('honours a longer header: the frame starts at headerBytes', () => {
  const h = parseHeader(frameMessage(1, frame4x2, 4, 2, 8, 48));
  assert.equal(h.headerBytes, 48);
  assert.equal(h.frameOffset, 48);
  assert.equal(h.frameBytes, 16);
});

test('a 640x480 YUYV message is 32 + 614400 bytes', () => {
  const h = parseHeader(frameMessage(1, new Uint8Array(614400), 640, 480));
  assert.equal(h.bytesPerLine, 1280);
  assert.equal(h.frameBytes, 614400);
});

test('rejects malformed messages with a reason', () => {
  const bad = (mutate, pattern, buffer = frameMessage(1, frame4x2, 4, 2)) => {
    mutate(new DataView(buffer));
    assert.throws(() => parseHeader(buffer), pattern);
  };
  assert.throws(() => parseHeader(new ArrayBuffer(31)), /shorter than a header/);
  bad((v) => v.setUint16(0, 16, true), /bad headerBytes/);
  bad((v) => v.setUint16(0, 4000, true), /bad headerBytes/);
  bad((v) => v.setUint8(2, 0), /version/);
  bad((v) => v.setUint32(4, 0x47504a4d, true), /fourcc/);
  bad((v) => v.setUint16(24, 3, true), /size/);
  bad((v) => v.setUint32(28, 6, true), /bytesPerLine/);
  bad((v) => v.setUint16(26, 3, true), /need 24/);
});

test('a JPEG message is parsed without YUYV checks', () => {
  const buffer = frameMessage(5, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 640, 480);
  new DataView(buffer).setUint8(3, 1);
  new DataView(buffer).setUint32(4, 0, true);
  const h = parseHeader(buffer);
  assert.equal(h.kind, 1);
  assert.equal(h.frameBytes, 4);
});

test('parses status messages and ignores anything else', () => {
  assert.deepEqual(
    parseStatus('{"type":"status","camera":"offline","message":"gone","width":640,"height":480,"fps":30}'),
    { type: 'status', camera: 'offline', message: 'gone', width: 640, height: 480, fps: 30 },
  );
  assert.equal(parseStatus('not json'), null);
  assert.equal(parseStatus('null'), null);
  assert.equal(parseStatus('{"type":"other"}'), null);
});

test('sequence gaps count the frames the server skipped', () => {
  assert.equal(sequenceGap(0, 17), 0, 'first frame');
  assert.equal(sequenceGap(5, 6), 0);
  assert.equal(sequenceGap(5, 9), 3);
  assert.equal(sequenceGap(9, 2), 0, 'server restarted');
});
