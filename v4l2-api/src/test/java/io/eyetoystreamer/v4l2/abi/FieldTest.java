package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FieldTest {
  private final NativeStruct buffer = NativeStruct.allocate(V4l2Layouts.of(Abi.X86_64).buffer());
  private final NativeStruct caps = NativeStruct.allocate(V4l2Layouts.of(Abi.X86_64).capability());

  @Test
  void unsignedFieldsReadZeroExtended() {
    buffer.set("sequence", 0xFFFF_FFFFL);
    assertEquals(0xFFFF_FFFFL, buffer.get("sequence"));
    assertEquals(-1, buffer.getInt("sequence"));
  }

  @Test
  void signedFieldsReadSignExtended() {
    buffer.set("request_fd", -1);
    assertEquals(-1L, buffer.get("request_fd"));
  }

  @Test
  void valuesTooWideForTheFieldAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> buffer.set("index", 1L << 32));
  }

  @Test
  void abiSizedFieldsFollowTheAbi() {
    NativeStruct arm = NativeStruct.allocate(V4l2Layouts.of(Abi.ARMHF_TIME32).buffer());
    arm.set("timestamp.tv_sec", 1234).set("timestamp.tv_usec", 999_999);
    assertEquals(4, arm.layout().field("timestamp.tv_sec").size());
    assertEquals(999_999, arm.pointer().getInt(24));
  }

  @Test
  void stringsAreNulTerminatedAndTruncated() {
    caps.setString("driver", "a-driver-name-longer-than-16");
    assertEquals("a-driver-name-l", caps.getString("driver"));
  }

  @Test
  void arrayElementsAreIndexed() {
    Field reserved = caps.layout().field("reserved");
    reserved.set(caps.pointer(), 2, 7);
    assertEquals(7, reserved.get(caps.pointer(), 2));
    assertThrows(IndexOutOfBoundsException.class, () -> reserved.get(caps.pointer(), 3));
  }

  @Test
  void scalarAccessOnAnAggregateFails() {
    assertThrows(IllegalStateException.class, () -> buffer.get("timestamp"));
  }
}
