package io.eyetoystreamer.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty's leak detector (paranoid in tests, see the root pom) reports a
 * leaked buffer while it ran. Leaks are reported when the garbage collector finds an unreleased
 * buffer, so after the class this collects garbage and allocates a little to make the detector
 * look.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
  private static final Logger DETECTOR = Logger.getLogger("io.netty.util.ResourceLeakDetector");
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.SEVERE.intValue()
              && String.valueOf(r.getMessage()).contains("LEAK")) {
            leaks.add(String.valueOf(r.getMessage()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Override
  public void beforeAll(ExtensionContext context) {
    DETECTOR.addHandler(handler);
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    try {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
        for (int j = 0; j < 100; j++) {
          ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
          b.release();
        }
      }
      Assertions.assertTrue(leaks.isEmpty(), "Netty reported leaked buffers: " + leaks);
    } finally {
      DETECTOR.removeHandler(handler);
    }
  }
}
