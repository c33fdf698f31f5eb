package io.eyetoystreamer.v4l2.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A C struct or union declaration: a name and an ordered list of members. Build one with {@link
 * #struct(String)} or {@link #union(String)} and the chained member methods; the declarations the
 * library uses are in {@link V4l2Structs}. Its layout for an ABI is {@link StructLayout#of(CStruct,
 * Abi)}.
 *
 * <p>Immutable once built: the builder methods return a new instance, so a declaration can be
 * shared between threads.
 */
final class CStruct implements CType {
  /**
   * One member of a struct or union.
   *
   * @param name the member name, or null for an anonymous struct or union whose members belong to
   *     the enclosing one (C11 anonymous members)
   * @param type the member type
   * @param hidden true when the member counts for size and alignment but its fields are not exposed
   *     by a {@link StructLayout} (used for union alternatives this library never reads)
   */
  public record Member(String name, CType type, boolean hidden) {
    /**
     * Checks the arguments.
     *
     * @param name the member name or null for anonymous
     * @param type the member type
     * @param hidden whether the member's fields are hidden
     */
    public Member {
      Objects.requireNonNull(type, "type");
      if (name == null && !(type instanceof CStruct)) {
        throw new IllegalArgumentException("only a struct or union can be anonymous");
      }
    }
  }

  private final String name;
  private final boolean union;
  private final boolean packed;
  private final List<Member> members;

  private CStruct(String name, boolean union, boolean packed, List<Member> members) {
    this.name = Objects.requireNonNull(name, "name");
    this.union = union;
    this.packed = packed;
    this.members = List.copyOf(members);
  }

  /**
   * Starts a struct declaration.
   *
   * @param name the C tag without {@code struct}, e.g. {@code v4l2_buffer}
   * @return an empty struct
   */
  public static CStruct struct(String name) {
    return new CStruct(name, false, false, List.of());
  }

  /**
   * Starts a union declaration.
   *
   * @param name a descriptive name (unions inside structs are often unnamed in C)
   * @return an empty union
   */
  public static CStruct union(String name) {
    return new CStruct(name, true, false, List.of());
  }

  /**
   * Adds a named member.
   *
   * @param memberName the member name
   * @param type its type
   * @return a new declaration with the member appended
   */
  public CStruct field(String memberName, CType type) {
    return with(new Member(Objects.requireNonNull(memberName, "memberName"), type, false));
  }

  /**
   * Adds a named array member.
   *
   * @param memberName the member name
   * @param element the element type
   * @param length the number of elements
   * @return a new declaration with the member appended
   */
  public CStruct array(String memberName, CType element, int length) {
    return field(memberName, new CArray(element, length));
  }

  /**
   * Adds an anonymous struct or union whose members are addressed as if they were this one's.
   *
   * @param inner the anonymous struct or union
   * @return a new declaration with the member appended
   */
  public CStruct anonymous(CStruct inner) {
    return with(new Member(null, inner, false));
  }

  /**
   * Adds a member that shapes the layout but whose fields are not exposed.
   *
   * @param memberName the member name
   * @param type its type
   * @return a new declaration with the member appended
   */
  public CStruct hidden(String memberName, CType type) {
    return with(new Member(Objects.requireNonNull(memberName, "memberName"), type, true));
  }

  /**
   * Marks the declaration {@code __attribute__((packed))}.
   *
   * @return a new, packed declaration
   */
  public CStruct packed() {
    return new CStruct(name, union, true, members);
  }

  private CStruct with(Member member) {
    List<Member> copy = new ArrayList<>(members);
    copy.add(member);
    return new CStruct(name, union, packed, copy);
  }

  /**
   * Returns the C tag (or the descriptive name of a union).
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether this is a union.
   *
   * @return true for a union, false for a struct
   */
  public boolean isUnion() {
    return union;
  }

  /**
   * Tells whether this declaration is packed.
   *
   * @return true when {@code __attribute__((packed))}
   */
  public boolean isPacked() {
    return packed;
  }

  /**
   * Returns the members in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<Member> members() {
    return members;
  }

  /**
   * Returns the offset of each member under an ABI, in declaration order (all 0 for a union).
   *
   * @param abi the ABI
   * @return one offset per member
   */
  public int[] memberOffsets(Abi abi) {
    int[] offsets = new int[members.size()];
    int end = 0;
    for (int i = 0; i < offsets.length; i++) {
      CType type = members.get(i).type();
      if (union) {
        offsets[i] = 0;
      } else {
        offsets[i] = alignUp(end, packed ? 1 : type.alignment(abi));
        end = offsets[i] + type.size(abi);
      }
    }
    return offsets;
  }

  @Override
  public int size(Abi abi) {
    int[] offsets = memberOffsets(abi);
    int end = 0;
    for (int i = 0; i < offsets.length; i++) {
      end = Math.max(end, offsets[i] + members.get(i).type().size(abi));
    }
    return alignUp(end, alignment(abi));
  }

  @Override
  public int alignment(Abi abi) {
    if (packed) {
      return 1;
    }
    int max = 1;
    for (Member m : members) {
      max = Math.max(max, m.type().alignment(abi));
    }
    return max;
  }

  static int alignUp(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

  @Override
  public String toString() {
    return (union ? "union " : "struct ") + name;
  }
}
