// YUYV (4:2:2, bytes Y0 U Y1 V per pixel pair) to RGBA, BT.601 limited range (ARCHITECTURE.md):
// c = Y - 16, d = U - 128, e = V - 128
// R = 1.164383 c + 1.596027 e
// G = 1.164383 c - 0.391762 d - 0.812968 e
// B = 1.164383 c + 2.017232 d
// each rounded and clamped to 0..255. Pure: the decode worker and Node's tests import it.

export const KY = 1.164383;
export const KRV = 1.596027;
export const KGU = 0.391762;
export const KGV = 0.812968;
export const KBU = 2.017232;

// Per-byte-value tables, so the inner loop is only loads and adds.
const Y = new Float64Array(256);
const RV = new Float64Array(256);
const GUV_U = new Float64Array(256);
const GUV_V = new Float64Array(256);
const BU = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  Y[i] = KY * (i - 16);
  RV[i] = KRV * (i - 128);
  GUV_U[i] = -KGU * (i - 128);
  GUV_V[i] = -KGV * (i - 128);
  BU[i] = KBU * (i - 128);
}

/**
 * Decodes one YUYV frame into RGBA.
 * src: Uint8Array whose index 0 is the frame's first byte (rows bytesPerLine apart);
 * dst: Uint8ClampedArray of at least width * height * 4 bytes (e.g. ImageData.data). Storing
 * into a Uint8ClampedArray rounds to nearest and clamps to 0..255, which is the formula's
 * "rounded and clamped". Returns dst.
 */
export function decodeYuyvToRgba(src, width, height, bytesPerLine, dst) {
  if (!(dst instanceof Uint8ClampedArray)) {
    throw new TypeError('dst must be a Uint8ClampedArray (it rounds and clamps)');
  }
  if (width % 2 !== 0 || bytesPerLine < width * 2) {
    throw new RangeError(`bad geometry ${width}x${height}, bytesPerLine ${bytesPerLine}`);
  }
  if (src.length < bytesPerLine * (height - 1) + width * 2 || dst.length < width * height * 4) {
    throw new RangeError('buffer too small for the frame');
  }
  let o = 0;
  for (let row = 0; row < height; row++) {
    let i = row * bytesPerLine;
    const end = i + width * 2;
    for (; i < end; i += 4) {
      const u = src[i + 1];
      const v = src[i + 3];
      const r = RV[v];
      const g = GUV_U[u] + GUV_V[v];
      const b = BU[u];
      const y0 = Y[src[i]];
      const y1 = Y[src[i + 2]];
      dst[o] = y0 + r;
      dst[o + 1] = y0 + g;
      dst[o + 2] = y0 + b;
      dst[o + 3] = 255;
      dst[o + 4] = y1 + r;
      dst[o + 5] = y1 + g;
      dst[o + 6] = y1 + b;
      dst[o + 7] = 255;
      o += 8;
    }
  }
  return dst;
}
