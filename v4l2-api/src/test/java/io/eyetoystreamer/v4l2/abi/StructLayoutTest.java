package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructLayoutTest {
  @Test
  void membersArePaddedToTheirAlignment() {
    CStruct s = CStruct.struct("s").field("a", Scalar.U8).field("b", Scalar.U64);
    StructLayout l = StructLayout.of(s, Abi.X86_64);
    assertEquals(8, l.field("b").offset());
    assertEquals(16, l.size());
  }

  @Test
  void structSizeIsRoundedToItsAlignment() {
    CStruct s = CStruct.struct("s").field("a", Scalar.U64).field("b", Scalar.U8);
    assertEquals(16, StructLayout.of(s, Abi.X86_64).size());
  }

  @Test
  void packedStructsHaveNoPadding() {
    CStruct s = CStruct.struct("s").field("a", Scalar.U8).field("b", Scalar.U64).packed();
    StructLayout l = StructLayout.of(s, Abi.X86_64);
    assertEquals(1, l.field("b").offset());
    assertEquals(9, l.size());
    assertEquals(1, l.alignment());
  }

  @Test
  void unionIsAsLargeAsItsLargestMember() {
    CStruct u = CStruct.union("u").field("a", Scalar.U32).array("b", Scalar.U8, 6);
    assertEquals(8, u.size(Abi.X86_64));
  }

  @Test
  void anonymousMembersKeepTheirOwnNames() {
    StructLayout l = V4l2Layouts.of(Abi.X86_64).buffer();
    assertTrue(l.hasField("request_fd"));
    assertEquals(80, l.field("request_fd").offset());
  }

  @Test
  void hiddenMembersShapeTheLayoutWithoutFields() {
    StructLayout l = V4l2Layouts.of(Abi.X86_64).format();
    assertTrue(l.hasField("fmt.win"));
    assertFalse(l.hasField("fmt.win.clips"));
    assertEquals(8, l.field("fmt").offset());
  }

  @Test
  void unknownFieldNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> V4l2Layouts.of(Abi.X86_64).control().field("nope"));
    assertTrue(e.getMessage().contains("value"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}: v4l2_buffer {1} bytes, timestamp {2}, m {3}, request_fd {4}")
  @CsvSource({
    "X86_64, 88, 24, 64, 80",
    "AARCH64, 88, 24, 64, 80",
    "ARMHF_TIME32, 68, 20, 52, 64",
    "ARMHF_TIME64, 80, 24, 64, 76",
  })
  void bufferLayoutMatchesTheMeasuredOne(Abi abi, int size, int timestamp, int m, int requestFd) {
    StructLayout l = V4l2Layouts.of(abi).buffer();
    assertEquals(size, l.size());
    assertEquals(timestamp, l.field("timestamp").offset());
    assertEquals(m, l.field("m").offset());
    assertEquals(requestFd, l.field("request_fd").offset());
  }

  @ParameterizedTest(name = "{0}: v4l2_format {1} bytes, fmt at {2}")
  @CsvSource({"X86_64, 208, 8", "AARCH64, 208, 8", "ARMHF_TIME32, 204, 4", "ARMHF_TIME64, 204, 4"})
  void formatLayoutMatchesTheMeasuredOne(Abi abi, int size, int fmt) {
    StructLayout l = V4l2Layouts.of(abi).format();
    assertEquals(size, l.size());
    assertEquals(fmt, l.field("fmt").offset());
  }

  @ParameterizedTest
  @CsvSource({"X86_64, 32", "ARMHF_TIME32, 24"})
  void extControlsEndsWithAPointer(Abi abi, int size) {
    assertEquals(size, V4l2Layouts.of(abi).extControls().size());
  }

  @ParameterizedTest(name = "{0}: v4l2_event {1} bytes, u at {2}, timestamp at {3}, id at {4}")
  @CsvSource({
    "X86_64, 136, 8, 80, 96",
    "AARCH64, 136, 8, 80, 96",
    "ARMHF_TIME32, 128, 8, 80, 88",
    "ARMHF_TIME64, 136, 8, 80, 96",
  })
  void eventLayoutMatchesTheMeasuredOne(Abi abi, int size, int u, int timestamp, int id) {
    StructLayout l = V4l2Layouts.of(abi).event();
    assertEquals(size, l.size());
    assertEquals(u, l.field("u").offset());
    assertEquals(timestamp, l.field("timestamp").offset());
    assertEquals(id, l.field("id").offset());
  }

  @ParameterizedTest(name = "{0}: v4l2_plane {1} bytes, data_offset at {2}")
  @CsvSource({"X86_64, 64, 16", "AARCH64, 64, 16", "ARMHF_TIME32, 60, 12", "ARMHF_TIME64, 60, 12"})
  void planeLayoutMatchesTheMeasuredOne(Abi abi, int size, int dataOffset) {
    StructLayout l = V4l2Layouts.of(abi).plane();
    assertEquals(size, l.size());
    assertEquals(dataOffset, l.field("data_offset").offset());
  }

  @Test
  void arrayOfStructsElementsAreNamedByTheirCDesignator() {
    StructLayout l = V4l2Layouts.of(Abi.X86_64).format();
    assertEquals(8 + 20, l.field("fmt.pix_mp.plane_fmt").offset());
    assertEquals(160, l.field("fmt.pix_mp.plane_fmt").size());
    assertEquals(8 + 20 + 3 * 20 + 4, l.field("fmt.pix_mp.plane_fmt[3].bytesperline").offset());
    assertEquals(8 + 180, l.field("fmt.pix_mp.num_planes").offset());
  }
}
