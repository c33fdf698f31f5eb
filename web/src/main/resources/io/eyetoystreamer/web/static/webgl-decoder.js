// WebGL2 decoder: the YUYV frame is uploaded as an RGBA8 texture of width/2 x height (one texel
// = one pixel pair: r = Y0, g = U, b = Y1, a = V) and converted in the fragment shader with the
// BT.601 limited-range coefficients of ARCHITECTURE.md. One texture, reused while the size stays.

const VERTEX = `#version 300 es
void main() {
  // One triangle that covers the viewport; no vertex buffers.
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_frame;
uniform int u_height;
out vec4 outColor;
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);            // canvas pixel, y up; canvas size = frame size
  vec4 t = texelFetch(u_frame, ivec2(p.x >> 1, u_height - 1 - p.y), 0) * 255.0;
  float c = ((p.x & 1) == 0 ? t.r : t.b) - 16.0;  // Y0 for even x, Y1 for odd x
  float d = t.g - 128.0;
  float e = t.a - 128.0;
  vec3 rgb = vec3(1.164383 * c + 1.596027 * e,
                  1.164383 * c - 0.391762 * d - 0.812968 * e,
                  1.164383 * c + 2.017232 * d);
  outColor = vec4(clamp(rgb, 0.0, 255.0) / 255.0, 1.0);
}`;

/** Returns a decoder drawing on canvas with WebGL2, or null if WebGL2 is not available. */
export function createWebGlDecoder(canvas) {
  const gl = canvas.getContext('webgl2', {
    preserveDrawingBuffer: true, // so readPixel() and snapshots see the last frame
    alpha: false,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: false,
  });
  if (!gl) {
    return null;
  }
  let heightLocation = null;
  let texWidth = 0;
  let texHeight = 0;
  function setup() {
    const program = link(gl);
    gl.useProgram(program);
    heightLocation = gl.getUniformLocation(program, 'u_height');
    gl.uniform1i(gl.getUniformLocation(program, 'u_frame'), 0);
    gl.bindVertexArray(gl.createVertexArray());
    gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    texWidth = 0; // the texture is (re)allocated by the next frame
    texHeight = 0;
  }
  setup();
  // A phone may drop the GPU context (e.g. in the background): ask for it back, then rebuild.
  canvas.addEventListener('webglcontextlost', (event) => event.preventDefault());
  canvas.addEventListener('webglcontextrestored', setup);
  let scratch = null; // only for a bytesPerLine that is not a whole number of texels

  return {
    name: 'webgl',
    /** Draws a raw YUYV frame (header from protocol.js) synchronously; false if it could not. */
    drawYuyv(buffer, h) {
      if (gl.isContextLost()) return false; // frames are dropped until the context is back
      const pairs = h.width / 2;
      if (canvas.width !== h.width || canvas.height !== h.height) {
        canvas.width = h.width;
        canvas.height = h.height;
      }
      if (texWidth !== pairs || texHeight !== h.height) {
        texWidth = pairs;
        texHeight = h.height;
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, pairs, h.height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
        gl.uniform1i(heightLocation, h.height);
        gl.viewport(0, 0, h.width, h.height);
      }
      let pixels;
      if (h.bytesPerLine % 4 === 0) {
        gl.pixelStorei(gl.UNPACK_ROW_LENGTH, h.bytesPerLine / 4);
        pixels = new Uint8Array(buffer, h.frameOffset, h.bytesPerLine * h.height);
      } else {
        // Odd padding: repack rows tightly (rare; real YUYV lines are multiples of 4 bytes).
        gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);
        const row = h.width * 2;
        if (!scratch || scratch.length !== row * h.height) scratch = new Uint8Array(row * h.height);
        for (let y = 0; y < h.height; y++) {
          scratch.set(new Uint8Array(buffer, h.frameOffset + y * h.bytesPerLine, row), y * row);
        }
        pixels = scratch;
      }
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, pairs, h.height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      return true;
    },
    /** [r, g, b, a] at frame coordinates (y = 0 is the top row) of what is on the canvas. */
    readPixel(x, y) {
      const out = new Uint8Array(4);
      gl.readPixels(x, canvas.height - 1 - y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
      return Array.from(out);
    },
  };
}

function link(gl) {
  const program = gl.createProgram();
  for (const [type, source] of [[gl.VERTEX_SHADER, VERTEX], [gl.FRAGMENT_SHADER, FRAGMENT]]) {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error('shader: ' + gl.getShaderInfoLog(shader));
    }
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error('program: ' + gl.getProgramInfoLog(program));
  }
  return program;
}
