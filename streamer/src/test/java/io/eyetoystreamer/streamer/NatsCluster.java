package io.eyetoystreamer.streamer;

import io.eyetoystreamer.testsupport.TestRequirements;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster of {@code nats-server} processes on loopback for a test (Debian's package {@code
 * nats-server}; without it the test is skipped, or fails under {@code EYETOY_STRICT_TESTS=1}).
 * Every node takes free ports ({@code -p -1}); the first is the seed the others route to, and the
 * cluster meshes by itself. {@link #start} returns once every node delivers messages published on
 * every other.
 */
final class NatsCluster implements AutoCloseable {
  private static final Pattern CLIENT_PORT =
      Pattern.compile("Listening for client connections on [0-9.]+:(\\d+)");
  private static final Pattern ROUTE_PORT =
      Pattern.compile("Listening for route connections on [0-9.]+:(\\d+)");

  /** One node: its process, ports and log. */
  static final class Node {
    final Process process;
    final List<String> log = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> clientPort = new CompletableFuture<>();
    final CompletableFuture<Integer> routePort = new CompletableFuture<>();

    Node(Process process) {
      this.process = process;
    }

    String url() {
      return "nats://127.0.0.1:" + clientPort.join();
    }

    int port() {
      return clientPort.join();
    }
  }

  private final List<Node> nodes = new ArrayList<>();

  /** The nats-server executable: Debian's /usr/sbin, else the PATH; skips if there is none. */
  static Path executable() {
    Path debian = Path.of("/usr/sbin/nats-server");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    return TestRequirements.requireTool("nats-server", "nats-server");
  }

  /**
   * Starts {@code size} nodes and waits until the cluster routes messages between all of them.
   *
   * @param extra more nats-server arguments for every node (no mesh check with one node)
   */
  static NatsCluster start(int size, String... extra) throws Exception {
    Path server = executable();
    NatsCluster cluster = new NatsCluster();
    try {
      for (int i = 0; i < size; i++) {
        List<String> cmd = new ArrayList<>();
        cmd.addAll(
            List.of(
                server.toString(),
                "-a",
                "127.0.0.1",
                "-p",
                "-1",
                "-n",
                "node-" + i,
                "--cluster_name",
                "eyetoy-test",
                "--cluster",
                "nats://127.0.0.1:-1"));
        cmd.addAll(List.of(extra));
        if (i > 0) {
          cmd.add("--routes");
          cmd.add("nats://127.0.0.1:" + cluster.nodes.get(0).routePort.get(10, TimeUnit.SECONDS));
        }
        Node node = new Node(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        cluster.nodes.add(node);
        Thread reader = new Thread(() -> read(node), "nats-server-" + i);
        reader.setDaemon(true);
        reader.start();
        node.clientPort.get(10, TimeUnit.SECONDS);
        node.routePort.get(10, TimeUnit.SECONDS);
      }
      if (size > 1) {
        cluster.awaitMesh(Duration.ofSeconds(15));
      }
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private static void read(Node node) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(node.process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        node.log.add(line);
        Matcher m = CLIENT_PORT.matcher(line);
        if (m.find()) {
          node.clientPort.complete(Integer.parseInt(m.group(1)));
        }
        m = ROUTE_PORT.matcher(line);
        if (m.find()) {
          node.routePort.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    IllegalStateException ended =
        new IllegalStateException("nats-server ended; its log:\n" + String.join("\n", node.log));
    node.clientPort.completeExceptionally(ended);
    node.routePort.completeExceptionally(ended);
  }

  /** Waits until a message published on any node reaches a subscriber on every other node. */
  private void awaitMesh(Duration limit) throws Exception {
    List<Connection> clients = new ArrayList<>();
    try {
      for (Node n : nodes) {
        clients.add(Nats.connect(n.url()));
      }
      long end = System.nanoTime() + limit.toNanos();
      for (int to = 0; to < nodes.size(); to++) {
        Subscription sub = clients.get(to).subscribe("mesh.probe." + to);
        clients.get(to).flush(Duration.ofSeconds(2));
        for (int from = 0; from < nodes.size(); from++) {
          if (from == to) {
            continue;
          }
          while (true) {
            clients.get(from).publish("mesh.probe." + to, new byte[] {1});
            if (sub.nextMessage(Duration.ofMillis(100)) != null) {
              break;
            }
            if (System.nanoTime() > end) {
              throw new AssertionError(
                  "the nats-server cluster did not route node "
                      + from
                      + " to node "
                      + to
                      + " in "
                      + limit.toSeconds()
                      + " s; node "
                      + to
                      + "'s log:\n"
                      + String.join("\n", nodes.get(to).log));
            }
          }
        }
        sub.unsubscribe();
        // Later probes of this subject may still be in flight: drain them away.
        clients.get(to).flush(Duration.ofSeconds(2));
      }
    } finally {
      for (Connection c : clients) {
        c.close();
      }
    }
  }

  /** Node {@code i}. */
  Node node(int i) {
    return nodes.get(i);
  }

  /** Kills node {@code i} (SIGKILL: no goodbye to clients or routes). */
  void kill(int i) throws InterruptedException {
    Process p = nodes.get(i).process;
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    for (Node n : nodes) {
      n.process.destroyForcibly();
    }
    for (Node n : nodes) {
      n.process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
