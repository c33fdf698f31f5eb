// eyetoy-streamer viewer: connects to /ws, decodes each frame (WebGL2, or JavaScript in a Web
// Worker) and draws only the newest one on the canvas. Formats: ARCHITECTURE.md.
//
// URL parameters: ?decoder=js forces the JavaScript decoder (default: WebGL2 when available).
//   ?format=h264 asks the server for H.264 (decoded by WebCodecs), ?format=jpeg for JPEG frames
//   (drawn with the browser's image decoder), ?format=raw for raw YUYV. The default is raw on
//   localhost (no network to cross); elsewhere H.264 when both the browser (VideoDecoder) and the
//   server (HEAD /stream.h264 answers 200) can, else JPEG (a raw 640x480 stream needs about
//   147 Mbit/s, JPEG 8-15, H.264 about 1). ?fps=N asks the server for at most N raw or JPEG frames
//   a second.
//
// Test hooks (for Selenium; read with executeScript, all values live):
//   window.eyetoyViewer = {
//     state,           // 'connecting' | 'open' | 'closed' (closed = waiting to reconnect)
//     camera,          // 'unknown' | 'online' | 'offline', from the last status message
//     noSignal,        // true while the "no signal" overlay is shown
//     decoder,         // 'webgl' | 'js' | 'jpeg' | 'h264'
//     format,          // 'raw' | 'jpeg' | 'h264': what this viewer asked the server for
//     kbps,            // kilobits per second received, over the last second or so
//     decodeQueue,     // H.264: units waiting in the browser's decoder
//     lateSkips,       // H.264: times the decoder fell behind and skipped to the next key frame
//     framesReceived,  // binary frame messages received (all kinds)
//     framesDrawn,     // frames drawn on the canvas
//     fps,             // frames drawn per second, over the last second or so
//     skipped,         // skippedBySender + dropped
//     skippedBySender, // frames missing from the header sequence within one connection
//                      // (the server skipped them for this viewer)
//     dropped,         // frames received but replaced by a newer one before they were drawn
//     lastSequence,    // header sequence of the frame on the canvas (0 = none yet)
//     width, height,   // size of the frame on the canvas (0 = none yet)
//     reconnects,      // connections lost so far
//     openedAtMs,      // performance.now() when the last WebSocket opened (0 = not yet)
//     firstDrawnAtMs,  // performance.now() when that connection's first frame was drawn (0 = not yet)
//     lastError,       // message of the last malformed message or decoder error, or null
//     readPixel(x, y), // [r, g, b, a] on the canvas at frame coordinates (0,0 = top left), or
//                      // null before the first frame or outside it
//     readStamp(which),// the simulated camera's 32-bit stamp decoded from the canvas, which =
//                      // 'top' (default) or 'bottom'; null before the first frame
//     snapshot(),      // downloads a PNG of the canvas (what the snapshot button does)
//     controls,        // the camera's controls as the panel last read them (GET /controls, values
//                      // kept current by `controls` messages and POST answers), or null before
//                      // the panel was first opened
//     controlsError,   // the panel's last error (the server's answer to a refused change), or null
//   };
import { parseHeader, parseStatus, sequenceGap, KIND_RAW, KIND_JPEG } from './protocol.js';
import { decodeStamp } from './stamp.js';
import { createWebGlDecoder } from './webgl-decoder.js';
import { createJsDecoder } from './js-decoder.js';
import { createJpegDecoder } from './jpeg-decoder.js';
import { KIND_H264 } from './h264.js';
import { createH264Decoder, h264Supported } from './h264-decoder.js';
import { parseControlsMessage } from './controls.js';
import { createControlsPanel } from './controls-panel.js';

const NO_FRAME_MS = 2000; // "no signal" when nothing was drawn for this long
const BACKOFF_FIRST_MS = 500;
const BACKOFF_CAP_MS = 10000;

const $ = (id) => document.getElementById(id);
const stage = $('stage');
let canvas = $('screen');

const viewer = {
  state: 'connecting',
  camera: 'unknown',
  noSignal: true,
  decoder: null,
  format: null,
  framesReceived: 0,
  framesDrawn: 0,
  fps: 0,
  kbps: 0,
  decodeQueue: 0,
  lateSkips: 0,
  skipped: 0,
  skippedBySender: 0,
  dropped: 0,
  lastSequence: 0,
  width: 0,
  height: 0,
  reconnects: 0,
  openedAtMs: 0,
  firstDrawnAtMs: 0,
  lastError: null,
  readPixel(x, y) {
    if (viewer.framesDrawn === 0 || !(x >= 0 && y >= 0 && x < viewer.width && y < viewer.height)) {
      return null;
    }
    return decoder.readPixel(Math.floor(x), Math.floor(y));
  },
  readStamp(which = 'top') {
    if (viewer.framesDrawn === 0) return null;
    return decodeStamp(viewer.readPixel, viewer.width, viewer.height, which);
  },
  snapshot,
  controls: null,
  controlsError: null,
};
window.eyetoyViewer = viewer;

