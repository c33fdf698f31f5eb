package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error paths driven through a Mockito mock of the seam. */
class SeamMockTest {
  private static final int FD = 7;
  private final V4l2Native sys = mock(V4l2Native.class);

  @BeforeEach
  void aDeviceThatAnswersQuerycap() {
    when(sys.abi()).thenReturn(Abi.X86_64);
    when(sys.open(anyString(), anyInt())).thenReturn(FD);
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_QUERYCAP)), any(Pointer.class)))
        .thenReturn(0);
  }

  private static int request(V4l2Ioctl io) {
    return io.request(Abi.X86_64);
  }

  @Test
  void openIsNonBlockingReadWriteAndCloseOnExec() {
    V4l2Device.open("/dev/video0", sys).close();
    verify(sys)
        .open("/dev/video0", V4l2Native.O_RDWR | V4l2Native.O_NONBLOCK | V4l2Native.O_CLOEXEC);
    verify(sys).close(FD);
  }

  @Test
  void eintrIsRetriedUntilTheCallSucceeds() {
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_G_FMT)), any(Pointer.class)))
        .thenReturn(-Errno.EINTR, -Errno.EINTR, 0);
    try (V4l2Device device = V4l2Device.open("/dev/video0", sys)) {
      device.format();
    }
    verify(sys, times(3)).ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_G_FMT)), any(Pointer.class));
  }

  @Test
  void endlessEintrGivesUpWithAnError() {
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_G_FMT)), any(Pointer.class)))
        .thenReturn(-Errno.EINTR);
    try (V4l2Device device = V4l2Device.open("/dev/video0", sys)) {
      V4l2Exception e = assertThrows(V4l2Exception.class, device::format);
      assertEquals(Errno.EINTR, e.errno());
    }
  }

  @Test
  void enodevIsDeviceGone() {
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_G_PARM)), any(Pointer.class)))
        .thenReturn(-Errno.ENODEV);
    try (V4l2Device device = V4l2Device.open("/dev/video0", sys)) {
      DeviceGoneException e = assertThrows(DeviceGoneException.class, device::streamParameters);
      assertEquals("VIDIOC_G_PARM on /dev/video0 failed: ENODEV (No such device)", e.getMessage());
    }
  }

  @Test
  void aDriverGrantingNoBuffersIsAnErrorAndNothingIsLeftAllocated() {
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_G_FMT)), any(Pointer.class))).thenReturn(0);
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_QUERYCAP)), any(Pointer.class)))
        .thenAnswer(
            inv -> {
              Pointer caps = inv.getArgument(2);
              caps.setInt(84, 0x0400_0001); // capabilities: VIDEO_CAPTURE | STREAMING
              return 0;
            });
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_ENUM_FMT)), any(Pointer.class)))
        .thenReturn(-Errno.EINVAL);
    when(sys.ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_REQBUFS)), any(Pointer.class)))
        .thenAnswer(
            inv -> {
              Pointer req = inv.getArgument(2);
              req.setInt(0, 0); // count: none granted
              return 0;
            });
    try (V4l2Device device = V4l2Device.open("/dev/video0", sys)) {
      V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.startCapture(4));
      assertEquals(
          "VIDIOC_REQBUFS on /dev/video0 failed: the driver granted no buffers", e.getMessage());
    }
    // once for the request, once to free on the error path
    verify(sys, times(2)).ioctl(eq(FD), eq(request(V4l2Ioctl.VIDIOC_REQBUFS)), any(Pointer.class));
  }
}
