package io.eyetoystreamer.v4l2.abi;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layouts of all {@link V4l2Structs} for one {@link Abi}, computed once per ABI and shared.
 *
 * <p>This is what a simulated device uses to decode an ioctl argument: {@code
 * V4l2Layouts.of(abi).buffer().field("index").getInt(arg)}. Immutable and thread-safe.
 */
public final class V4l2Layouts {
  private static final Map<Abi, V4l2Layouts> CACHE = new EnumMap<>(Abi.class);

  static {
    for (Abi abi : Abi.values()) {
      CACHE.put(abi, new V4l2Layouts(abi));
    }
  }

  private final Abi abi;
  private final Map<String, StructLayout> byName;

  private V4l2Layouts(Abi abi) {
    this.abi = abi;
    Map<String, StructLayout> map = new LinkedHashMap<>();
    for (CStruct s : V4l2Structs.all()) {
      map.put(s.name(), StructLayout.of(s, abi));
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /**
   * Returns the layouts for an ABI.
   *
   * @param abi the ABI
   * @return the shared instance for it
   */
  public static V4l2Layouts of(Abi abi) {
    return CACHE.get(abi);
  }

  /**
   * Returns the ABI these layouts are for.
   *
   * @return the ABI
   */
  public Abi abi() {
    return abi;
  }

  /**
   * Returns the layout of a struct by its C name.
   *
   * @param name e.g. {@code v4l2_buffer}
   * @return the layout
   * @throws IllegalArgumentException when the struct is not one of {@link V4l2Structs#all()}
   */
  public StructLayout layout(String name) {
    StructLayout l = byName.get(name);
    if (l == null) {
      throw new IllegalArgumentException("unknown struct " + name + "; known: " + byName.keySet());
    }
    return l;
  }

  /**
   * Returns the layout of a declared struct.
   *
   * @param struct one of {@link V4l2Structs#all()}
   * @return the layout
   */
  public StructLayout layout(CStruct struct) {
    return layout(struct.name());
  }

  /**
   * Returns every layout, in the order of {@link V4l2Structs#all()}.
   *
   * @return an unmodifiable collection
   */
  public Collection<StructLayout> all() {
    return byName.values();
  }

  /**
   * Returns the layout of {@code struct v4l2_capability}.
   *
   * @return the layout
   */
  public StructLayout capability() {
    return layout(V4l2Structs.CAPABILITY);
  }

  /**
   * Returns the layout of {@code struct v4l2_fmtdesc}.
   *
   * @return the layout
   */
  public StructLayout fmtdesc() {
    return layout(V4l2Structs.FMTDESC);
  }

  /**
   * Returns the layout of {@code struct v4l2_format}.
   *
   * @return the layout
   */
  public StructLayout format() {
    return layout(V4l2Structs.FORMAT);
  }

  /**
   * Returns the layout of {@code struct v4l2_requestbuffers}.
   *
   * @return the layout
   */
  public StructLayout requestBuffers() {
    return layout(V4l2Structs.REQUESTBUFFERS);
  }

  /**
   * Returns the layout of {@code struct v4l2_buffer}.
   *
   * @return the layout
   */
  public StructLayout buffer() {
    return layout(V4l2Structs.BUFFER);
  }

  /**
   * Returns the layout of {@code struct v4l2_streamparm}.
   *
   * @return the layout
   */
  public StructLayout streamParm() {
    return layout(V4l2Structs.STREAMPARM);
  }

  /**
   * Returns the layout of {@code struct v4l2_input}.
   *
   * @return the layout
   */
  public StructLayout input() {
    return layout(V4l2Structs.INPUT);
  }

  /**
   * Returns the layout of {@code struct v4l2_control}.
   *
   * @return the layout
   */
  public StructLayout control() {
    return layout(V4l2Structs.CONTROL);
  }

  /**
   * Returns the layout of {@code struct v4l2_queryctrl}.
   *
   * @return the layout
   */
  public StructLayout queryCtrl() {
    return layout(V4l2Structs.QUERYCTRL);
  }

  /**
   * Returns the layout of {@code struct v4l2_query_ext_ctrl}.
   *
   * @return the layout
   */
  public StructLayout queryExtCtrl() {
    return layout(V4l2Structs.QUERY_EXT_CTRL);
  }

  /**
   * Returns the layout of {@code struct v4l2_querymenu}.
   *
   * @return the layout
   */
  public StructLayout queryMenu() {
    return layout(V4l2Structs.QUERYMENU);
  }

  /**
   * Returns the layout of {@code struct v4l2_ext_control}.
   *
   * @return the layout
   */
  public StructLayout extControl() {
    return layout(V4l2Structs.EXT_CONTROL);
  }

  /**
   * Returns the layout of {@code struct v4l2_ext_controls}.
   *
   * @return the layout
   */
  public StructLayout extControls() {
    return layout(V4l2Structs.EXT_CONTROLS);
  }

  /**
   * Returns the layout of {@code struct v4l2_frmsizeenum}.
   *
   * @return the layout
   */
  public StructLayout frmSizeEnum() {
    return layout(V4l2Structs.FRMSIZEENUM);
  }

  /**
   * Returns the layout of {@code struct v4l2_plane}.
   *
   * @return the layout
   */
  public StructLayout plane() {
    return layout(V4l2Structs.PLANE);
  }

  /**
   * Returns the layout of {@code struct v4l2_encoder_cmd}.
   *
   * @return the layout
   */
  public StructLayout encoderCmd() {
    return layout(V4l2Structs.ENCODER_CMD);
  }

  /**
   * Returns the layout of {@code struct v4l2_event_subscription}.
   *
   * @return the layout
   */
  public StructLayout eventSubscription() {
    return layout(V4l2Structs.EVENT_SUBSCRIPTION);
  }

  /**
   * Returns the layout of {@code struct v4l2_event}.
   *
   * @return the layout
   */
  public StructLayout event() {
    return layout(V4l2Structs.EVENT);
  }

  /**
   * Returns the layout of {@code struct v4l2_frmivalenum}.
   *
   * @return the layout
   */
  public StructLayout frmIvalEnum() {
    return layout(V4l2Structs.FRMIVALENUM);
  }
}
