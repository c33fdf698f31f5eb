package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Request numbers against the values measured with GCC 12 and kernel headers 6.1. */
class V4l2IoctlTest {
  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "X86_64, VIDIOC_QUERYBUF, 0xC0585609",
    "X86_64, VIDIOC_QBUF, 0xC058560F",
    "X86_64, VIDIOC_DQBUF, 0xC0585611",
    "X86_64, VIDIOC_S_FMT, 0xC0D05605",
    "X86_64, VIDIOC_G_FMT, 0xC0D05604",
    "AARCH64, VIDIOC_QBUF, 0xC058560F",
    "AARCH64, VIDIOC_S_FMT, 0xC0D05605",
    "ARMHF_TIME32, VIDIOC_QUERYBUF, 0xC0445609",
    "ARMHF_TIME32, VIDIOC_QBUF, 0xC044560F",
    "ARMHF_TIME32, VIDIOC_DQBUF, 0xC0445611",
    "ARMHF_TIME32, VIDIOC_S_FMT, 0xC0CC5605",
    "ARMHF_TIME64, VIDIOC_QUERYBUF, 0xC0505609",
    "ARMHF_TIME64, VIDIOC_QBUF, 0xC050560F",
    "ARMHF_TIME64, VIDIOC_DQBUF, 0xC0505611",
    "ARMHF_TIME64, VIDIOC_G_FMT, 0xC0CC5604",
    "X86_64, VIDIOC_DQEVENT, 0x80885659",
    "AARCH64, VIDIOC_DQEVENT, 0x80885659",
    "ARMHF_TIME32, VIDIOC_DQEVENT, 0x80805659",
    "ARMHF_TIME64, VIDIOC_DQEVENT, 0x80885659",
  })
  void requestNumberMatchesTheMeasuredValue(Abi abi, V4l2Ioctl ioctl, String hex) {
    assertEquals(Long.decode(hex).intValue(), ioctl.request(abi));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void sizeIndependentRequestsAreTheSameEverywhere(Abi abi) {
    assertEquals(0x80685600, V4l2Ioctl.VIDIOC_QUERYCAP.request(abi));
    assertEquals(0xC0145608, V4l2Ioctl.VIDIOC_REQBUFS.request(abi));
    assertEquals(0x40045612, V4l2Ioctl.VIDIOC_STREAMON.request(abi));
    assertEquals(0x40045613, V4l2Ioctl.VIDIOC_STREAMOFF.request(abi));
    assertEquals(0xC028564D, V4l2Ioctl.VIDIOC_ENCODER_CMD.request(abi));
    assertEquals(0x4020565A, V4l2Ioctl.VIDIOC_SUBSCRIBE_EVENT.request(abi));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void everyRequestDecodesBackToItsIoctl(Abi abi) {
    for (V4l2Ioctl io : V4l2Ioctl.values()) {
      assertEquals(Optional.of(io), V4l2Ioctl.decode(abi, io.request(abi)), io.name());
    }
  }

  @Test
  void anotherAbisBufferRequestDoesNotDecode() {
    assertTrue(
        V4l2Ioctl.decode(Abi.X86_64, V4l2Ioctl.VIDIOC_QBUF.request(Abi.ARMHF_TIME32)).isEmpty());
  }
}
