package io.eyetoystreamer.fakeeyetoy;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The lock of a simulated device and its one condition, "something changed": what {@link
 * FakeEyetoy} and {@link FakeH264Encoder} wait on (a frame due, a buffer queued, a fault pressed).
 */
final class DeviceLock {
  private final ReentrantLock lock;
  private final Condition changed;

  DeviceLock(ReentrantLock lock, Condition changed) {
    this.lock = lock;
    this.changed = changed;
  }

  /**
   * Waits, holding the lock, until signalled or {@code wakeNanos} ({@code System.nanoTime()};
   * {@code Long.MAX_VALUE}: no deadline). An interrupt does not end the wait early; the thread's
   * interrupt status is set again after it.
   */
  void await(long wakeNanos) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (wakeNanos == Long.MAX_VALUE) {
            changed.await();
          } else {
            long left = wakeNanos - System.nanoTime();
            if (left > 0) {
              changed.awaitNanos(left);
            }
          }
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code action} under the lock and wakes every waiter. */
  void locked(Runnable action) {
    lockedGet(
        () -> {
          action.run();
          return null;
        });
  }

  /** Runs {@code action} under the lock, wakes every waiter and returns the action's result. */
  <T> T lockedGet(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }
}
