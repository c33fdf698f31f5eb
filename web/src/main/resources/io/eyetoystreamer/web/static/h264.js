// H.264 access units as the server sends them (ARCHITECTURE.md: kind 2, Annex-B, flags bit 0 on a
// key frame). Pure functions, no DOM: the page and Node's tests both import this module.

export const KIND_H264 = 2;
export const FOURCC_H264 = 0x34363248; // 'H264' little-endian
export const FLAG_KEY_FRAME = 1;

/** The NAL units of an Annex-B access unit: [{ type, start, end }], start after the start code. */
export function nalUnits(bytes) {
  const units = [];
  let zeros = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0) {
      zeros++;
      continue;
    }
    if (b === 1 && zeros >= 2 && i + 1 < bytes.length) {
      if (units.length > 0) {
        units[units.length - 1].end = i - Math.min(zeros, 3);
      }
      units.push({ type: bytes[i + 1] & 0x1f, start: i + 1, end: bytes.length });
    }
    zeros = 0;
  }
  return units;
}

/**
 * The WebCodecs codec string of the stream an access unit with an SPS belongs to, e.g.
 * 'avc1.42c01e' (profile_idc, the constraint flags and level_idc of RFC 6381), or null if the unit
 * has no SPS.
 */
export function codecString(bytes) {
  const sps = nalUnits(bytes).find((u) => u.type === 7);
  if (!sps || sps.end - sps.start < 4) return null;
  const hex = (b) => b.toString(16).padStart(2, '0');
  return `avc1.${hex(bytes[sps.start + 1])}${hex(bytes[sps.start + 2])}${hex(bytes[sps.start + 3])}`;
}

/** Whether the header's flags mark a key frame. */
export function isKeyFrame(header) {
  return (header.bytesPerLine & FLAG_KEY_FRAME) !== 0;
}
