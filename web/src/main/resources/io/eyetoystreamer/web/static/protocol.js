// The /ws message format (ARCHITECTURE.md, "Binary format: the WebSocket frame message").
// Pure functions, no DOM: the page and Node's tests both import this module.

export const HEADER_BYTES_V1 = 32;
export const KIND_RAW = 0; // YUYV
export const KIND_JPEG = 1;
export const FOURCC_YUYV = 0x56595559;

/**
 * Parses the little-endian header at the start of one binary message.
 * Returns { headerBytes, version, kind, fourcc, sequence, captureTimeNanos, width, height,
 * bytesPerLine, frameOffset, frameBytes }; sequence is a Number (exact below 2^53),
 * captureTimeNanos a BigInt. Throws an Error naming what is wrong with a malformed message.
 * A header longer than 32 bytes (a later version) is accepted: the frame starts at headerBytes.
 */
export function parseHeader(buffer) {
  if (buffer.byteLength < HEADER_BYTES_V1) {
    throw new Error(`message of ${buffer.byteLength} bytes is shorter than a header`);
  }
  const view = new DataView(buffer);
  const headerBytes = view.getUint16(0, true);
  const version = view.getUint8(2);
  if (headerBytes < HEADER_BYTES_V1 || headerBytes > buffer.byteLength) {
    throw new Error(`bad headerBytes ${headerBytes} in a message of ${buffer.byteLength} bytes`);
  }
  if (version < 1) {
    throw new Error(`bad header version ${version}`);
  }
  const h = {
    headerBytes,
    version,
    kind: view.getUint8(3),
    fourcc: view.getUint32(4, true),
    sequence: Number(view.getBigUint64(8, true)),
    captureTimeNanos: view.getBigUint64(16, true),
    width: view.getUint16(24, true),
    height: view.getUint16(26, true),
    bytesPerLine: view.getUint32(28, true),
    frameOffset: headerBytes,
    frameBytes: buffer.byteLength - headerBytes,
  };
  if (h.kind === KIND_RAW) {
    if (h.fourcc !== FOURCC_YUYV) {
      throw new Error(`unsupported raw fourcc 0x${h.fourcc.toString(16)}`);
    }
    if (h.width === 0 || h.height === 0 || h.width % 2 !== 0) {
      throw new Error(`bad YUYV size ${h.width}x${h.height}`);
    }
    if (h.bytesPerLine < h.width * 2) {
      throw new Error(`bytesPerLine ${h.bytesPerLine} < 2 * width ${h.width}`);
    }
    if (h.frameBytes < h.bytesPerLine * h.height) {
      throw new Error(`frame of ${h.frameBytes} bytes, need ${h.bytesPerLine * h.height}`);
    }
  }
  return h;
}

/** Parses a text message; returns the status object, or null if it is not a status update. */
export function parseStatus(text) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch {
    return null;
  }
  if (msg === null || typeof msg !== 'object' || msg.type !== 'status') {
    return null;
  }
  return msg;
}

/**
 * Counts frames the server skipped for this viewer from consecutive sequence numbers: returns
 * how many sequences lie strictly between previous and current (0 for the first frame, or when
 * the sequence went backwards, e.g. after a server restart).
 */
export function sequenceGap(previous, current) {
  if (previous <= 0 || current <= previous) {
    return 0;
  }
  return current - previous - 1;
}
