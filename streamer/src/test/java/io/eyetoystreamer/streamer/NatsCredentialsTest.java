package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Credentials in the relay's URL reach the NATS server; wrong ones are said plainly. */
@ExtendWith(NoLeaks.class)
class NatsCredentialsTest {
  private NatsCluster nats;
  private ServerHarness edge;

  @BeforeEach
  void start() throws Exception {
    nats = NatsCluster.start(1, "--user", "eye", "--pass", "s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    if (edge != null) {
      edge.close();
    }
    nats.close();
  }

  private void edge(String userInfo) throws Exception {
    String source = "nats://" + userInfo + "@127.0.0.1:" + nats.node(0).port() + "/cam";
    edge =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("serve", "--port", "0", "--source", source),
                null,
                ServerHarness.PAGE));
  }

  @Test
  void aUserAndPasswordInTheUrlReachTheServerAndAreNotShown() throws Exception {
    edge("eye:s3cret");
    AreaServingTest.waitFor(() -> edge.streamer.edge().connected(), 10);
    String state = edge.get("/state").body();
    assertTrue(state.contains("\"connected\":true"), state);
    assertTrue(state.contains("nats://eye:***@127.0.0.1"), state);
    assertTrue(!state.contains("s3cret"), state);
  }

  @Test
  void aWrongPasswordIsSaidInTheStateAndNoConnectionIsMade() throws Exception {
    edge("eye:wrong");
    AreaServingTest.waitFor(() -> stateOf().contains("Authorization"), 10);
    String state = stateOf();
    assertTrue(state.contains("\"connected\":false"), state);
  }

  private String stateOf() {
    try {
      return edge.get("/state").body();
    } catch (Exception e) {
      return "";
    }
  }
}
