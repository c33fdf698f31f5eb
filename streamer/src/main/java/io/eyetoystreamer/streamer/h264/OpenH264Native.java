package io.eyetoystreamer.streamer.h264;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The one class that touches OpenH264 and native memory, through JNA: it loads {@value #LIBRARY},
 * makes an encoder, calls its vtable, allocates the structs and the I420 picture the encoder reads
 * and writes, and copies the encoder's output out. Everything else in the package sees direct
 * {@link ByteBuffer}s in native byte order and {@code int} return codes.
 *
 * <p>OpenH264's encoder is a C++ object; from C it is an {@code ISVCEncoder*}: a pointer to a
 * pointer to {@code ISVCEncoderVtbl}, whose functions take the encoder pointer first. The C++
 * vtable starts with the same nine functions in the same order (Initialize, InitializeExt,
 * GetDefaultParams, Uninitialize, EncodeFrame, EncodeParameterSets, ForceIntraFrame, SetOption,
 * GetOption) on the Itanium and ARM C++ ABIs. Each is called through {@link
 * Function#getFunction(Pointer)}, looked up once per encoder.
 *
 * <p>Only the versioned {@value #LIBRARY} is loaded, never an unversioned {@code libopenh264.so}:
 * the struct layouts ({@link OpenH264Layout}) are those of the 2.3 headers, and the soname is what
 * changes when they do.
 *
 * <p>Allocation: the encode path allocates nothing of its own; JNA's {@link Function#invoke} copies
 * its argument array (one small array per call). Not thread-safe: {@link OpenH264Encoder} calls a
 * session under its lock.
 */
final class OpenH264Native {
  /** The runtime library, as Debian 12 ({@code libopenh264-7}, 2.3.1) installs it. */
  static final String LIBRARY = "libopenh264.so.7";

  /** The Debian package that installs {@link #LIBRARY}. */
  static final String PACKAGE = "libopenh264-7";

  // Slots of ISVCEncoderVtbl (wels/codec_api.h).
  private static final int INITIALIZE_EXT = 1;
  private static final int GET_DEFAULT_PARAMS = 2;
  private static final int UNINITIALIZE = 3;
  private static final int ENCODE_FRAME = 4;
  private static final int FORCE_INTRA_FRAME = 6;
  private static final int SET_OPTION = 7;

  /** {@code ENCODER_OPTION_TRACE_LEVEL}. */
  static final int ENCODER_OPTION_TRACE_LEVEL = 25;

  /** {@code MAX_NAL_UNITS_IN_LAYER}: the most NAL units OpenH264 reports in one layer. */
  static final int MAX_NAL_UNITS_IN_LAYER = 128;

  private OpenH264Native() {}

  /** The library and its two exported functions, loaded once per JVM; or why not. */
  record Library(
      NativeLibrary library, Function create, Function destroy, String version, String failure) {}

  private static final class Holder {
    static final Library LIBRARY = load(OpenH264Native.LIBRARY);
  }

  /** Loads {@code name} (tests pass a missing one); a failed load names the package to install. */
  static Library load(String name) {
    NativeLibrary lib;
    try {
      lib = NativeLibrary.getInstance(name);
    } catch (UnsatisfiedLinkError e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return failed(
          name
              + " not found: install "
              + PACKAGE
              + " (apt-get install "
              + PACKAGE
              + "); JNA said: "
              + why);
    }
    try {
      CAbi.current();
      Function create = lib.getFunction("WelsCreateSVCEncoder");
      Function destroy = lib.getFunction("WelsDestroySVCEncoder");
      Function versionEx = lib.getFunction("WelsGetCodecVersionEx");
      String version;
      try (Memory v = new Memory(16)) {
        v.clear();
        versionEx.invokeVoid(new Object[] {v});
        version = v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8);
        if (v.getInt(0) != 2) {
          return failed(
              name
                  + " is OpenH264 "
                  + version
                  + ", expected 2.x (the struct layouts of the 2.3 headers)");
        }
      }
      return new Library(lib, create, destroy, version, null);
    } catch (UnsatisfiedLinkError | IllegalStateException e) {
      return failed(name + " cannot be used: " + e.getMessage());
    }
  }

  private static Library failed(String why) {
    return new Library(null, null, null, null, why);
  }

  /** Why OpenH264 cannot be used here, or empty when it can. Loads the library once. */
  static Optional<String> unavailableReason() {
    return Optional.ofNullable(Holder.LIBRARY.failure());
  }

  /**
   * The library's version, e.g. {@code 2.3.1}.
   *
   * @throws H264EncoderException if the library cannot be used
   */
  static String version() {
    return library().version();
  }

  private static Library library() {
    Library l = Holder.LIBRARY;
    if (l.failure() != null) {
      throw new H264EncoderException(l.failure());
    }
    return l;
  }

  /**
   * Creates an encoder and the native memory it works on for {@code width x height} pictures.
   *
   * @throws H264EncoderException if the library cannot be used or creates no encoder
   */
  static Session open(OpenH264Layout layout, int width, int height) {
    Library lib = library();
    if (layout.abi.pointerSize() != Native.POINTER_SIZE) {
      throw new IllegalArgumentException(
          "layouts for " + layout.abi + " in a JVM with " + Native.POINTER_SIZE + "-byte pointers");
    }
    try (Memory holder = new Memory(Native.POINTER_SIZE)) {
      holder.setPointer(0, null);
      int rc = lib.create().invokeInt(new Object[] {holder});
      Pointer encoder = holder.getPointer(0);
      if (rc != 0 || encoder == null) {
        throw new H264EncoderException(
            "WelsCreateSVCEncoder failed (" + rc + "): OpenH264 could not make an encoder");
      }
      try {
        return new Session(lib, layout, encoder, width, height);
      } catch (RuntimeException | Error e) {
        lib.destroy().invokeVoid(new Object[] {encoder});
        throw e;
      }
    }
  }

  /**
   * One OpenH264 encoder and its native memory: the parameters ({@code SEncParamExt}), the source
   * picture ({@code SSourcePicture}) pointing at an I420 picture, and the output description
   * ({@code SFrameBSInfo}). Not thread-safe.
   */
  static final class Session {
    private final Library lib;
    private final OpenH264Layout layout;
    private final Pointer encoder;
    private final Function initializeExt;
    private final Function getDefaultParams;
    private final Function uninitialize;
    private final Function encodeFrame;
    private final Function forceIntraFrame;
    private final Function setOption;
    private final Memory paramsMemory;
    private final Memory pictureMemory;
    private final Memory planesMemory;
    private final Memory bsInfoMemory;
    private final Memory optionValue = new Memory(8);
    private final ByteBuffer params;
    private final ByteBuffer picture;
    private final ByteBuffer bsInfo;
    private final ByteBuffer y;
    private final ByteBuffer u;
    private final ByteBuffer v;
    private final Object[] encodeArgs;
    private final Object[] forceIntraArgs;
    private final Object[] encoderOnly;

    /** Points wherever the output is read: NAL length arrays and bitstream buffers. */
    private final Pointer cursor = new Pointer(0);

    private ByteBuffer outputView;
    private long outputViewAddress;
    private boolean initialized;
    private boolean destroyed;

    private Session(Library lib, OpenH264Layout layout, Pointer encoder, int width, int height) {
      this.lib = lib;
      this.layout = layout;
      this.encoder = encoder;
      Pointer vtable = encoder.getPointer(0);
      initializeExt = slot(vtable, INITIALIZE_EXT);
      getDefaultParams = slot(vtable, GET_DEFAULT_PARAMS);
      uninitialize = slot(vtable, UNINITIALIZE);
      encodeFrame = slot(vtable, ENCODE_FRAME);
      forceIntraFrame = slot(vtable, FORCE_INTRA_FRAME);
      setOption = slot(vtable, SET_OPTION);

      paramsMemory = zeroed(layout.encParamExt.size());
      pictureMemory = zeroed(layout.sourcePicture.size());
      bsInfoMemory = zeroed(layout.frameBsInfo.size());
      long lumaBytes = (long) width * height;
      long chromaBytes = lumaBytes / 4;
      planesMemory = zeroed(lumaBytes + 2 * chromaBytes);
      params = view(paramsMemory, 0, paramsMemory.size());
      picture = view(pictureMemory, 0, pictureMemory.size());
      bsInfo = view(bsInfoMemory, 0, bsInfoMemory.size());
      y = view(planesMemory, 0, lumaBytes);
      u = view(planesMemory, lumaBytes, chromaBytes);
      v = view(planesMemory, lumaBytes + chromaBytes, chromaBytes);
      int p = Native.POINTER_SIZE;
      pictureMemory.setPointer(layout.picData, planesMemory);
      pictureMemory.setPointer(layout.picData + p, planesMemory.share(lumaBytes));
      pictureMemory.setPointer(
          layout.picData + 2L * p, planesMemory.share(lumaBytes + chromaBytes));

      encoderOnly = new Object[] {encoder};
      encodeArgs = new Object[] {encoder, pictureMemory, bsInfoMemory};
      // The C++ signature is ForceIntraFrame(bool bIDR, int iLayerId = -1): pass both.
      forceIntraArgs = new Object[] {encoder, Boolean.TRUE, -1};
    }

    private static Function slot(Pointer vtable, int index) {
      return Function.getFunction(vtable.getPointer((long) index * Native.POINTER_SIZE));
    }

    private static Memory zeroed(long size) {
      Memory m = new Memory(size);
      m.clear();
      return m;
    }

    private static ByteBuffer view(Memory m, long offset, long size) {
      return m.getByteBuffer(offset, size).order(ByteOrder.nativeOrder());
    }

    /** {@code SEncParamExt}, native order, position 0. */
    ByteBuffer params() {
      return params;
    }

    /** {@code SSourcePicture}, its {@code pData} already pointing at the three planes. */
    ByteBuffer picture() {
      return picture;
    }

    /** {@code SFrameBSInfo} as the last {@link #encodeFrame} left it. */
    ByteBuffer bsInfo() {
      return bsInfo;
    }

    /** The I420 luma plane, {@code width x height}. */
    ByteBuffer y() {
      return y;
    }

    /** The I420 Cb plane, {@code width/2 x height/2}. */
    ByteBuffer u() {
      return u;
    }

    /** The I420 Cr plane. */
    ByteBuffer v() {
      return v;
    }

    /** {@code GetDefaultParams} into {@link #params()}. */
    int getDefaultParams() {
      check();
      return getDefaultParams.invokeInt(new Object[] {encoder, paramsMemory});
    }

    /** {@code SetOption(ENCODER_OPTION_TRACE_LEVEL, &level)}: what OpenH264 logs to stderr. */
    int setTraceLevel(int level) {
      check();
      optionValue.setInt(0, level);
      return setOption.invokeInt(new Object[] {encoder, ENCODER_OPTION_TRACE_LEVEL, optionValue});
    }

    /** {@code InitializeExt} with {@link #params()}. */
    int initializeExt() {
      check();
      int rc = initializeExt.invokeInt(new Object[] {encoder, paramsMemory});
      initialized = rc == 0;
      return rc;
    }

    /** {@code ForceIntraFrame(true, -1)}: the next frame is an IDR. */
    int forceIntraFrame() {
      checkInitialized();
      return forceIntraFrame.invokeInt(forceIntraArgs);
    }

    /** {@code EncodeFrame} of {@link #picture()} into {@link #bsInfo()}. */
    int encodeFrame() {
      checkInitialized();
      return encodeFrame.invokeInt(encodeArgs);
    }

    /**
     * Copies every NAL unit of the last frame, layer after layer as OpenH264 wrote them (Annex-B,
     * start codes included), into {@code out} from its position, and advances the position.
     *
     * @return bytes copied
     * @throws H264EncoderException if the frame description is inconsistent or does not fit {@code
     *     out}; nothing is copied then
     */
    int copyFrame(ByteBuffer out) {
      checkInitialized();
      int layers = bsInfo.getInt(layout.bsLayerNum);
      if (layers < 0 || layers > OpenH264Layout.MAX_LAYER_NUM_OF_FRAME) {
        throw inconsistent("iLayerNum " + layers);
      }
      long total = 0;
      for (int i = 0; i < layers; i++) {
        total += layerBytes(i);
      }
      if (total > out.remaining()) {
        throw new H264EncoderException(
            "OpenH264 wrote an access unit of "
                + total
                + " bytes; out has "
                + out.remaining()
                + " remaining: give it maxAccessUnitBytes()");
      }
      int at = out.position();
      for (int i = 0; i < layers; i++) {
        int n = layerBytes(i);
        if (n == 0) {
          continue;
        }
        long address = address(layerBase(i) + layout.layerBsBuf);
        if (address == 0) {
          throw inconsistent("layer " + i + " has " + n + " bytes and no pBsBuf");
        }
        ByteBuffer src = outputView(address, n);
        out.put(at, src, (int) (address - outputViewAddress), n);
        at += n;
      }
      out.position(at);
      return (int) total;
    }

    private int layerBase(int layer) {
      return layout.bsLayerInfo + layer * layout.layerBsInfo.size();
    }

    /** Bytes in layer {@code layer}: the sum of its NAL lengths, each checked. */
    private int layerBytes(int layer) {
      int base = layerBase(layer);
      int nals = bsInfo.getInt(base + layout.layerNalCount);
      if (nals < 0 || nals > MAX_NAL_UNITS_IN_LAYER) {
        throw inconsistent("layer " + layer + " iNalCount " + nals);
      }
      if (nals == 0) {
        return 0;
      }
      long lengths = address(base + layout.layerNalLengths);
      if (lengths == 0) {
        throw inconsistent("layer " + layer + " has " + nals + " NAL units and no lengths");
      }
      Pointer.nativeValue(cursor, lengths);
      long sum = 0;
      for (int i = 0; i < nals; i++) {
        int n = cursor.getInt(4L * i);
        if (n < 0) {
          throw inconsistent("layer " + layer + " NAL " + i + " of " + n + " bytes");
        }
        sum += n;
      }
      if (sum > Integer.MAX_VALUE) {
        throw inconsistent("layer " + layer + " of " + sum + " bytes");
      }
      return (int) sum;
    }

    /**
     * A view of {@code n} bytes of the encoder's output at {@code address}. OpenH264 writes every
     * frame into the same buffer, so the view is made again only when a frame reaches past the part
     * already viewed (or the buffer moves), not per frame; it never extends past bytes OpenH264
     * said it wrote.
     */
    private ByteBuffer outputView(long address, int n) {
      ByteBuffer view = outputView;
      if (view == null
          || address < outputViewAddress
          || address + n > outputViewAddress + view.capacity()) {
        Pointer.nativeValue(cursor, address);
        view = cursor.getByteBuffer(0, n);
        outputView = view;
        outputViewAddress = address;
      }
      return view;
    }

    private long address(int offset) {
      return Native.POINTER_SIZE == 8
          ? bsInfo.getLong(offset)
          : Integer.toUnsignedLong(bsInfo.getInt(offset));
    }

    private static H264EncoderException inconsistent(String what) {
      return new H264EncoderException("OpenH264 described its output inconsistently: " + what);
    }

    private void check() {
      if (destroyed) {
        throw new IllegalStateException("OpenH264 encoder destroyed");
      }
    }

    private void checkInitialized() {
      check();
      if (!initialized) {
        throw new IllegalStateException("OpenH264 encoder not initialized");
      }
    }

    /** {@code Uninitialize}, {@code WelsDestroySVCEncoder}, and frees the memory. Idempotent. */
    void destroy() {
      if (destroyed) {
        return;
      }
      destroyed = true;
      try {
        if (initialized) {
          uninitialize.invokeInt(encoderOnly);
        }
        lib.destroy().invokeVoid(encoderOnly);
      } finally {
        initialized = false;
        outputView = null;
        paramsMemory.close();
        pictureMemory.close();
        planesMemory.close();
        bsInfoMemory.close();
        optionValue.close();
      }
    }
  }
}
