// JavaScript decoder: YUYV -> RGBA in a module Web Worker (decode-worker.js), drawn with
// putImageData on a 2D canvas. One RGBA buffer travels main -> worker -> main for every frame
// (transferred, never copied or reallocated while the size stays). If module workers are not
// available, the same decoder runs on the main thread into one reused ImageData.
import { decodeYuyvToRgba } from './yuyv.js';

/** Returns a decoder drawing on canvas with a 2D context. */
export function createJsDecoder(canvas) {
  const ctx = canvas.getContext('2d', { alpha: false });
  let rgba = null; // the RGBA buffer while it is on this side
  let inlineImage = null; // main-thread fallback only
  let worker = null;
  let resolveDraw = null;
  try {
    worker = new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => {
      const { rgba: back, header: h } = event.data;
      rgba = back;
      resize(h);
      ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), h.width, h.height), 0, 0);
      const done = resolveDraw;
      resolveDraw = null;
      done(true);
    };
    worker.onerror = (event) => {
      console.warn('decode worker failed, decoding on the main thread', event.message);
      worker = null;
      if (resolveDraw) {
        const done = resolveDraw;
        resolveDraw = null;
        done(false);
      }
    };
  } catch (e) {
    console.warn('no module workers, decoding on the main thread', e);
    worker = null;
  }

  function resize(h) {
    if (canvas.width !== h.width || canvas.height !== h.height) {
      canvas.width = h.width;
      canvas.height = h.height;
    }
  }

  return {
    name: 'js',
    /**
     * Draws a raw YUYV frame. The frame buffer is handed to the worker (detached here). Returns
     * a Promise of true once the frame is on the canvas (false if the worker died with it); the
     * caller sends no other frame before that.
     */
    drawYuyv(buffer, h) {
      if (!worker) {
        resize(h);
        if (!inlineImage || inlineImage.width !== h.width || inlineImage.height !== h.height) {
          inlineImage = ctx.createImageData(h.width, h.height);
        }
        const src = new Uint8Array(buffer, h.frameOffset, h.frameBytes);
        decodeYuyvToRgba(src, h.width, h.height, h.bytesPerLine, inlineImage.data);
        ctx.putImageData(inlineImage, 0, 0);
        return Promise.resolve(true);
      }
      return new Promise((resolve) => {
        resolveDraw = resolve;
        const transfer = rgba ? [buffer, rgba] : [buffer];
        worker.postMessage({ frame: buffer, header: h, rgba }, transfer);
        rgba = null;
      });
    },
    /** [r, g, b, a] at frame coordinates of what is on the canvas. */
    readPixel(x, y) {
      return Array.from(ctx.getImageData(x, y, 1, 1).data);
    },
  };
}