const panel = createControlsPanel($('controls'), {
  changed(list, error) {
    viewer.controls = list;
    viewer.controlsError = error;
  },
});

let decoder = null;

async function chooseFormat() {
  const asked = new URLSearchParams(location.search).get('format');
  if (asked === 'jpeg' || asked === 'raw' || asked === 'h264') return asked;
  const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(location.hostname);
  if (local) return 'raw';
  return (await h264Supported()) && (await serverHasH264()) ? 'h264' : 'jpeg';
}

async function serverHasH264() {
  try {
    const r = await fetch('stream.h264', { method: 'HEAD', cache: 'no-store' });
    return r.ok;
  } catch {
    return false;
  }
}

function createDecoder(format) {
  if (format === 'jpeg') return createJpegDecoder(canvas);
  if (format === 'h264') {
    return createH264Decoder(
      canvas,
      pictureDrawn,
      (message) => {
        viewer.lastError = message;
      },
      askForKeyFrame,
    );
  }
  return chooseDecoder();
}

function chooseDecoder() {
  if (new URLSearchParams(location.search).get('decoder') !== 'js') {
    try {
      const webgl = createWebGlDecoder(canvas);
      if (webgl) return webgl;
    } catch (e) {
      console.warn('WebGL2 decoder failed, using the JavaScript decoder', e);
      const fresh = canvas.cloneNode(); // a canvas keeps its first context type
      canvas.replaceWith(fresh);
      canvas = fresh;
    }
  }
  return createJsDecoder(canvas);
}

// ---- Frames: keep only the newest, draw it at the next animation frame ----

let pending = null; // { buffer, header } not yet handed to the decoder
let busy = false; // the decoder is drawing (the JS worker is asynchronous)
let scheduled = false;
let lastReceivedSequence = 0;
let lastDrawnAt = 0;

function onFrame(buffer) {
  let h;
  try {
    h = parseHeader(buffer);
  } catch (e) {
    viewer.lastError = e.message;
    return;
  }
  viewer.framesReceived++;
  const gap = sequenceGap(lastReceivedSequence, h.sequence);
  lastReceivedSequence = h.sequence;
  viewer.skippedBySender += gap;
  if (h.kind === KIND_H264) {
    // Every unit to the decoder, in order; it draws the newest picture itself.
    viewer.skipped = viewer.skippedBySender + viewer.dropped;
    try {
      if (decoder.decodeH264) decoder.decodeH264(buffer, h);
      else viewer.lastError = `frame kind ${h.kind} not supported by the ${decoder.name} decoder`;
    } catch (e) {
      viewer.lastError = String(e && e.message ? e.message : e);
    }
    return;
  }
  if (pending) viewer.dropped++;
  viewer.skipped = viewer.skippedBySender + viewer.dropped;
  pending = { buffer, header: h };
  schedule();
}

function schedule() {
  if (pending && !busy && !scheduled) {
    scheduled = true;
    requestAnimationFrame(drawPending);
  }
}

async function drawPending() {
  scheduled = false;
  const frame = pending;
  pending = null;
  if (!frame) return;
  const h = frame.header;
  busy = true;
  try {
    let drawn;
    if (h.kind === KIND_RAW && decoder.drawYuyv) {
      drawn = await decoder.drawYuyv(frame.buffer, h);
    } else if (h.kind === KIND_JPEG && decoder.drawJpeg) {
      drawn = await decoder.drawJpeg(frame.buffer, h);
    } else {
      viewer.lastError = `frame kind ${h.kind} not supported by the ${decoder.name} decoder`;
      return;
    }
    if (!drawn) return;
    pictureDrawn(h);
  } catch (e) {
    viewer.lastError = String(e && e.message ? e.message : e);
    console.error('draw failed', e);
  } finally {
    busy = false;
    schedule();
  }
}

function pictureDrawn(h) {
  if (!viewer.firstDrawnAtMs) viewer.firstDrawnAtMs = performance.now();
  viewer.framesDrawn++;
  viewer.lastSequence = h.sequence;
  viewer.width = h.width;
  viewer.height = h.height;
  lastDrawnAt = performance.now();
}

// ---- Connection with exponential backoff ----

let attempts = 0;
let retryAt = 0;
let socket = null;
let keyFrameAskedAt = -Infinity;

/** Asks the server for an H.264 key frame (at most twice a second). */
function askForKeyFrame() {
  const now = performance.now();
  if (socket && socket.readyState === WebSocket.OPEN && now - keyFrameAskedAt >= 500) {
    keyFrameAskedAt = now;
    socket.send('{"type":"keyframe"}');
  }
}

