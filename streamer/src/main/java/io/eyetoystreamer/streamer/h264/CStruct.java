package io.eyetoystreamer.streamer.h264;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A C struct's layout for one ABI, computed the way a C compiler lays it out: each member at the
 * next offset that is a multiple of its alignment, the struct aligned to its most aligned member
 * and its size rounded up to that alignment. Members are named by their C designator, so a nested
 * member reads as in {@code offsetof}: {@code sSpatialLayers[0].sSliceArgument.uiSliceNum} (of an
 * array of structs, element 0's members are listed; element {@code i} is {@code i * size} further).
 *
 * <p>Immutable once built.
 */
final class CStruct {
  /** One member: its designator, offset from the struct's start, and size in bytes. */
  record Member(String path, int offset, int size) {}

  private final String name;
  private final int size;
  private final int align;
  private final Map<String, Member> members;

  private CStruct(String name, int size, int align, Map<String, Member> members) {
    this.name = name;
    this.size = size;
    this.align = align;
    this.members = Collections.unmodifiableMap(members);
  }

  /** The C type name ({@code typedef}), e.g. {@code SEncParamExt}. */
  String name() {
    return name;
  }

  /** {@code sizeof}. */
  int size() {
    return size;
  }

  /** {@code _Alignof}. */
  int align() {
    return align;
  }

  /** Every member, nested ones included, in declaration order. */
  List<Member> members() {
    return new ArrayList<>(members.values());
  }

  /**
   * {@code offsetof} a member.
   *
   * @throws IllegalArgumentException if the struct has no such member
   */
  int offset(String path) {
    Member m = members.get(path);
    if (m == null) {
      throw new IllegalArgumentException(name + " has no member " + path);
    }
    return m.offset();
  }

  static Builder builder(String name, CAbi abi) {
    return new Builder(name, abi);
  }

  /** Adds members in declaration order. */
  static final class Builder {
    private final String name;
    private final CAbi abi;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private int offset;
    private int align = 1;

    private Builder(String name, CAbi abi) {
      this.name = name;
      this.abi = abi;
    }

    /** An {@code int}, {@code unsigned int}, {@code float} or enum. */
    Builder int32(String member) {
      return add(member, 4, 4, 1);
    }

    /** An array of {@code int} or {@code unsigned int}. */
    Builder int32Array(String member, int count) {
      return add(member, 4, 4, count);
    }

    /** An {@code unsigned short}. */
    Builder int16(String member) {
      return add(member, 2, 2, 1);
    }

    /** A {@code bool}, {@code char} or {@code unsigned char}. */
    Builder int8(String member) {
      return add(member, 1, 1, 1);
    }

    /** A {@code long long}. */
    Builder int64(String member) {
      return add(member, 8, abi.longLongAlign(), 1);
    }

    /** A pointer. */
    Builder pointer(String member) {
      return add(member, abi.pointerSize(), abi.pointerSize(), 1);
    }

    /** An array of pointers. */
    Builder pointerArray(String member, int count) {
      return add(member, abi.pointerSize(), abi.pointerSize(), count);
    }

    /** A struct member. */
    Builder struct(String member, CStruct type) {
      return structArray(member, type, 0);
    }

    /** An array of {@code count} structs ({@code count} 0: a single struct, not an array). */
    Builder structArray(String member, CStruct type, int count) {
      add(member, type.size(), type.align(), Math.max(1, count));
      int start = members.get(member).offset();
      String prefix = count == 0 ? member + "." : member + "[0].";
      for (Member m : type.members.values()) {
        String path = prefix + m.path();
        members.put(path, new Member(path, start + m.offset(), m.size()));
      }
      return this;
    }

    private Builder add(String member, int size, int memberAlign, int count) {
      if (members.containsKey(member)) {
        throw new IllegalArgumentException(name + "." + member + " declared twice");
      }
      offset = roundUp(offset, memberAlign);
      members.put(member, new Member(member, offset, size * count));
      offset += size * count;
      align = Math.max(align, memberAlign);
      return this;
    }

    CStruct build() {
      return new CStruct(name, roundUp(offset, align), align, new LinkedHashMap<>(members));
    }

    private static int roundUp(int value, int alignment) {
      return (value + alignment - 1) / alignment * alignment;
    }
  }
}
