// H.264 decoder: access units (kind 2) decoded by the browser's WebCodecs VideoDecoder (hardware
// where the platform has it) and drawn on a 2D canvas. Unlike raw and JPEG frames, every unit must
// reach the decoder in order (each depends on the ones before), and each decoded picture is drawn.
// A decoder error waits for the next key frame and starts again; so does a decoder that falls more
// than MAX_QUEUED units behind (a live picture, not a late one).
import { codecString, isKeyFrame } from './h264.js';

// Units the decoder may hold before the picture counts as late: past this a slow device skips
// to the next key frame (at most 2 s away) instead of falling further behind the camera.
const MAX_QUEUED = 8;

/** Whether this browser can decode the server's H.264 (Constrained Baseline, 640x480). */
export async function h264Supported() {
  if (typeof VideoDecoder === 'undefined') return false;
  try {
    const r = await VideoDecoder.isConfigSupported({ codec: 'avc1.42e01e', codedWidth: 640, codedHeight: 480 });
    return r.supported === true;
  } catch {
    return false;
  }
}

/**
 * Returns a decoder drawing H.264 on canvas. onPicture(header) is called for each picture drawn;
 * onError(message) for a decoder error; needKeyFrame() when it waits for a key frame after falling
 * behind or failing (the page asks the server for one rather than wait for the next periodic one).
 */
export function createH264Decoder(canvas, onPicture, onError, needKeyFrame = () => {}) {
  const ctx = canvas.getContext('2d', { alpha: false });
  let decoder = null;
  let codec = null;
  let waitingForKey = true;
  const headers = new Map(); // timestamp -> header, for the pictures the decoder gives back

  // Each picture is drawn as soon as it is decoded (a copy on the GPU or a memcpy): what is on
  // the canvas at the next screen refresh is the newest one.
  function output(frame) {
    const header = headers.get(frame.timestamp);
    headers.delete(frame.timestamp);
    try {
      if (canvas.width !== frame.displayWidth || canvas.height !== frame.displayHeight) {
        canvas.width = frame.displayWidth;
        canvas.height = frame.displayHeight;
      }
      ctx.drawImage(frame, 0, 0);
    } finally {
      frame.close();
    }
    if (header) onPicture(header);
  }

  function reset(message) {
    if (decoder && decoder.state !== 'closed') decoder.close();
    decoder = null;
    codec = null;
    waitingForKey = true;
    headers.clear();
    if (message) {
      onError(message);
      needKeyFrame();
    }
  }

  const api = {
    name: 'h264',
    lateSkips: 0, // times the decoder fell behind and skipped to the next key frame
    /** Feeds one access unit; true if it went to the decoder. */
    decodeH264(buffer, h) {
      const bytes = new Uint8Array(buffer, h.frameOffset, h.frameBytes);
      const key = isKeyFrame(h);
      const late = decoder !== null && decoder.decodeQueueSize > MAX_QUEUED;
      if (late && !key && !waitingForKey) {
        waitingForKey = true;
        api.lateSkips++;
        needKeyFrame();
      }
      if (waitingForKey && !key) return false;
      if (key) {
        const wanted = codecString(bytes);
        if (!wanted) {
          reset('key frame without an SPS');
          return false;
        }
        if (!decoder || wanted !== codec || late) {
          reset();
          decoder = new VideoDecoder({ output, error: (e) => reset(`H.264 decoder: ${e.message}`) });
          // No description: the units are Annex-B, with SPS and PPS in every key frame.
          decoder.configure({ codec: wanted, optimizeForLatency: true });
          codec = wanted;
        }
        waitingForKey = false;
      }
      const timestamp = h.sequence; // unique per unit; the decoder hands it back with the picture
      headers.set(timestamp, h);
      if (headers.size > 64) headers.delete(headers.keys().next().value); // never given back
      decoder.decode(new EncodedVideoChunk({ type: key ? 'key' : 'delta', timestamp, data: bytes }));
      return true;
    },
    /** Units handed to the decoder and not yet decoded. */
    get queued() {
      return decoder ? decoder.decodeQueueSize : 0;
    },
    /** Starts over at the next key frame (a new connection). */
    restart() {
      reset();
    },
    /** [r, g, b, a] at frame coordinates of what is on the canvas. */
    readPixel(x, y) {
      return Array.from(ctx.getImageData(x, y, 1, 1).data);
    },
  };
  return api;
}