function connect() {
  viewer.state = 'connecting';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const params = new URLSearchParams();
  if (viewer.format !== 'raw') params.set('format', viewer.format);
  if (decoder.restart) decoder.restart(); // a new stream starts at its first key frame
  const fps = new URLSearchParams(location.search).get('fps'); // ?fps=10: a lower rate for slow links
  if (fps) params.set('fps', fps);
  const query = params.toString() ? `?${params}` : '';
  const ws = new WebSocket(`${scheme}//${location.host}/ws${query}`);
  socket = ws;
  ws.binaryType = 'arraybuffer';
  lastReceivedSequence = 0; // frames missed while disconnected are not "skipped"
  let heard = false;
  ws.onopen = () => {
    viewer.state = 'open';
    viewer.openedAtMs = performance.now();
    viewer.firstDrawnAtMs = 0;
  };
  ws.onmessage = (event) => {
    if (!heard) {
      heard = true;
      attempts = 0; // only a connection that delivered something resets the backoff
    }
    if (typeof event.data === 'string') {
      const controls = parseControlsMessage(event.data);
      if (controls) panel.update(controls);
      else onStatus(event.data);
    } else {
      bytesReceived += event.data.byteLength;
      onFrame(event.data);
    }
  };
  ws.onclose = () => {
    viewer.state = 'closed';
    viewer.reconnects++;
    const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** attempts * (0.8 + 0.4 * Math.random()));
    attempts++;
    retryAt = performance.now() + delay;
    setTimeout(connect, delay);
    render();
  };
  render();
}

function onStatus(text) {
  const status = parseStatus(text);
  if (!status) return;
  if (status.camera === 'online' || status.camera === 'offline') viewer.camera = status.camera;
  $('message').textContent = status.message || '';
  render();
}

// ---- UI ----

let fpsSince = performance.now();
let fpsDrawn = 0;
let bytesReceived = 0;
let bytesCounted = 0;

function render() {
  const now = performance.now();
  if (now - fpsSince >= 1000) {
    viewer.fps = Math.round(((viewer.framesDrawn - fpsDrawn) * 10000) / (now - fpsSince)) / 10;
    viewer.kbps = Math.round(((bytesReceived - bytesCounted) * 8) / (now - fpsSince));
    fpsSince = now;
    fpsDrawn = viewer.framesDrawn;
    bytesCounted = bytesReceived;
  }
  const stale = viewer.framesDrawn === 0 || now - lastDrawnAt > NO_FRAME_MS;
  viewer.noSignal = viewer.state !== 'open' || viewer.camera === 'offline' || stale;
  let why = '';
  if (viewer.state === 'closed') {
    why = `disconnected, retrying in ${Math.max(0, Math.ceil((retryAt - now) / 1000))} s`;
  } else if (viewer.state === 'connecting') {
    why = 'connecting…';
  } else if (viewer.camera === 'offline') {
    why = 'camera offline';
  } else if (stale) {
    why = 'waiting for frames';
  }
  $('overlay').hidden = !viewer.noSignal;
  $('why').textContent = why;
  $('state').textContent = viewer.state;
  $('state').dataset.state = viewer.state;
  $('fps').textContent = viewer.fps.toFixed(1);
  $('kbps').textContent = String(viewer.kbps);
  viewer.decodeQueue = decoder && decoder.queued ? decoder.queued : 0;
  viewer.lateSkips = decoder && decoder.lateSkips ? decoder.lateSkips : 0;
  $('skipped').textContent = String(viewer.skipped);
  $('decoder').textContent = viewer.decoder || '–';
  $('size').textContent = viewer.width ? `${viewer.width}×${viewer.height}` : '–';
}

function snapshot() {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `eyetoy-${viewer.lastSequence}.png`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, 'image/png');
}

$('snapshot').addEventListener('click', snapshot);

$('controls-button').addEventListener('click', () => {
  $('controls-button').setAttribute('aria-pressed', String(panel.toggle()));
});

$('fit').addEventListener('click', () => {
  const fit = stage.classList.toggle('fit');
  $('fit').setAttribute('aria-pressed', String(fit));
});

const requestFullscreen = stage.requestFullscreen || stage.webkitRequestFullscreen;
if (requestFullscreen) {
  $('fullscreen').addEventListener('click', () => {
    if (document.fullscreenElement || document.webkitFullscreenElement) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else {
      requestFullscreen.call(stage);
    }
  });
} else {
  $('fullscreen').hidden = true; // e.g. iPhone Safari: no element fullscreen
}

async function start() {
  viewer.format = await chooseFormat();
  decoder = createDecoder(viewer.format);
  viewer.decoder = decoder.name;
  setInterval(render, 250);
  connect();
}

start();
