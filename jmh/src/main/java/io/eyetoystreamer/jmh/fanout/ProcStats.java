package io.eyetoystreamer.jmh.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Linux's {@code /proc} says about a process: CPU time (user and system, from {@code
 * /proc/PID/stat}), context switches per thread, and resident memory (VmHWM, the peak, and VmRSS,
 * from {@code /proc/PID/status}); and which process listens on a TCP port ({@code /proc/net/tcp*}
 * and the processes' socket descriptors).
 */
public final class ProcStats {
  /** Clock ticks per second of {@code /proc/PID/stat}'s times (USER_HZ: 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** A process's CPU time so far, in seconds. */
  public record Cpu(double userSeconds, double systemSeconds) {
    /** User plus system. */
    public double totalSeconds() {
      return userSeconds + systemSeconds;
    }

    /** The CPU used between {@code earlier} and this. */
    public Cpu minus(Cpu earlier) {
      return new Cpu(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds);
    }
  }

  /** A process's resident memory: peak and now, in bytes. */
  public record Memory(long peakBytes, long currentBytes) {}

  /**
   * CPU time used by process {@code pid} (all its threads, live and finished).
   *
   * @throws IOException if the process is gone
   */
  public static Cpu cpu(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    // After the name, field 3 (state) is f[0]; utime is field 14, stime field 15.
    long utime = Long.parseLong(f[14 - 3]);
    long stime = Long.parseLong(f[15 - 3]);
    return new Cpu((double) utime / TICKS_PER_SECOND, (double) stime / TICKS_PER_SECOND);
  }

  /**
   * Minor page faults of process {@code pid} so far, all threads (field 10 of {@code
   * /proc/PID/stat}): pages touched for the first time, e.g. memory freshly mapped by malloc.
   *
   * @throws IOException if the process is gone
   */
  public static long minorFaults(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    return Long.parseLong(f[10 - 3]);
  }

  /**
   * Nanoseconds each live thread of process {@code pid} has run, from {@code
   * /proc/PID/task/TID/schedstat} (exact, unlike the 10 ms ticks of {@code stat}).
   *
   * @throws IOException if the process is gone
   */
  public static Map<Long, Long> threadRunNanos(long pid) throws IOException {
    Map<Long, Long> times = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String s = Files.readString(task.resolve("schedstat")).trim();
          times.put(
              Long.parseLong(task.getFileName().toString()),
              Long.parseLong(s.substring(0, s.indexOf(' '))));
        } catch (IOException | NumberFormatException ignored) {
          // The thread ended while we looked, or the kernel keeps no schedstat.
        }
      }
    }
    return times;
  }

  /** Context switches of a process's threads: voluntary (it slept) and not (it was preempted). */
  public record Switches(long voluntary, long involuntary) {
    /** Both kinds. */
    public long total() {
      return voluntary + involuntary;
    }
  }

  /**
   * Context switches so far of each live thread of process {@code pid}, from {@code
   * /proc/PID/task/TID/status}; {@link #switchesBetween} turns two snapshots into a difference.
   *
   * @throws IOException if the process is gone
   */
  public static Map<Long, Switches> threadSwitches(long pid) throws IOException {
    Map<Long, Switches> all = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          long voluntary = -1;
          long involuntary = -1;
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          if (voluntary >= 0 && involuntary >= 0) {
            all.put(
                Long.parseLong(task.getFileName().toString()),
                new Switches(voluntary, involuntary));
          }
        } catch (IOException | NumberFormatException ignored) {
          // The thread ended while we looked.
        }
      }
    }
    return all;
  }

  /**
   * Context switches between two {@link #threadSwitches} snapshots, by threads alive at the end.
   */
  public static Switches switchesBetween(Map<Long, Switches> before, Map<Long, Switches> after) {
    long v = 0;
    long i = 0;
    for (Map.Entry<Long, Switches> e : after.entrySet()) {
      Switches b = before.getOrDefault(e.getKey(), new Switches(0, 0));
      v += e.getValue().voluntary() - b.voluntary();
      i += e.getValue().involuntary() - b.involuntary();
    }
    return new Switches(v, i);
  }

  /**
   * CPU seconds run between two {@link #threadRunNanos} snapshots by the threads alive at the end
   * (a thread that ended in between is missed: JVMs rarely end threads once warm).
   */
  public static double runSecondsBetween(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum / 1e9;
  }

  /**
   * CPU seconds the whole machine has been busy (every CPU; all but idle and iowait), from {@code
   * /proc/stat}.
   */
  public static double machineBusySeconds() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split(" +");
        long busy = 0;
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        for (int i = 1; i <= 8 && i < f.length; i++) {
          if (i != 4 && i != 5) {
            busy += Long.parseLong(f[i]);
          }
        }
        return (double) busy / TICKS_PER_SECOND;
      }
    }
    throw new IOException("no cpu line in /proc/stat");
  }

  /**
   * Resident memory of process {@code pid}.
   *
   * @throws IOException if the process is gone
   */
  public static Memory memory(long pid) throws IOException {
    long peak = -1;
    long now = -1;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = kilobytes(line) * 1024;
      } else if (line.startsWith("VmRSS:")) {
        now = kilobytes(line) * 1024;
      }
    }
    return new Memory(peak, now);
  }

  private static long kilobytes(String line) {
    String v = line.substring(line.indexOf(':') + 1).trim();
    return Long.parseLong(v.substring(0, v.indexOf(' ')));
  }

  /**
   * The process that listens on TCP {@code port} (IPv4 or IPv6), or -1 if none is found. Needs
   * permission to read other processes' {@code /proc/PID/fd} (the same user, or root).
   */
  public static long listenerPid(int port) throws IOException {
    long inode = listeningInode(port);
    if (inode < 0) {
      return -1;
    }
    String target = "socket:[" + inode + "]";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              if (Files.readSymbolicLink(fd).toString().equals(target)) {
                return Long.parseLong(proc.getFileName().toString());
              }
            } catch (IOException ignored) {
              // The descriptor closed while we looked.
            }
          }
        } catch (IOException | SecurityException ignored) {
          // Another user's process, or one that exited while we looked.
        }
      }
    }
    return -1;
  }

  private static long listeningInode(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split(" +");
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          return Long.parseLong(f[9]);
        }
      }
    }
    return -1;
  }
}
