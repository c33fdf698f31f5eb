package io.eyetoystreamer.streamer.h264;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * H.264 through Cisco's OpenH264 (Debian and Raspberry Pi OS package {@code libopenh264-7}), called
 * with JNA ({@link OpenH264Native} holds every native call). Software encoding on the calling
 * thread, for machines without a hardware encoder.
 *
 * <p>What it asks OpenH264 for: camera real-time usage, one spatial and one temporal layer, one
 * slice, one thread ({@code iMultipleThreadIdc} 1: the capture, fan-out and network threads share
 * the cores, and one slice per picture is what a browser's decoder likes best), bitrate rate
 * control ({@code RC_BITRATE_MODE}) at {@link H264Settings#bitsPerSecond()}, an IDR every {@link
 * H264Settings#keyFramePeriod()} frames ({@code uiIntraPeriod}), Baseline profile with CAVLC and
 * one reference frame, which OpenH264 writes as Constrained Baseline ({@code constraint_set0} and
 * {@code constraint_set1}, {@code avc1.42C0xx}); SPS and PPS with constant ids in front of every
 * IDR; and a VUI that says limited range, BT.601 (SMPTE 170M) colours, as the camera's YUYV is.
 * Frame skipping is off ({@code bEnableFrameSkip} 0): every frame given is encoded and the rate is
 * held by the quantiser alone, so a viewer never sees a frozen picture for the sake of the bitrate,
 * a requested key frame is never dropped, and {@link #encode} returns 0 only if OpenH264 itself
 * reports a skipped frame. The price, which OpenH264 warns of at warning level ("bitrate can't be
 * controlled ... without enabling skip frame"), is that a burst of detail may overshoot the target
 * for a moment; its log level is set to errors only. OpenH264 clamps the frame rate to 1..60.
 *
 * <p>The YUYV frame is converted to I420 in Java ({@link YuyvToI420}: chroma of two rows averaged)
 * into native memory allocated once, with the structs; the access unit is copied once from
 * OpenH264's buffer into {@code out}. Nothing is allocated per frame by this class.
 *
 * <p>Threads: {@link #encode} and {@link #close} are meant for one thread, but are serialized on
 * this object, so a close from another thread waits for an encode in progress instead of freeing
 * memory under it. Whatever the order of calls, the JVM does not crash: {@link #encode} after
 * {@link #close} throws {@link IllegalStateException}, {@link #close} twice does nothing, and bad
 * arguments are refused before any native call.
 */
public final class OpenH264Encoder implements H264Encoder {
  // Values of the enums in wels/codec_app_def.h and codec_def.h (checked by the layout probe).
  static final int CAMERA_VIDEO_REAL_TIME = 0;
  static final int RC_BITRATE_MODE = 1;
  static final int PRO_BASELINE = 66;
  static final int SM_SINGLE_SLICE = 0;
  static final int CONSTANT_ID = 0;
  static final int VIDEO_FORMAT_I420 = 23;
  static final int VF_UNDEF = 5;
  static final int CP_SMPTE170M = 6;
  static final int TRC_SMPTE170M = 6;
  static final int CM_SMPTE170M = 6;
  static final int WELS_LOG_ERROR = 1;
  static final int VIDEO_FRAME_TYPE_INVALID = 0;
  static final int VIDEO_FRAME_TYPE_IDR = 1;
  static final int VIDEO_FRAME_TYPE_SKIP = 4;

  /** Bytes OpenH264 2.3 adds to {@code 3/2 * width * height} for its output buffer, rounded up. */
  static final int OUTPUT_OVERHEAD = 4096;

  /** Macroblocks in the largest frame of level 5.2, the highest OpenH264 2.3 encodes. */
  static final int MAX_MACROBLOCKS = 36864;

  private final H264Settings settings;
  private final OpenH264Layout layout;
  private final OpenH264Native.Session session;
  private final String name;
  private final YuyvToI420 converter = new YuyvToI420();
  private final ByteBuffer picture;
  private final ByteBuffer bsInfo;
  private final ByteBuffer y;
  private final ByteBuffer u;
  private final ByteBuffer v;
  private long frames;
  private boolean closed;
  private String failure;

  private OpenH264Encoder(
      H264Settings settings, OpenH264Layout layout, OpenH264Native.Session session) {
    this.settings = settings;
    this.layout = layout;
    this.session = session;
    this.name = "openh264 " + OpenH264Native.version();
    this.picture = session.picture();
    this.bsInfo = session.bsInfo();
    this.y = session.y();
    this.u = session.u();
    this.v = session.v();
  }

  /** Whether OpenH264 can be used here: {@link #unavailableReason()} is empty. */
  public static boolean available() {
    return unavailableReason().isEmpty();
  }

  /**
   * Why OpenH264 cannot be used here (e.g. {@code libopenh264.so.7 not found: install
   * libopenh264-7}), or empty when it can. Loads the library on first use, once per JVM.
   */
  public static Optional<String> unavailableReason() {
    return OpenH264Native.unavailableReason();
  }

  /**
   * Opens an encoder for {@code settings}.
   *
   * @throws H264EncoderException if the library is missing or unusable, or OpenH264 refuses the
   *     settings; the message says which
   */
  public static OpenH264Encoder open(H264Settings settings) {
    if (settings.width() < 16 || settings.height() < 16) {
      throw new H264EncoderException(
          "OpenH264 encodes pictures of at least 16x16, not "
              + settings.width()
              + "x"
              + settings.height());
    }
    long macroblocks = (long) ((settings.width() + 15) / 16) * ((settings.height() + 15) / 16);
    if (macroblocks > MAX_MACROBLOCKS) {
      throw new H264EncoderException(
          "OpenH264 encodes frames of at most "
              + MAX_MACROBLOCKS
              + " macroblocks (level 5.2, e.g. 4096x2304), not "
              + settings.width()
              + "x"
              + settings.height());
    }
    Optional<String> missing = unavailableReason();
    if (missing.isPresent()) {
      throw new H264EncoderException(missing.get());
    }
    OpenH264Layout layout = OpenH264Layout.of(CAbi.current());
    OpenH264Native.Session session =
        OpenH264Native.open(layout, settings.width(), settings.height());
    try {
      session.setTraceLevel(WELS_LOG_ERROR);
      int rc = session.getDefaultParams();
      if (rc != 0) {
        throw new H264EncoderException("OpenH264 GetDefaultParams failed: " + result(rc));
      }
      fill(session.params(), layout, settings);
      rc = session.initializeExt();
      if (rc != 0) {
        throw new H264EncoderException(
            "OpenH264 InitializeExt refused "
                + settings
                + ": "
                + result(rc)
                + " (its reason, if any, is on stderr)");
      }
      OpenH264Encoder encoder = new OpenH264Encoder(settings, layout, session);
      encoder.preparePicture();
      return encoder;
    } catch (RuntimeException | Error e) {
      session.destroy();
      throw e;
    }
  }

  /** Writes the parameters into {@code SEncParamExt}, over OpenH264's defaults. */
  static void fill(ByteBuffer p, OpenH264Layout l, H264Settings s) {
    p.putInt(l.param("iUsageType"), CAMERA_VIDEO_REAL_TIME);
    p.putInt(l.param("iPicWidth"), s.width());
    p.putInt(l.param("iPicHeight"), s.height());
    p.putInt(l.param("iTargetBitrate"), s.bitsPerSecond());
    p.putInt(l.param("iRCMode"), RC_BITRATE_MODE);
    p.putFloat(l.param("fMaxFrameRate"), s.fps());
    p.putInt(l.param("iTemporalLayerNum"), 1);
    p.putInt(l.param("iSpatialLayerNum"), 1);
    p.putInt(l.param("uiIntraPeriod"), s.keyFramePeriod());
    p.putInt(l.param("iNumRefFrame"), 1);
    p.putInt(l.param("eSpsPpsIdStrategy"), CONSTANT_ID);
    p.put(l.param("bPrefixNalAddingCtrl"), (byte) 0);
    p.put(l.param("bEnableSSEI"), (byte) 0);
    p.put(l.param("bSimulcastAVC"), (byte) 0);
    p.putInt(l.param("iEntropyCodingModeFlag"), 0);
    p.put(l.param("bEnableFrameSkip"), (byte) 0);
    p.putShort(l.param("iMultipleThreadIdc"), (short) 1);

    p.putInt(l.layer0("iVideoWidth"), s.width());
    p.putInt(l.layer0("iVideoHeight"), s.height());
    p.putFloat(l.layer0("fFrameRate"), s.fps());
    p.putInt(l.layer0("iSpatialBitrate"), s.bitsPerSecond());
    p.putInt(l.layer0("uiProfileIdc"), PRO_BASELINE);
    p.putInt(l.layer0("sSliceArgument.uiSliceMode"), SM_SINGLE_SLICE);
    p.putInt(l.layer0("sSliceArgument.uiSliceNum"), 1);
    p.put(l.layer0("bVideoSignalTypePresent"), (byte) 1);
    p.put(l.layer0("uiVideoFormat"), (byte) VF_UNDEF);
    p.put(l.layer0("bFullRange"), (byte) 0);
    p.put(l.layer0("bColorDescriptionPresent"), (byte) 1);
    p.put(l.layer0("uiColorPrimaries"), (byte) CP_SMPTE170M);
    p.put(l.layer0("uiTransferCharacteristics"), (byte) TRC_SMPTE170M);
    p.put(l.layer0("uiColorMatrix"), (byte) CM_SMPTE170M);
  }

  private void preparePicture() {
    int w = settings.width();
    picture.putInt(layout.picColorFormat, VIDEO_FORMAT_I420);
    picture.putInt(layout.picStride, w);
    picture.putInt(layout.picStride + 4, w / 2);
    picture.putInt(layout.picStride + 8, w / 2);
    picture.putInt(layout.picWidth, w);
    picture.putInt(layout.picHeight, settings.height());
  }

  @Override
  public String name() {
    return name;
  }

  /** {@code 3/2 * width * height} plus {@value #OUTPUT_OVERHEAD}: OpenH264's own output buffer. */
  @Override
  public int maxAccessUnitBytes() {
    return maxAccessUnitBytes(settings);
  }

  static int maxAccessUnitBytes(H264Settings s) {
    return s.width() * s.height() / 2 * 3 + OUTPUT_OVERHEAD;
  }

  /** The settings this encoder was opened with. */
  public H264Settings settings() {
    return settings;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@link #close}
   * @throws IllegalArgumentException if {@code yuyv} does not hold a frame at {@code bytesPerLine},
   *     or {@code out} is read-only or has less than {@link #maxAccessUnitBytes()} remaining
   */
  @Override
  public synchronized int encode(
      ByteBuffer yuyv, int bytesPerLine, boolean keyFrame, ByteBuffer out) {
    if (closed) {
      throw new IllegalStateException(name + " encoder is closed");
    }
    if (failure != null) {
      throw new H264EncoderException("the encoder failed earlier and is unusable: " + failure);
    }
    checkArguments(yuyv, bytesPerLine, out);
    converter.convert(yuyv, settings.width(), settings.height(), bytesPerLine, y, u, v);
    picture.putLong(layout.picTimeStamp, frames * 1000 / settings.fps());
    try {
      if (keyFrame) {
        int rc = session.forceIntraFrame();
        if (rc != 0) {
          throw fail("ForceIntraFrame failed: " + result(rc));
        }
      }
      int rc = session.encodeFrame();
      if (rc != 0) {
        throw fail("EncodeFrame failed: " + result(rc));
      }
      frames++;
      int type = bsInfo.getInt(layout.bsFrameType);
      if (type == VIDEO_FRAME_TYPE_SKIP || type == VIDEO_FRAME_TYPE_INVALID) {
        return 0;
      }
      return session.copyFrame(out);
    } catch (H264EncoderException e) {
      if (failure == null) {
        failure = e.getMessage();
      }
      throw e;
    }
  }

  private H264EncoderException fail(String what) {
    failure = what;
    return new H264EncoderException("OpenH264 " + what);
  }

  private void checkArguments(ByteBuffer yuyv, int bytesPerLine, ByteBuffer out) {
    int w = settings.width();
    int h = settings.height();
    if (bytesPerLine < 2 * w) {
      throw new IllegalArgumentException(
          "bytesPerLine "
              + bytesPerLine
              + " is less than a "
              + w
              + "-pixel YUYV row ("
              + 2 * w
              + ")");
    }
    long frameBytes = (long) (h - 1) * bytesPerLine + 2L * w;
    if (yuyv.remaining() < frameBytes) {
      throw new IllegalArgumentException(
          "yuyv has "
              + yuyv.remaining()
              + " bytes remaining; a "
              + w
              + "x"
              + h
              + " frame at "
              + bytesPerLine
              + " bytes per line needs "
              + frameBytes);
    }
    if (out.isReadOnly()) {
      throw new IllegalArgumentException("out is read-only");
    }
    if (out.remaining() < maxAccessUnitBytes()) {
      throw new IllegalArgumentException(
          "out has "
              + out.remaining()
              + " bytes remaining; an access unit may take maxAccessUnitBytes() = "
              + maxAccessUnitBytes());
    }
  }

  /** Frees the encoder and its memory. Idempotent; waits for an encode in progress. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    session.destroy();
  }

  /** A {@code CM_RETURN} code with its name. */
  static String result(int rc) {
    String what =
        switch (rc) {
          case 0 -> "cmResultSuccess";
          case 1 -> "cmInitParaError (invalid parameters)";
          case 2 -> "cmUnknownReason";
          case 3 -> "cmMallocMemeError (out of memory)";
          case 4 -> "cmInitExpected (not initialized)";
          case 5 -> "cmUnsupportedData";
          default -> "unknown code";
        };
    return what + ", " + rc;
  }

  @Override
  public String toString() {
    return name + " " + settings;
  }
}
