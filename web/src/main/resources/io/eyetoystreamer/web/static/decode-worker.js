// Module Web Worker for the JavaScript decoder. Message in: { frame: ArrayBuffer, header, rgba:
// ArrayBuffer or null }; both buffers are transferred, not copied. It decodes into rgba (allocated
// here only when missing or of the wrong size) and transfers it back: { rgba, header }.
import { decodeYuyvToRgba } from './yuyv.js';

self.onmessage = (event) => {
  const { frame, header: h } = event.data;
  let rgba = event.data.rgba;
  const need = h.width * h.height * 4;
  if (!rgba || rgba.byteLength !== need) {
    rgba = new ArrayBuffer(need);
  }
  const src = new Uint8Array(frame, h.frameOffset, h.frameBytes);
  decodeYuyvToRgba(src, h.width, h.height, h.bytesPerLine, new Uint8ClampedArray(rgba));
  self.postMessage({ rgba, header: h }, [rgba]);
};
