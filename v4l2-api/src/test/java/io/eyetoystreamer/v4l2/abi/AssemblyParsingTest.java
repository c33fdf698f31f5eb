package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblyParsingTest {
  @Test
  void readsArmWordsAsUnsigned32BitValues() {
    Map<String, Long> v =
        CProbe.parseAssembly(
            List.of("\t.align\t2", "probe_ioc__VIDIOC_QBUF:", "\t.word\t-1069263345", "\t.size x"));
    assertEquals(0xC044560FL, v.get("ioc__VIDIOC_QBUF"));
  }

  @Test
  void readsZeroFillAsZero() {
    Map<String, Long> v =
        CProbe.parseAssembly(
            List.of("probe_off__a:", "\t.zero\t4", "probe_off__b:", "\t.space\t4"));
    assertEquals(Map.of("off__a", 0L, "off__b", 0L), v);
  }

  @Test
  void readsX86LongDirectives() {
    Map<String, Long> v = CProbe.parseAssembly(List.of("probe_sizeof__s:", "\t.long\t88"));
    assertEquals(88L, v.get("sizeof__s"));
  }
}
