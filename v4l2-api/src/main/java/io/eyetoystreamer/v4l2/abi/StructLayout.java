package io.eyetoystreamer.v4l2.abi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The layout of a {@link CStruct} under one {@link Abi}: its size, alignment and every field (by
 * dotted path) with its offset, computed from the C alignment rules. Computable for any ABI on any
 * host, so a test on x86-64 can check the armhf layout.
 *
 * <p>Fields are flattened: {@code v4l2_format} has {@code type}, {@code fmt} (the union, as an
 * aggregate), {@code fmt.pix}, {@code fmt.pix.width}, ... Members of anonymous structs and unions
 * appear under the enclosing prefix, as in C. An array of structs is the whole array, then each
 * element by its C designator: {@code fmt.pix_mp.plane_fmt}, {@code fmt.pix_mp.plane_fmt[0]},
 * {@code fmt.pix_mp.plane_fmt[0].sizeimage}, ... Members declared {@link CStruct#hidden hidden}
 * shape the layout but have no fields. Immutable and thread-safe.
 */
public final class StructLayout {
  private final CStruct type;
  private final Abi abi;
  private final int size;
  private final int alignment;
  private final Map<String, Field> fields;

  private StructLayout(CStruct type, Abi abi) {
    this.type = type;
    this.abi = abi;
    this.size = type.size(abi);
    this.alignment = type.alignment(abi);
    Map<String, Field> map = new LinkedHashMap<>();
    flatten(type, 0, "", map);
    this.fields = Collections.unmodifiableMap(map);
  }

  /**
   * Computes the layout of a declaration under an ABI.
   *
   * @param type the struct or union
   * @param abi the ABI
   * @return its layout
   */
  public static StructLayout of(CStruct type, Abi abi) {
    return new StructLayout(Objects.requireNonNull(type), Objects.requireNonNull(abi));
  }

  private void flatten(CStruct struct, int base, String prefix, Map<String, Field> out) {
    int[] offsets = struct.memberOffsets(abi);
    for (int i = 0; i < offsets.length; i++) {
      CStruct.Member member = struct.members().get(i);
      int at = base + offsets[i];
      CType t = member.type();
      if (member.name() == null) {
        flatten((CStruct) t, at, prefix, out);
        continue;
      }
      String path = prefix + member.name();
      if (t instanceof Scalar s) {
        out.put(path, new Field(path, at, s.size(abi), Field.Kind.SCALAR, s, s.size(abi), 1));
      } else if (t instanceof CArray a) {
        if (a.element() instanceof Scalar s) {
          out.put(
              path, new Field(path, at, a.size(abi), Field.Kind.ARRAY, s, s.size(abi), a.length()));
        } else {
          // An array of structs: the whole array, then each element as name[i] with its fields.
          CStruct element = (CStruct) a.element();
          int stride = element.size(abi);
          out.put(path, new Field(path, at, a.size(abi), Field.Kind.AGGREGATE, null, 0, 1));
          for (int e = 0; e < a.length(); e++) {
            String item = path + "[" + e + "]";
            int itemAt = at + e * stride;
            out.put(item, new Field(item, itemAt, stride, Field.Kind.AGGREGATE, null, 0, 1));
            flatten(element, itemAt, item + ".", out);
          }
        }
      } else {
        CStruct inner = (CStruct) t;
        out.put(path, new Field(path, at, inner.size(abi), Field.Kind.AGGREGATE, null, 0, 1));
        if (!member.hidden()) {
          flatten(inner, at, path + ".", out);
        }
      }
    }
  }

  /**
   * Returns the declaration this layout was computed from.
   *
   * @return the struct
   */
  public CStruct type() {
    return type;
  }

  /**
   * Returns the C name of the struct.
   *
   * @return e.g. {@code v4l2_buffer}
   */
  public String name() {
    return type.name();
  }

  /**
   * Returns the ABI of this layout.
   *
   * @return the ABI
   */
  public Abi abi() {
    return abi;
  }

  /**
   * Returns {@code sizeof} the struct.
   *
   * @return the size in bytes
   */
  public int size() {
    return size;
  }

  /**
   * Returns the struct's alignment.
   *
   * @return the alignment in bytes
   */
  public int alignment() {
    return alignment;
  }

  /**
   * Looks a field up by dotted path.
   *
   * @param path e.g. {@code timestamp.tv_usec}
   * @return the field
   * @throws IllegalArgumentException when the struct has no such field
   */
  public Field field(String path) {
    Field f = fields.get(path);
    if (f == null) {
      throw new IllegalArgumentException(
          name() + " has no field " + path + "; fields: " + fields.keySet());
    }
    return f;
  }

  /**
   * Tells whether a field exists.
   *
   * @param path the dotted path
   * @return true when {@link #field(String)} would find it
   */
  public boolean hasField(String path) {
    return fields.containsKey(path);
  }

  /**
   * Returns every field in declaration order (depth first).
   *
   * @return an unmodifiable collection
   */
  public Collection<Field> fields() {
    return fields.values();
  }

  @Override
  public String toString() {
    return "struct " + name() + " (" + abi + ", " + size + " bytes)";
  }
}
