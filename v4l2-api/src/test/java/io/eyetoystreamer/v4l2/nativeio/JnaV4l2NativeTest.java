package io.eyetoystreamer.v4l2.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.DeviceNotFoundException;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real system calls, on files every Linux machine has (no camera needed). */
class JnaV4l2NativeTest {
  private final V4l2Native sys = JnaV4l2Native.instance();

  @Test
  void openingAMissingNodeReturnsEnoent() {
    assertEquals(-Errno.ENOENT, sys.open("/dev/video-does-not-exist", V4l2Native.O_RDWR));
  }

  @Test
  void openingAMissingDeviceThrowsAnErrorNamingThePath() {
    DeviceNotFoundException e =
        assertThrows(
            DeviceNotFoundException.class, () -> V4l2Device.open("/dev/video-does-not-exist"));
    assertEquals(
        "open on /dev/video-does-not-exist failed: ENOENT (No such file or directory)",
        e.getMessage());
  }

  @Test
  void aV4l2IoctlOnANonV4l2FileReturnsEnotty() {
    int fd = sys.open("/dev/null", V4l2Native.O_RDWR | V4l2Native.O_CLOEXEC);
    assertTrue(fd >= 0, "open /dev/null: " + fd);
    try {
      Memory arg = new Memory(104);
      int request = V4l2Ioctl.VIDIOC_QUERYCAP.request(AbiDetector.current());
      assertEquals(-Errno.ENOTTY, sys.ioctl(fd, request, arg));
    } finally {
      assertEquals(0, sys.close(fd));
    }
  }

  @Test
  void closingAnUnknownDescriptorReturnsEbadf() {
    assertEquals(-Errno.EBADF, sys.close(999_999));
  }

  @Test
  void pollReportsReadinessOfDevNull() {
    int fd = sys.open("/dev/null", V4l2Native.O_RDWR);
    try {
      int events = sys.poll(fd, V4l2Native.POLLIN, 1000);
      assertTrue((events & V4l2Native.POLLIN) != 0, "revents " + events);
    } finally {
      sys.close(fd);
    }
  }

  @Test
  void pollOnAClosedDescriptorReportsPollnval() {
    assertEquals(V4l2Native.POLLNVAL, sys.poll(999_999, V4l2Native.POLLIN, 0));
  }

  @Test
  void mmapAndMunmapOfSharedMemoryWork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("buffer");
    Files.write(file, new byte[8192]);
    int fd = sys.open(file.toString(), V4l2Native.O_RDWR);
    try {
      long address =
          sys.mmap(
              4096, V4l2Native.PROT_READ | V4l2Native.PROT_WRITE, V4l2Native.MAP_SHARED, fd, 4096);
      assertTrue(address > 0, "mmap returned " + address);
      new Pointer(address).setByte(0, (byte) 42);
      assertEquals(0, sys.munmap(address, 4096));
      assertEquals(42, Files.readAllBytes(file)[4096]);
    } finally {
      sys.close(fd);
    }
  }

  @Test
  void aDetachedMappingStaysWritableAndNoLongerReachesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("buffer");
    Files.write(file, new byte[4096]);
    int fd = sys.open(file.toString(), V4l2Native.O_RDWR);
    try {
      long address =
          sys.mmap(
              4096, V4l2Native.PROT_READ | V4l2Native.PROT_WRITE, V4l2Native.MAP_SHARED, fd, 0);
      assertTrue(address > 0, "mmap returned " + address);
      assertEquals(0, sys.detach(address, 4096));
      Pointer kept = new Pointer(address);
      kept.setByte(0, (byte) 42); // a mem2mem input buffer written after its session closed
      assertEquals(42, kept.getByte(0));
      assertEquals(0, sys.munmap(address, 4096));
      assertEquals(0, Files.readAllBytes(file)[0]);
    } finally {
      sys.close(fd);
    }
  }

  @Test
  void mmapOfAnUnalignedOffsetReturnsEinval(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("buffer");
    Files.write(file, new byte[8192]);
    int fd = sys.open(file.toString(), V4l2Native.O_RDWR);
    try {
      assertEquals(
          -Errno.EINVAL, sys.mmap(4096, V4l2Native.PROT_READ, V4l2Native.MAP_SHARED, fd, 1));
    } finally {
      sys.close(fd);
    }
  }

  @Test
  void videoNodesAreListedInNumericOrder(@TempDir Path dir) throws Exception {
    for (String name : List.of("video10", "video2", "video0", "vbi0", "videoX")) {
      Files.createFile(dir.resolve(name));
    }
    assertEquals(
        List.of(dir + "/video0", dir + "/video2", dir + "/video10"),
        V4l2Native.scanVideoNodes(dir));
  }

  @Test
  void everyKindOfV4l2NodeIsListedVideoFirst(@TempDir Path dir) throws Exception {
    // The nodes vivid creates with its default options, plus what is not V4L2.
    for (String name :
        List.of(
            "v4l-touch0",
            "radio1",
            "video3",
            "swradio0",
            "vbi1",
            "video0",
            "radio0",
            "vbi0",
            "media0",
            "v4l-subdev0",
            "video1",
            "video2",
            "vbiX")) {
      Files.createFile(dir.resolve(name));
    }
    assertEquals(
        List.of(
            dir + "/video0",
            dir + "/video1",
            dir + "/video2",
            dir + "/video3",
            dir + "/vbi0",
            dir + "/vbi1",
            dir + "/radio0",
            dir + "/radio1",
            dir + "/swradio0",
            dir + "/v4l-touch0"),
        V4l2Native.scanDeviceNodes(dir));
  }

  @Test
  void aMissingDevDirectoryListsNoNodes(@TempDir Path dir) {
    assertEquals(List.of(), V4l2Native.scanVideoNodes(dir.resolve("missing")));
    assertEquals(List.of(), V4l2Native.scanDeviceNodes(dir.resolve("missing")));
  }
}
