package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.DeviceListener;
import io.eyetoystreamer.v4l2.DeviceWatch;
import io.eyetoystreamer.v4l2.V4l2Devices;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceWatchTest {
  @Test
  void anUnplugAndAReplugAreGoneAndFoundEvents() throws Exception {
    FakeEyetoy fake = new FakeEyetoy();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    DeviceListener listener =
        new DeviceListener() {
          @Override
          public void found(DeviceInfo device) {
            events.add("found " + device.path() + " " + device.capabilities().driver());
          }

          @Override
          public void gone(DeviceInfo device) {
            events.add("gone " + device.path());
          }
        };
    try (DeviceWatch watch = V4l2Devices.watch(fake, Duration.ofMillis(20), listener)) {
      assertEquals("found /dev/video0 ov534", events.poll(5, TimeUnit.SECONDS));
      fake.faults().unplug();
      assertEquals("gone /dev/video0", events.poll(5, TimeUnit.SECONDS));
      fake.faults().replug();
      assertEquals("found /dev/video0 ov534", events.poll(5, TimeUnit.SECONDS));
    }
    Thread.sleep(60);
    fake.faults().unplug();
    assertEquals(null, events.poll(100, TimeUnit.MILLISECONDS), "no event after close");
  }
}
