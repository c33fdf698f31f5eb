package io.eyetoystreamer.jmh.area;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread running a step at full speed or at a fixed rate, until stopped: the writer of the
 * read benchmark, and the readers of the write benchmark.
 */
final class BackgroundLoop {
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param perSecond steps per second; 0 for full speed
   */
  BackgroundLoop(String name, int perSecond, Runnable step) {
    long period = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (running) {
                step.run();
                if (period > 0) {
                  next += period;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  } else {
                    next = System.nanoTime();
                  }
                }
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }
}
