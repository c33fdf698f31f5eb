// Reads the simulated camera's sequence stamp back from decoded pixels (ARCHITECTURE.md, "The
// simulated Eyetoy's picture"): rows 0..S-1 (top) and H-S..H-1 (bottom), S = H / 30, hold 32
// blocks W / 32 wide; block k from the left is bit 31 - k, bright (Y 235) for 1, dark (Y 16) for 0.

/**
 * Decodes the 32-bit stamp. getPixel(x, y) returns [r, g, b, ...] at frame coordinates (y = 0 is
 * the top row). which is 'top' or 'bottom'. Samples the centre of each block and takes luminance
 * above 128 as 1. Returns an unsigned Number.
 */
export function decodeStamp(getPixel, width, height, which = 'top') {
  const rows = Math.floor(height / 30);
  const block = width / 32;
  const y = which === 'bottom' ? height - rows + Math.floor(rows / 2) : Math.floor(rows / 2);
  let value = 0;
  for (let k = 0; k < 32; k++) {
    const [r, g, b] = getPixel(Math.floor(k * block + block / 2), y);
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    value = value * 2 + (luma > 128 ? 1 : 0);
  }
  return value;
}
