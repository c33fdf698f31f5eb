package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.streamer.capture.CameraSource;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /controls} and {@code POST /controls} on the simulated Eyetoy: what the API lists and
 * sets is what v4l2-api reads from the camera through a descriptor of its own; every refusal is the
 * documented status with a sentence naming what is wrong, and changes nothing.
 */
@ExtendWith(NoLeaks.class)
class ControlsApiTest {
  @TempDir Path dir;

  private FakeEyetoy fake = new FakeEyetoy();
  private ServerHarness server;
  private V4l2Device reader;

  @AfterEach
  void stop() throws Exception {
    if (reader != null) {
      reader.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(String... args) throws Exception {
    start(new SimulatedCamera(fake), args);
  }

  private void start(CameraSource camera, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--port", "0"));
    all.addAll(List.of(args));
    server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse(all.toArray(String[]::new)), camera, ServerHarness.PAGE));
  }

  /** What v4l2-api reads from the simulated camera, through a descriptor of its own. */
  private long read(String control) {
    if (reader == null) {
      reader = V4l2Device.open(fake.path(), fake);
    }
    return reader.controls().get(control);
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.http("/controls"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      b.header("Content-Type", "application/json");
    }
    return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON object of one control in a {@code GET /controls} answer. */
  static String control(String json, String name) {
    int start = json.indexOf("{\"name\":\"" + name + "\"");
    assertTrue(start >= 0, "no control " + name + " in " + json);
    int depth = 0;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return json.substring(start, i + 1);
      }
    }
    throw new AssertionError("unterminated control " + name + " in " + json);
  }

  private void awaitState(boolean online) throws Exception {
    String want = "\"online\":" + online;
    AreaServingTest.waitFor(
        () -> {
          try {
            return server.get("/state").body().contains(want);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        },
        15);
  }

  @Test
  void listsEveryControlAsV4l2ApiDescribesItWithItsValue() throws Exception {
    start();
    HttpResponse<String> r = server.get("/controls");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        r.headers().toString());
    String body = r.body();
    assertEquals(
        "{\"name\":\"brightness\",\"label\":\"Brightness\",\"group\":\"User Controls\","
            + "\"id\":9963776,\"type\":\"int\",\"min\":0,\"max\":255,\"step\":1,\"default\":0,"
            + "\"value\":0,\"readOnly\":false,\"writeOnly\":false,\"inactive\":false,"
            + "\"settable\":true,\"flags\":[\"slider\"],\"menu\":[]}",
        control(body, "brightness"));
    assertTrue(
        control(body, "power_line_frequency")
                .contains(
                    "\"type\":\"menu\",\"min\":0,\"max\":1,\"step\":1,\"default\":0,\"value\":0,")
            && control(body, "power_line_frequency")
                .endsWith(
                    "\"menu\":[{\"value\":0,\"name\":\"Disabled\"},{\"value\":1,\"name\":\"50 Hz\"}]}"),
        control(body, "power_line_frequency"));
    assertTrue(control(body, "horizontal_flip").contains("\"type\":\"bool\""), body);
    assertTrue(control(body, "gain").contains("\"inactive\":true"), "autogain is on: " + body);
    assertTrue(control(body, "auto_exposure").contains("\"group\":\"Camera Controls\""), body);
    // Every control v4l2-api lists, in its order, with the value it reads.
    if (reader == null) {
      reader = V4l2Device.open(fake.path(), fake);
    }
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("\\{\"name\":\"([a-z0-9_]+)\"").matcher(body);
    while (m.find()) {
      keys.add(m.group(1));
    }
    List<String> library = new ArrayList<>();
    for (ControlInfo c : reader.controls().list()) {
      if (c.type() != ControlType.CTRL_CLASS) {
        library.add(c.key());
        assertTrue(
            control(body, c.key()).contains("\"value\":" + reader.controls().get(c.id()) + ","),
            c.key() + ": " + control(body, c.key()));
      }
    }
    assertEquals(library, keys);
  }

  @Test
  void setsOneControl() throws Exception {
    start();
    HttpResponse<String> r = post("{\"brightness\": 10}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("{\"type\":\"controls\",\"values\":{"), r.body());
    assertTrue(r.body().contains("\"brightness\":10,"), r.body());
    assertEquals(10, read("brightness"));
    assertTrue(control(server.get("/controls").body(), "brightness").contains("\"value\":10,"));
  }

  @Test
  void setsSeveralAtOnce() throws Exception {
    start();
    HttpResponse<String> r =
        post(
            "{\"brightness\": 20, \"contrast\": 40, \"horizontal_flip\": true,"
                + " \"power_line_frequency\": \"50 Hz\", \"Gain, Automatic\": 0}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(20, read("brightness"));
    assertEquals(40, read("contrast"));
    assertEquals(1, read("horizontal_flip"));
    assertEquals(1, read("power_line_frequency"));
    assertEquals(0, read("gain_automatic"));
    assertTrue(
        r.body().endsWith("\"inactive\":[\"exposure\"]}\n"), "gain is active now: " + r.body());
  }

  @Test
  void outOfRangeIs400NamingTheRangeAndChangesNothing() throws Exception {
    start();
    HttpResponse<String> r = post("{\"contrast\": 50, \"brightness\": 300}");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("brightness 300 is out of range 0..255"), r.body());
    assertTrue(r.body().contains("Nothing was changed"), r.body());
    assertEquals(32, read("contrast"), "contrast was valid, but nothing is applied unless all are");
    assertEquals(0, read("brightness"));
    HttpResponse<String> fraction = post("{\"brightness\": 2.5}");
    assertEquals(400, fraction.statusCode());
    assertTrue(fraction.body().contains("brightness 2.5 is not a whole number"), fraction.body());
    HttpResponse<String> type = post("{\"brightness\": \"bright\"}");
    assertEquals(400, type.statusCode());
    assertTrue(
        type.body().contains("brightness takes a whole number in 0..255, not \"bright\""),
        type.body());
  }

  @Test
  void unknownNameIs400ListingTheControls() throws Exception {
    start();
    HttpResponse<String> r = post("{\"brightnes\": 1, \"contrast\": 50}");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(
        r.body()
            .startsWith(
                "unknown control brightnes; this camera has: brightness, contrast, saturation,"),
        r.body());
    assertEquals(32, read("contrast"));
  }

  @Test
  void readOnlyIs400() throws Exception {
    QuirkyCamera camera = new QuirkyCamera();
    fake = camera.fake;
    start(camera);
    assertTrue(control(server.get("/controls").body(), "sharpness").contains("\"readOnly\":true"));
    HttpResponse<String> r = post("{\"brightness\": 5, \"sharpness\": 3}");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("sharpness is read-only. Nothing was changed.\n", r.body());
    assertEquals(0, read("brightness"));
  }

  @Test
  void aValueTheDriverRefusesPutsBackTheOnesAlreadySet() throws Exception {
    QuirkyCamera camera = new QuirkyCamera(); // EBUSY for any write of contrast
    fake = camera.fake;
    start(camera);
    HttpResponse<String> r = post("{\"brightness\": 10, \"contrast\": 40}");
    assertEquals(409, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("the driver refused contrast = 40: "), r.body());
    assertTrue(r.body().contains("The values already set (brightness) were put back."), r.body());
    assertEquals(0, read("brightness"));
    assertEquals(32, read("contrast"));
  }

  @Test
  void foreignOriginIs403() throws Exception {
    start();
    HttpResponse<String> r = post("{\"brightness\": 10}", "Origin", "http://evil.example");
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("origin http://evil.example is refused"), r.body());
    assertEquals(0, read("brightness"));
    int port = server.streamer.address().getPort();
    assertEquals(
        200, post("{\"brightness\": 10}", "Origin", "http://127.0.0.1:" + port).statusCode());
    assertEquals(10, read("brightness"));
  }

  @Test
  void withoutCredentialsIs401() throws Exception {
    start("--auth", "viewer:s3cret");
    HttpResponse<String> r = post("{\"brightness\": 10}");
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(401, server.get("/controls").statusCode());
    assertEquals(0, read("brightness"));
    HttpResponse<String> ok =
        post("{\"brightness\": 10}", "Authorization", BadInputTest.basic("viewer:s3cret"));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(10, read("brightness"));
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    start();
    HttpResponse<String> r = post("{\"brightness\": 10}", "Content-Type", "text/plain");
    assertEquals(415, r.statusCode(), r.body());
    assertTrue(r.body().contains("takes Content-Type: application/json, not text/plain"), r.body());
    HttpResponse<String> form =
        post("brightness=10", "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(415, form.statusCode(), form.body());
    assertEquals(0, read("brightness"));
    assertEquals(
        200,
        post("{\"brightness\": 10}", "Content-Type", "application/json; charset=utf-8")
            .statusCode());
  }

  @Test
  void malformedJsonIs400AndABodyOver4KbIs413() throws Exception {
    start();
    HttpResponse<String> r = post("{\"brightness\": 10,}");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("malformed JSON at character 19: "), r.body());
    HttpResponse<String> big = post("{\"brightness\": 10" + " ".repeat(5000) + "}");
    assertEquals(413, big.statusCode(), big.body());
    assertEquals(0, read("brightness"));
  }

  @Test
  void offlineIs503() throws Exception {
    start();
    fake.faults().unplug();
    awaitState(false);
    HttpResponse<String> r = post("{\"brightness\": 10}");
    assertEquals(503, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("camera controls unavailable: the camera is offline"), r.body());
    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
    assertEquals(503, server.get("/controls").statusCode());
  }

  @Test
  void serveAreaIs501() throws Exception {
    Path area = dir.resolve("area");
    try (AreaPublisher publisher = new AreaPublisher(area, 30)) {
      server = ServerHarness.serveArea(area);
      HttpResponse<String> get = server.get("/controls");
      assertEquals(501, get.statusCode(), get.body());
      assertTrue(get.body().startsWith("not yet: "), get.body());
      assertTrue(get.body().contains("--ctrl NAME=VALUE"), get.body());
      HttpResponse<String> r = post("{\"brightness\": 10}");
      assertEquals(501, r.statusCode(), r.body());
      server.close();
      server = null;
    }
  }

  @Test
  void valuesSetArePersistedWithControlsFileAcrossARestart() throws Exception {
    Path file = dir.resolve("controls.conf");
    start("--ctrl", "brightness=5", "--ctrl", "contrast=50", "--controls-file", file.toString());
    assertEquals(5, read("brightness"));
    assertEquals(200, post("{\"brightness\": 42}").statusCode());
    server.close();
    server = null;
    reader.close();
    reader = null;
    assertEquals(
        List.of(
            "# eyetoy-streamer camera controls, set through POST /controls; NAME=VALUE a line",
            "brightness=42"),
        Files.readAllLines(file));
    assertEquals(List.of("controls.conf"), List.of(dir.toFile().list()), "no temporary file left");

    fake = new FakeEyetoy(); // a fresh camera: its defaults
    start("--ctrl", "brightness=5", "--ctrl", "contrast=50", "--controls-file", file.toString());
    assertEquals(42, read("brightness"), "the file is applied after --ctrl");
    assertEquals(50, read("contrast"), "--ctrl still applies");
    assertTrue(control(server.get("/controls").body(), "brightness").contains("\"value\":42,"));
  }

  @Test
  void aCorruptControlsFileStopsTheStartNamingTheFileAndLine() throws Exception {
    Path file = dir.resolve("controls.conf");
    Files.writeString(file, "# mine\nbrightness=10\ncontrast: 20\n");
    IOException e =
        assertThrows(IOException.class, () -> start("--controls-file", file.toString()));
    assertTrue(
        e.getMessage().startsWith("corrupt controls file " + file + " line 3: expected NAME=VALUE"),
        e.getMessage());
    assertTrue(e.getMessage().contains("got \"contrast: 20\""), e.getMessage());
  }

  @Test
  void valuesSetSurviveAReplug() throws Exception {
    start("--ctrl", "contrast=50");
    assertEquals(200, post("{\"brightness\": 33}").statusCode());
    reader = V4l2Device.open(fake.path(), fake);
    fake.faults().unplug();
    awaitState(false);
    reader.close();
    reader = null;
    fake.faults().replug(); // a new camera, with its defaults
    awaitState(true);
    assertEquals(33, read("brightness"));
    assertEquals(50, read("contrast"));
  }

  @Test
  void everyPageHearsOfAChange() throws Exception {
    start();
    try (WsClient a = WsClient.connect(server.ws("/ws"), m -> {});
        WsClient b = WsClient.connect(server.ws("/ws?format=jpeg"), m -> {})) {
      assertEquals(200, post("{\"brightness\": 12}").statusCode());
      for (WsClient c : List.of(a, b)) {
        AreaServingTest.waitFor(
            () ->
                c.texts.stream()
                    .anyMatch(
                        t -> t.startsWith("{\"type\":\"controls\",\"values\":{\"brightness\":12,")),
            10);
      }
    }
  }
}
