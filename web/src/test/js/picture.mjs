// Test helper: the simulated Eyetoy's picture (ARCHITECTURE.md, "The simulated Eyetoy's
// picture") as YUYV bytes, and a /ws frame message around it. Written from the document alone.

export const BARS = [
  // name, Y, U, V, documented RGB
  ['white', 180, 128, 128, [191, 191, 191]],
  ['yellow', 162, 44, 142, [191, 191, 0]],
  ['cyan', 131, 156, 44, [0, 191, 191]],
  ['green', 112, 72, 58, [0, 191, 0]],
  ['magenta', 84, 184, 198, [191, 0, 191]],
  ['red', 65, 100, 212, [191, 0, 0]],
  ['blue', 35, 212, 114, [0, 0, 191]],
  ['black', 16, 128, 128, [0, 0, 0]],
];

/** YUYV bytes of frame n (driver sequence), width x height, rows bytesPerLine apart. */
export function pictureYuyv(n, width, height, bytesPerLine = width * 2, out = null) {
  const s = height / 30;
  const m = height / 10;
  const frame = out || new Uint8Array(bytesPerLine * height);
  const boxLeft = Math.floor(((8 * n) % (width - m)) / 2) * 2;
  // [Y, U, V] of pixel x in a row; every region edge is even, so a pixel pair shares U and V.
  const yuv = (row, x) => {
    if (row < s || row >= height - s) {
      const bit = Math.floor(n / 2 ** (31 - Math.floor(x / (width / 32)))) % 2;
      return [bit ? 235 : 16, 128, 128];
    }
    if (row < height - s - m) return BARS[Math.floor(x / (width / 8))].slice(1, 4);
    return [x >= boxLeft && x < boxLeft + m ? 235 : 16, 128, 128];
  };
  for (let row = 0; row < height; row++) {
    for (let x = 0; x < width; x += 2) {
      const [y0, u, v] = yuv(row, x);
      const i = row * bytesPerLine + x * 2;
      frame[i] = y0;
      frame[i + 1] = u;
      frame[i + 2] = yuv(row, x + 1)[0];
      frame[i + 3] = v;
    }
  }
  return frame;
}

/** One /ws binary message: the 32-byte header, then the frame. */
export function frameMessage(sequence, frame, width, height, bytesPerLine = width * 2, headerBytes = 32) {
  const buffer = new ArrayBuffer(headerBytes + frame.length);
  const view = new DataView(buffer);
  view.setUint16(0, headerBytes, true);
  view.setUint8(2, 1);
  view.setUint8(3, 0);
  view.setUint32(4, 0x56595559, true);
  view.setBigUint64(8, BigInt(sequence), true);
  view.setBigUint64(16, 123456789n, true);
  view.setUint16(24, width, true);
  view.setUint16(26, height, true);
  view.setUint32(28, bytesPerLine, true);
  new Uint8Array(buffer, headerBytes).set(frame);
  return buffer;
}
