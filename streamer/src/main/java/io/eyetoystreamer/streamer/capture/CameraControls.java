package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.Controls;
import io.eyetoystreamer.v4l2.DeviceBusyException;
import io.eyetoystreamer.v4l2.DeviceGoneException;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The camera's controls for the HTTP API, done by the capture thread, which owns the device.
 *
 * <p>Other threads (the event loops) {@link #list()} or {@link #set(Map)} through a small bounded
 * queue and get a future; the capture thread takes the requests between frames ({@link
 * #betweenFrames}) and completes the futures. Nothing waits: while the camera is closed, or when
 * {@value #QUEUE} requests already wait, a request fails at once ({@link
 * ControlsRefused.Reason#UNAVAILABLE}); one the capture thread has not taken within {@value
 * #DEADLINE_MILLIS} ms fails instead of being done late.
 *
 * <p>A set is all or nothing: every value is checked against the driver's description (unknown
 * name, type, range, step, menu, read-only) before any is sent; if the driver then refuses one, the
 * values already set are put back to what they were.
 *
 * <p>Values set (buttons aside) are remembered, set again at every open after {@code --ctrl} (a
 * replugged camera starts from its defaults) and, with a file, written to it off the capture
 * thread. Listeners hear of each change, on the capture thread.
 */
public final class CameraControls implements CaptureHook, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CameraControls.class.getName());

  /** Requests that may wait for the capture thread; more are refused (503). */
  public static final int QUEUE = 8;

  /** How long a request may wait for the capture thread before it fails instead. */
  public static final long DEADLINE_MILLIS = 3000;

  /** A request: {@code values} to set, or null to list. */
  private record Job(
      Map<String, Object> values, CompletableFuture<ControlsView> done, long deadlineNanos) {}

  private final ArrayBlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Object gate = new Object();
  private final List<Consumer<ControlsView>> listeners = new CopyOnWriteArrayList<>();
  private final Path file;
  private final AtomicReference<Map<String, Long>> unwritten = new AtomicReference<>();
  private ExecutorService writer;

  /** Under {@link #gate}: whether the capture thread has the device open and takes requests. */
  private boolean open;

  /** Values set through HTTP, by key, in the order first set. The capture thread's. */
  private final Map<String, Long> remembered;

  /**
   * Controls that remember {@code initial} (from {@code --controls-file}) and write what is set to
   * {@code file}.
   *
   * @param file where to keep values set, or null to keep them only while the process runs
   */
  public CameraControls(Map<String, Long> initial, Path file) {
    this.remembered = new LinkedHashMap<>(initial);
    this.file = file;
  }

  /**
   * Controls for {@code --controls-file FILE} (null: none): the file's values, read now.
   *
   * @throws IOException naming the file and line of a corrupt file
   */
  public static CameraControls load(Path file) throws IOException {
    return new CameraControls(file == null ? Map.of() : ControlsFile.load(file), file);
  }

  /**
   * Tells {@code listener} of every change made through {@link #set(Map)}, on the capture thread.
   */
  public void onChange(Consumer<ControlsView> listener) {
    listeners.add(listener);
  }

  /** Every control with its current value, read by the capture thread. */
  public CompletableFuture<ControlsView> list() {
    return submit(null);
  }

  /**
   * Sets one or several controls, all or nothing, in the order given.
   *
   * @param values control (v4l2-ctl key or driver name) to JSON value: {@link Long}, {@link
   *     java.math.BigDecimal}, {@link Boolean} or {@link String}
   * @return every control with its value after the change; or fails with {@link ControlsRefused}
   */
  public CompletableFuture<ControlsView> set(Map<String, Object> values) {
    return submit(new LinkedHashMap<>(values));
  }

  private CompletableFuture<ControlsView> submit(Map<String, Object> values) {
    CompletableFuture<ControlsView> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
    synchronized (gate) {
      if (!open) {
        done.completeExceptionally(unavailable("the camera is offline"));
      } else if (!queue.offer(new Job(values, done, deadline))) {
        done.completeExceptionally(
            unavailable("busy: " + QUEUE + " requests already wait for the camera"));
      }
    }
    return done;
  }

  /** Values set through HTTP so far (and loaded from the file), in order. For tests and logs. */
  public Map<String, Long> remembered() {
    synchronized (gate) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(remembered));
    }
  }

  @Override
  public void opened(V4l2Device device) {
    Map<String, Long> again;
    synchronized (gate) {
      again = new LinkedHashMap<>(remembered);
    }
    Controls controls = device.controls();
    for (Map.Entry<String, Long> e : again.entrySet()) {
      try {
        Optional<ControlInfo> c = controls.find(e.getKey());
        if (c.isEmpty()) {
          LOG.warning(
              () ->
                  device.path()
                      + " has no control "
                      + e.getKey()
                      + " (remembered"
                      + (file != null ? " in " + file : "")
                      + "); not set");
          continue;
        }
        long set = controls.set(c.get().id(), ControlRules.value(c.get(), e.getValue()));
        LOG.info(() -> device.path() + " control " + e.getKey() + " = " + set + " (set before)");
      } catch (DeviceGoneException x) {
        throw x;
      } catch (V4l2Exception | ControlsRefused x) {
        LOG.warning(
            () -> "cannot set " + e.getKey() + " = " + e.getValue() + " again: " + x.getMessage());
      }
    }
    synchronized (gate) {
      open = true;
    }
  }

  @Override
  public void betweenFrames(V4l2Device device) {
    for (int i = 0; i < QUEUE; i++) {
      Job job = queue.poll();
      if (job == null) {
        return;
      }
      run(job, device);
    }
  }

  @Override
  public void closed() {
    List<Job> left = new ArrayList<>();
    synchronized (gate) {
      open = false;
      queue.drainTo(left);
    }
    for (Job job : left) {
      job.done().completeExceptionally(unavailable("the camera closed"));
    }
  }

  private void run(Job job, V4l2Device device) {
    if (System.nanoTime() - job.deadlineNanos() > 0) {
      job.done()
          .completeExceptionally(
              unavailable("the camera did not take the request within " + DEADLINE_MILLIS + " ms"));
      return;
    }
    try {
      job.done().complete(job.values() == null ? read(device) : apply(device, job.values()));
    } catch (ControlsRefused e) {
      job.done().completeExceptionally(e);
    } catch (DeviceGoneException e) {
      job.done().completeExceptionally(unavailable("the camera is gone: " + e.getMessage()));
    } catch (DeviceBusyException e) {
      job.done()
          .completeExceptionally(new ControlsRefused(ControlsRefused.Reason.BUSY, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a controls request failed", e);
      job.done()
          .completeExceptionally(new ControlsRefused(ControlsRefused.Reason.FAILED, e.toString()));
    }
  }

  /** Every control, flags read afresh (inactive follows other controls), with its value. */
  private static ControlsView read(V4l2Device device) {
    Controls controls = device.controls();
    List<ControlsView.Entry> out = new ArrayList<>();
    String group = null;
    for (ControlInfo c : controls.refresh()) {
      if (c.type() == ControlType.CTRL_CLASS) {
        group = c.name();
        continue;
      }
      out.add(new ControlsView.Entry(c, group, value(controls, c)));
    }
    return new ControlsView(out);
  }

  private static Object value(Controls controls, ControlInfo c) {
    if (c.writeOnly() || c.type() == ControlType.BUTTON) {
      return null;
    }
    try {
      if (c.type() == ControlType.STRING) {
        return controls.getString(c.key());
      }
      return c.type().isNumeric() ? (Object) controls.get(c.id()) : null;
    } catch (DeviceGoneException e) {
      throw e;
    } catch (V4l2Exception e) {
      LOG.log(Level.FINE, "cannot read " + c.key(), e);
      return null;
    }
  }

  private ControlsView apply(V4l2Device device, Map<String, Object> asked) {
    Controls controls = device.controls();
    if (asked.isEmpty()) {
      throw invalid(
          "nothing to set: POST an object of control names and values, e.g."
              + " {\"brightness\": 10}");
    }
    Map<ControlInfo, Long> plan = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, Object> e : asked.entrySet()) {
      Optional<ControlInfo> c = controls.find(e.getKey());
      if (c.isEmpty()) {
        unknown.add(e.getKey());
        continue;
      }
      if (plan.containsKey(c.get())) {
        problems.add(c.get().key() + " is given twice");
        continue;
      }
      try {
        plan.put(c.get(), ControlRules.value(c.get(), e.getValue()));
      } catch (ControlsRefused x) {
        problems.add(x.getMessage());
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(
          0,
          "unknown control"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + "; this camera has: "
              + controls.list().stream()
                  .filter(c -> c.type() != ControlType.CTRL_CLASS)
                  .map(ControlInfo::key)
                  .collect(Collectors.joining(", ")));
    }
    if (!problems.isEmpty()) {
      throw invalid(String.join("; ", problems) + ". Nothing was changed.");
    }
    Map<ControlInfo, Long> before = new LinkedHashMap<>();
    for (ControlInfo c : plan.keySet()) {
      if (!c.writeOnly() && c.type() != ControlType.BUTTON) {
        try {
          before.put(c, controls.get(c.id()));
        } catch (DeviceGoneException e) {
          throw e;
        } catch (V4l2Exception e) {
          LOG.log(Level.FINE, "cannot read " + c.key() + " before setting it", e);
        }
      }
    }
    List<ControlInfo> done = new ArrayList<>();
    for (Map.Entry<ControlInfo, Long> p : plan.entrySet()) {
      ControlInfo c = p.getKey();
      try {
        controls.set(c.id(), p.getValue());
        done.add(c);
      } catch (DeviceGoneException e) {
        throw e;
      } catch (V4l2Exception e) {
        String undone = undo(controls, done, before);
        throw new ControlsRefused(
            e instanceof DeviceBusyException
                ? ControlsRefused.Reason.BUSY
                : e instanceof io.eyetoystreamer.v4l2.ControlException
                        || e instanceof io.eyetoystreamer.v4l2.InvalidRequestException
                    ? ControlsRefused.Reason.INVALID
                    : ControlsRefused.Reason.FAILED,
            "the driver refused "
                + c.key()
                + " = "
                + p.getValue()
                + ": "
                + e.getMessage()
                + ". "
                + undone);
      }
    }
    Map<String, Long> snapshot;
    synchronized (gate) {
      for (Map.Entry<ControlInfo, Long> p : plan.entrySet()) {
        if (p.getKey().type() != ControlType.BUTTON) {
          remembered.put(p.getKey().key(), p.getValue());
        }
      }
      snapshot = new LinkedHashMap<>(remembered);
    }
    persist(snapshot);
    ControlsView view = read(device);
    for (Consumer<ControlsView> l : listeners) {
      try {
        l.accept(view);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a controls listener failed", e);
      }
    }
    return view;
  }

  /** Puts back the controls set before one failed; says what happened, for the answer. */
  private static String undo(
      Controls controls, List<ControlInfo> done, Map<ControlInfo, Long> was) {
    if (done.isEmpty()) {
      return "Nothing was changed.";
    }
    List<String> failed = new ArrayList<>();
    for (ControlInfo c : done) {
      Long old = was.get(c);
      if (old == null) {
        failed.add(c.key());
        continue;
      }
      try {
        controls.set(c.id(), old);
      } catch (V4l2Exception e) {
        failed.add(c.key());
      }
    }
    String names = done.stream().map(ControlInfo::key).collect(Collectors.joining(", "));
    return failed.isEmpty()
        ? "The values already set (" + names + ") were put back."
        : "Of those already set (" + names + "), these could not be put back: " + failed + ".";
  }

  /** Writes the remembered values to the file, off the capture thread, newest first. */
  private void persist(Map<String, Long> values) {
    if (file == null) {
      return;
    }
    if (unwritten.getAndSet(values) == null) {
      writer().execute(this::write);
    }
  }

  private synchronized ExecutorService writer() {
    if (writer == null) {
      writer =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "controls-file");
                t.setDaemon(true);
                return t;
              });
    }
    return writer;
  }

  private void write() {
    Map<String, Long> values = unwritten.getAndSet(null);
    if (values == null) {
      return;
    }
    try {
      ControlsFile.save(file, values);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot write the controls file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Waits (up to 5 s) for the last values to be written to the file. */
  @Override
  public void close() throws InterruptedException {
    ExecutorService w;
    synchronized (this) {
      w = writer;
    }
    if (w != null) {
      w.shutdown();
      w.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ControlsRefused unavailable(String message) {
    return new ControlsRefused(ControlsRefused.Reason.UNAVAILABLE, message);
  }

  private static ControlsRefused invalid(String message) {
    return new ControlsRefused(ControlsRefused.Reason.INVALID, message);
  }
}
