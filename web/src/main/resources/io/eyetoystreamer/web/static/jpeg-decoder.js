// JPEG "decoder": frames of kind 1 (one JPEG each, encoded once on the server) decoded by the
// browser's own image decoder (createImageBitmap, off the main thread) and drawn on a 2D canvas.
// Used when the viewer asks the server for JPEG (?format=jpeg, the default away from localhost).

/** Returns a decoder drawing JPEG frames on canvas with a 2D context. */
export function createJpegDecoder(canvas) {
  const ctx = canvas.getContext('2d', { alpha: false });
  return {
    name: 'jpeg',
    /** Draws a JPEG frame; a Promise of true once it is on the canvas. */
    async drawJpeg(buffer, h) {
      const blob = new Blob([new Uint8Array(buffer, h.frameOffset, h.frameBytes)], {
        type: 'image/jpeg',
      });
      const bitmap = await createImageBitmap(blob);
      try {
        if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
        }
        ctx.drawImage(bitmap, 0, 0);
      } finally {
        bitmap.close();
      }
      return true;
    },
    /** [r, g, b, a] at frame coordinates of what is on the canvas. */
    readPixel(x, y) {
      return Array.from(ctx.getImageData(x, y, 1, 1).data);
    },
  };
}
