package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The streamer's HTTP controls API on vivid, with {@code v4l2-ctl} as the oracle: a value set with
 * {@code POST /controls} is what {@code v4l2-ctl --get-ctrl} reads while the server streams, one
 * set by {@code v4l2-ctl} is what {@code GET /controls} shows, {@code GET /controls} lists the
 * controls {@code v4l2-ctl --list-ctrls-menus} lists (vivid has one of every type), and the API
 * refuses what the driver would (out of range, read-only), applying nothing of the request.
 */
@VividTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VividControlsHttpIT {
  /** A control's name and type at the start of its object in {@code GET /controls}. */
  private static final Pattern NAME_AND_TYPE =
      Pattern.compile(
          "\\{\"name\":\"([a-z0-9_]+)\",\"label\":\"(?:[^\"\\\\]|\\\\.)*\","
              + "\"group\":(?:null|\"(?:[^\"\\\\]|\\\\.)*\"),\"id\":\\d+,\"type\":\"([a-z0-9]+)\"");

  private StreamerUnderTest server;

  @BeforeAll
  void start() throws Exception {
    server = StreamerUnderTest.start(DeviceUnderTest.path());
    String state = server.awaitState(StreamerUnderTest::saysOnline, Duration.ofSeconds(30));
    assertTrue(StreamerUnderTest.saysOnline(state), state);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void defaultBrightness() throws Exception {
    V4l2Ctl.run(DeviceUnderTest.path(), "--set-ctrl", "brightness=128"); // vivid's default
  }

  private static String toolGet(String key) throws Exception {
    return V4l2CtlOutput.getCtrl(V4l2Ctl.run(DeviceUnderTest.path(), "--get-ctrl", key), key);
  }

  /** The JSON object of one control in a {@code GET /controls} answer. */
  private static String control(String json, String name) {
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
    throw new AssertionError("unterminated control " + name);
  }

  @Test
  void brightnessSetThroughTheApiIsWhatV4l2CtlReads() throws Exception {
    HttpResponse<String> r = server.postJson("/controls", "{\"brightness\": 200}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"brightness\":200,"), r.body());
    assertEquals("200", toolGet("brightness"));
    HttpResponse<String> two =
        server.postJson("/controls", "{\"brightness\": 90, \"contrast\": 100}");
    assertEquals(200, two.statusCode(), two.body());
    assertEquals("90", toolGet("brightness"));
    assertEquals("100", toolGet("contrast"));
    V4l2Ctl.run(DeviceUnderTest.path(), "--set-ctrl", "contrast=128");
    assertTrue(server.online(), "still streaming");
  }

  @Test
  void aValueSetByV4l2CtlIsWhatGetControlsShows() throws Exception {
    V4l2Ctl.run(DeviceUnderTest.path(), "--set-ctrl", "brightness=17");
    HttpResponse<String> r = server.get("/controls");
    assertEquals(200, r.statusCode(), r.body());
    String brightness = control(r.body(), "brightness");
    assertTrue(brightness.contains("\"value\":17,"), brightness);
    assertTrue(
        brightness.contains("\"min\":0,\"max\":255,\"step\":1,\"default\":128,"), brightness);
  }

  @Test
  void getControlsListsWhatV4l2CtlListsWithTheSameTypes() throws Exception {
    V4l2CtlOutput.Controls tool =
        V4l2CtlOutput.controls(V4l2Ctl.run(DeviceUnderTest.path(), "--list-ctrls-menus"));
    HttpResponse<String> r = server.get("/controls");
    assertEquals(200, r.statusCode(), r.body());
    List<String> ours = new ArrayList<>();
    Matcher m = NAME_AND_TYPE.matcher(r.body());
    while (m.find()) {
      ours.add(m.group(1) + " " + m.group(2));
    }
    List<String> theirs = new ArrayList<>();
    for (V4l2CtlOutput.Control c : tool.controls()) {
      theirs.add(c.key() + " " + c.type());
    }
    assertEquals(theirs, ours);
    assertTrue(control(r.body(), "read_only_integer_32_bits").contains("\"readOnly\":true"));
    System.out.println(
        "GET /controls: " + ours.size() + " controls, as v4l2-ctl --list-ctrls-menus lists them");
  }

  @Test
  void outOfRangeAndReadOnlyAreRefusedWithoutTouchingTheDevice() throws Exception {
    HttpResponse<String> high = server.postJson("/controls", "{\"brightness\": 256}");
    assertEquals(400, high.statusCode(), high.body());
    assertTrue(high.body().startsWith("brightness 256 is out of range 0..255"), high.body());
    HttpResponse<String> ro =
        server.postJson("/controls", "{\"brightness\": 10, \"read_only_integer_32_bits\": 1}");
    assertEquals(400, ro.statusCode(), ro.body());
    assertTrue(ro.body().startsWith("read_only_integer_32_bits is read-only"), ro.body());
    // Brightness came in the same request as the read-only control: nothing of it was applied.
    // (The read-only control's own value is no witness: vivid advances it while it streams.)
    assertEquals("128", toolGet("brightness"), "nothing applied");
  }
}
