package io.eyetoystreamer.streamer.h264;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.Controls;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.EncoderInfo;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Fraction;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.MenuItem;
import io.eyetoystreamer.v4l2.RawBuffer;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.V4l2Exception;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * H.264 on a V4L2 mem2mem hardware encoder (the Raspberry Pi's {@code /dev/video11}, or the
 * simulated one of fake-eyetoy) through v4l2-api's {@link M2mEncoder}.
 *
 * <p>Opening sets the session up as {@link H264Encoder} promises: CAPTURE format {@code H264},
 * OUTPUT format {@code YUYV} when the encoder takes it (else {@code YU12} or {@code NV12},
 * converted here: luma as is, chroma the rounded average of each row pair) at exactly the settings'
 * size; the frame interval {@code 1/fps}; {@code video_bitrate} (clamped to the encoder's range and
 * rounded to its step), {@code h264_i_frame_period} (the key-frame period), {@code h264_profile}
 * Constrained Baseline (Baseline when that is all there is), {@code repeat_sequence_header} on,
 * {@code sequence_header_mode} "Joined With 1st Frame" (headers in the frame's buffer). Controls
 * the encoder lacks are skipped with a log line.
 *
 * <p>Each {@link #encode} copies the frame into the encoder's input buffer (row by row when the
 * strides differ), waits for its coded bytes, and writes them to {@code out}. A key frame asked for
 * presses {@code force_key_frame} (or, on an encoder without it, restarts the stream, whose first
 * picture is an IDR). Every IDR access unit leaves here with SPS and PPS in front: if the encoder
 * did not repeat them, the last ones it sent are put there. A frame the encoder flags as failed
 * ({@code V4L2_BUF_FLAG_ERROR}) is dropped (0 bytes) and the next frame is made a key frame, since
 * a viewer's picture may now differ from the encoder's reference. A device that goes away or fails
 * for good makes the session unusable: {@link H264EncoderException}, now and on every later call.
 *
 * <p>Threads and buffers: as {@link H264Encoder} says, one thread calls {@link #encode} and {@link
 * #close}; the frames and {@code out} are the caller's and are not kept.
 */
public final class M2mH264Encoder implements H264Encoder {
  private static final Logger LOG = Logger.getLogger(M2mH264Encoder.class.getName());

  /** The longest wait for an input buffer, and again for the coded frame. */
  static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  /** Room kept in {@link #maxAccessUnitBytes()} for SPS and PPS put in front of an IDR. */
  private static final int PARAMETER_SET_ROOM = 1024;

  /** The raw formats this adapter can feed, best first (YUYV needs no conversion). */
  private static final List<Integer> RAW_FORMATS = List.of(FourCc.YUYV, FourCc.YUV420, FourCc.NV12);

  private final M2mEncoder session;
  private final H264Settings settings;
  private final String name;
  private final int rawFormat;
  private final int rawBytesPerLine;
  private final int rawBytes;
  private final int maxAccessUnitBytes;
  private final boolean canForceKeyFrames;
  private final long timeoutMillis;
  private byte[] parameterSets;
  private boolean keyFrameOwed;
  private long stamp;
  private H264EncoderException broken;
  private boolean closed;

  private M2mH264Encoder(M2mEncoder session, H264Settings settings, long timeoutMillis) {
    this.session = session;
    this.settings = settings;
    this.timeoutMillis = timeoutMillis;
    Capabilities caps = session.capabilities();
    this.name = session.path() + " " + caps.card() + " (" + caps.driver() + ")";
    List<FormatDescription> coded = session.codedFormats();
    if (coded.stream().noneMatch(f -> f.pixelFormat() == FourCc.H264)) {
      throw new H264EncoderException(
          session.path() + " does not produce H.264; it produces " + coded);
    }
    session.setCodedFormat(FourCc.H264, 0);
    List<FormatDescription> raw = session.rawFormats();
    this.rawFormat =
        RAW_FORMATS.stream()
            .filter(f -> raw.stream().anyMatch(d -> d.pixelFormat() == f))
            .findFirst()
            .orElseThrow(
                () ->
                    new H264EncoderException(
                        session.path()
                            + " takes none of YUYV, YU12, NV12 for H.264; it takes "
                            + raw));
    Format asked = Format.of(settings.width(), settings.height(), rawFormat);
    Format got = session.setRawFormat(asked).actual();
    if (got.width() != settings.width() || got.height() != settings.height()) {
      throw new H264EncoderException(
          session.path()
              + " cannot encode "
              + settings.width()
              + "x"
              + settings.height()
              + ": it adjusted the size to "
              + got.width()
              + "x"
              + got.height());
    }
    int minimumStride = rawFormat == FourCc.YUYV ? settings.width() * 2 : settings.width();
    this.rawBytesPerLine = Math.max(minimumStride, got.bytesPerLine());
    this.rawBytes =
        rawFormat == FourCc.YUYV
            ? rawBytesPerLine * settings.height()
            : rawBytesPerLine * settings.height() * 3 / 2;
    try {
      session.setFrameInterval(new Fraction(1, settings.fps()));
    } catch (V4l2Exception e) {
      LOG.fine(() -> name + ": no frame interval (" + e.getMessage() + ")");
    }
    Controls controls = session.controls();
    setNearest(controls, "video_bitrate", settings.bitsPerSecond());
    setNearest(controls, "h264_i_frame_period", settings.keyFramePeriod());
    setProfile(controls);
    setNearest(controls, "repeat_sequence_header", 1);
    setMenu(controls, "sequence_header_mode", "Joined With 1st Frame");
    this.canForceKeyFrames = controls.find("force_key_frame").isPresent();
    if (!canForceKeyFrames) {
      LOG.info(name + " has no force_key_frame control: a key frame asked for restarts the stream");
    }
    session.start(2, 2);
    this.maxAccessUnitBytes = session.codedBufferBytes() + PARAMETER_SET_ROOM;
  }

  /**
   * Opens the mem2mem encoder at a device node (through the kernel, or the simulated devices when
   * {@code -Deyetoystreamer.v4l2.native=simulated}).
   *
   * @param devicePath e.g. {@code /dev/video11}
   * @param settings what to encode
   * @return the encoder, started
   * @throws H264EncoderException when the node cannot be opened, is no H.264 encoder, or refuses
   *     the settings; the message says which and why
   */
  public static M2mH264Encoder open(String devicePath, H264Settings settings) {
    return open(devicePath, settings, path -> M2mEncoder.open(path), DEFAULT_TIMEOUT_MILLIS);
  }

  /**
   * Opens the mem2mem encoder at a device node behind a given native seam (a simulated device).
   *
   * @param devicePath the node
   * @param sys the native seam
   * @param settings what to encode
   * @return the encoder, started
   * @throws H264EncoderException as {@link #open(String, H264Settings)}
   */
  public static M2mH264Encoder open(String devicePath, V4l2Native sys, H264Settings settings) {
    return open(devicePath, sys, settings, DEFAULT_TIMEOUT_MILLIS);
  }

  static M2mH264Encoder open(
      String devicePath, V4l2Native sys, H264Settings settings, long timeoutMillis) {
    Objects.requireNonNull(sys, "sys");
    return open(devicePath, settings, path -> M2mEncoder.open(path, sys), timeoutMillis);
  }

  private static M2mH264Encoder open(
      String devicePath,
      H264Settings settings,
      Function<String, M2mEncoder> opener,
      long timeoutMillis) {
    Objects.requireNonNull(devicePath, "devicePath");
    Objects.requireNonNull(settings, "settings");
    M2mEncoder session;
    try {
      session = opener.apply(devicePath);
    } catch (V4l2Exception e) {
      throw new H264EncoderException(
          "cannot open the H.264 encoder " + devicePath + ": " + e.getMessage(), e);
    }
    try {
      M2mH264Encoder encoder = new M2mH264Encoder(session, settings, timeoutMillis);
      LOG.info(
          () ->
              "H.264 on "
                  + encoder.name
                  + ": "
                  + settings.width()
                  + "x"
                  + settings.height()
                  + " "
                  + FourCc.toString(encoder.rawFormat)
                  + " in, "
                  + settings.bitsPerSecond()
                  + " bit/s, a key frame every "
                  + settings.keyFramePeriod()
                  + " frames");
      return encoder;
    } catch (RuntimeException e) {
      try {
        session.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof H264EncoderException h) {
        throw h;
      }
      throw new H264EncoderException(
          "cannot set up the H.264 encoder " + devicePath + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finds a hardware H.264 encoder among the V4L2 nodes (for {@code --h264-encoder auto}): the
   * first mem2mem node that produces H.264 from YUYV, YU12 or NV12.
   *
   * @return its path, e.g. {@code /dev/video11}, or empty when there is none
   */
  public static Optional<String> find() {
    return pick(V4l2Devices.encoders());
  }

  /**
   * Finds a hardware H.264 encoder behind a given native seam.
   *
   * @param sys the native seam
   * @return its path, or empty
   */
  public static Optional<String> find(V4l2Native sys) {
    return pick(V4l2Devices.encoders(sys));
  }

  private static Optional<String> pick(List<EncoderInfo> encoders) {
    return encoders.stream()
        .filter(e -> e.produces(FourCc.H264))
        .filter(e -> RAW_FORMATS.stream().anyMatch(e::takes))
        .map(EncoderInfo::path)
        .findFirst();
  }

  /** Sets an integer control to the valid value nearest {@code wanted}; skips a missing one. */
  private void setNearest(Controls controls, String key, long wanted) {
    Optional<ControlInfo> found = controls.find(key);
    if (found.isEmpty()) {
      LOG.info(name + " has no " + key + " control; left to the encoder");
      return;
    }
    ControlInfo c = found.get();
    long v = Math.max(c.minimum(), Math.min(c.maximum(), wanted));
    if (c.step() > 1) {
      v = c.minimum() + Math.round((v - c.minimum()) / (double) c.step()) * c.step();
      v = Math.min(v, c.maximum());
    }
    try {
      controls.set(key, v);
    } catch (V4l2Exception e) {
      LOG.warning(name + ": " + key + " = " + v + " refused: " + e.getMessage());
    }
  }

  /**
   * Sets a menu control to the item of that name, if the encoder has both: {@code
   * sequence_header_mode} joined, so that SPS and PPS arrive in the first frame's buffer, with its
   * timestamp, and not in a buffer of their own.
   */
  private void setMenu(Controls controls, String key, String itemName) {
    Optional<ControlInfo> found = controls.find(key);
    if (found.isEmpty()) {
      return;
    }
    for (MenuItem item : found.get().menu()) {
      if (itemName.equals(item.name())) {
        try {
          controls.set(key, item.index());
        } catch (V4l2Exception e) {
          LOG.warning(name + ": " + key + " " + itemName + " refused: " + e.getMessage());
        }
        return;
      }
    }
  }

  /** Constrained Baseline, or Baseline when the encoder offers no Constrained Baseline. */
  private void setProfile(Controls controls) {
    Optional<ControlInfo> found = controls.find("h264_profile");
    if (found.isEmpty()) {
      LOG.info(name + " has no h264_profile control; left to the encoder");
      return;
    }
    for (String wanted : List.of("Constrained Baseline", "Baseline")) {
      for (MenuItem item : found.get().menu()) {
        if (wanted.equals(item.name())) {
          try {
            controls.set("h264_profile", item.index());
            return;
          } catch (V4l2Exception e) {
            LOG.warning(name + ": h264_profile " + wanted + " refused: " + e.getMessage());
          }
        }
      }
    }
    LOG.warning(name + " offers no Baseline profile: " + found.get().menu());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxAccessUnitBytes() {
    return maxAccessUnitBytes;
  }

  @Override
  public int encode(ByteBuffer yuyv, int bytesPerLine, boolean keyFrame, ByteBuffer out) {
    if (closed) {
      throw new IllegalStateException("the H.264 encoder " + name + " is closed");
    }
    if (broken != null) {
      throw new H264EncoderException("the H.264 encoder " + name + " failed before", broken);
    }
    int width = settings.width();
    int height = settings.height();
    if (bytesPerLine < width * 2
        || yuyv.remaining() < (long) (height - 1) * bytesPerLine + width * 2L) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " YUYV frame with "
              + bytesPerLine
              + " bytes per line does not fit the "
              + yuyv.remaining()
              + " bytes given");
    }
    if (out.remaining() < maxAccessUnitBytes) {
      throw new IllegalArgumentException(
          "out has " + out.remaining() + " bytes left; an access unit needs " + maxAccessUnitBytes);
    }
    try {
      if (keyFrame || keyFrameOwed) {
        askForKeyFrame();
      }
      RawBuffer raw = session.nextRawBuffer(timeoutMillis);
      if (raw == null) {
        throw new H264EncoderException(
            name + " returned no input buffer in " + timeoutMillis + " ms");
      }
      long timestamp = ++stamp * 1_000L;
      try {
        fill(raw.data(), yuyv, bytesPerLine);
        raw.queue(rawBytes, timestamp);
      } finally {
        raw.release(); // no-op once queued
      }
      int start = out.position();
      Encoded e = session.receive(timestamp, out, timeoutMillis);
      if (e.error()) {
        keyFrameOwed = true;
        LOG.fine(() -> name + " flagged frame " + stamp + " as failed; the next is a key frame");
        return 0;
      }
      keyFrameOwed = false;
      return completeParameterSets(out, start, e.bytes());
    } catch (V4l2Exception | IllegalStateException e) {
      broken =
          new H264EncoderException("the H.264 encoder " + name + " failed: " + e.getMessage(), e);
      throw broken;
    } catch (H264EncoderException e) {
      broken = e;
      throw e;
    }
  }

  private void askForKeyFrame() {
    if (canForceKeyFrames) {
      session.controls().set("force_key_frame", 1);
    } else {
      session.stop(); // the Reset sequence: the next picture starts a stream, an IDR
      session.start(2, 2);
    }
  }

  /** Copies a YUYV frame into the encoder's buffer in its raw format, row by row if need be. */
  private void fill(ByteBuffer into, ByteBuffer yuyv, int bytesPerLine) {
    int width = settings.width();
    int height = settings.height();
    int base = yuyv.position();
    if (rawFormat == FourCc.YUYV) {
      if (bytesPerLine == rawBytesPerLine) {
        into.put(0, yuyv, base, rawBytes);
        return;
      }
      for (int y = 0; y < height; y++) {
        into.put(y * rawBytesPerLine, yuyv, base + y * bytesPerLine, width * 2);
      }
      return;
    }
    int stride = rawBytesPerLine;
    int chroma = stride * height;
    byte[] top = new byte[width * 2];
    byte[] bottom = new byte[width * 2];
    for (int y = 0; y < height; y += 2) {
      yuyv.get(base + y * bytesPerLine, top);
      yuyv.get(base + (y + 1) * bytesPerLine, bottom);
      for (int x = 0; x < width; x++) {
        into.put(y * stride + x, top[2 * x]);
        into.put((y + 1) * stride + x, bottom[2 * x]);
      }
      for (int x = 0; x < width / 2; x++) {
        byte u = (byte) (((top[4 * x + 1] & 0xFF) + (bottom[4 * x + 1] & 0xFF) + 1) >> 1);
        byte v = (byte) (((top[4 * x + 3] & 0xFF) + (bottom[4 * x + 3] & 0xFF) + 1) >> 1);
        if (rawFormat == FourCc.NV12) {
          into.put(chroma + y / 2 * stride + 2 * x, u);
          into.put(chroma + y / 2 * stride + 2 * x + 1, v);
        } else {
          into.put(chroma + y / 2 * (stride / 2) + x, u);
          into.put(chroma + (stride / 2) * (height / 2) + y / 2 * (stride / 2) + x, v);
        }
      }
    }
  }

  /**
   * Looks at the NAL units in front of the access unit's first slice: remembers SPS and PPS, and
   * puts the remembered ones in front of an IDR slice that came without them.
   *
   * @return the bytes of the access unit now in {@code out}
   */
  private int completeParameterSets(ByteBuffer out, int start, int length) {
    int end = start + length;
    boolean sps = false;
    boolean idr = false;
    int headersEnd = start;
    int at = nextStartCode(out, start, end);
    while (at >= 0) {
      int payload = at + 3;
      if (payload >= end) {
        break;
      }
      int type = out.get(payload) & 0x1F;
      int next = nextStartCode(out, payload, end);
      int nalEnd = next < 0 ? end : next;
      while (nalEnd > payload && out.get(nalEnd - 1) == 0) {
        nalEnd--; // a 4-byte start code's leading zero belongs to the next unit
      }
      if (type == 7 || type == 8) {
        sps |= type == 7;
        headersEnd = nalEnd;
      } else if (type == 5 || type == 1) {
        idr = type == 5;
        break;
      }
      at = next;
    }
    if (sps) {
      byte[] sets = new byte[headersEnd - start];
      out.get(start, sets);
      parameterSets = sets;
      return length;
    }
    if (!idr || parameterSets == null) {
      return length;
    }
    byte[] unit = new byte[length];
    out.get(start, unit);
    out.position(start);
    out.put(parameterSets).put(unit);
    return parameterSets.length + length;
  }

  /** The index of the next {@code 00 00 01} at or after {@code from}, or -1. */
  private static int nextStartCode(ByteBuffer b, int from, int end) {
    for (int i = from; i + 2 < end; i++) {
      if (b.get(i + 2) > 1) {
        i += 2; // no start code can end within the next two bytes
        continue;
      }
      if (b.get(i) == 0 && b.get(i + 1) == 0 && b.get(i + 2) == 1) {
        return i;
      }
    }
    return -1;
  }

  /** The session's controls, for tests. */
  Controls controls() {
    return session.controls();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (V4l2Exception e) {
      LOG.warning("closing the H.264 encoder " + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "M2mH264Encoder[" + name + "]";
  }
}
