package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hot writers size their buffer with {@link WireWriter#stringSize}: it must never count less than is written. */
class WireWriterSizeTest {
  @Test
  void stringSizeIsWhatStringWritesForEveryKindOfCharacter() {
    for (String s : List.of("", "id-42", "é", "€uro", "😀 emoji", "mixed é € 😀 a")) {
      WireWriter w = new WireWriter(1);
      w.string(s);
      assertThat(WireWriter.stringSize(s)).as(s).isEqualTo(w.toByteArray().length)
          .isEqualTo(4 + s.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(WireWriter.stringSize(null)).isEqualTo(4);
  }

  @Test
  void anUnpairedSurrogateIsNeverUndercounted() {
    String broken = "a\uD800b";
    WireWriter w = new WireWriter(1);
    w.string(broken);
    assertThat(WireWriter.stringSize(broken)).isGreaterThanOrEqualTo(w.toByteArray().length);
  }

  @Test
  void anExactlySizedWriterHandsOverItsBufferAndAnOversizedOneTrims() {
    WireWriter exact = new WireWriter(8);
    exact.i64(7);
    assertThat(exact.toByteArray()).hasSize(8);
    WireWriter roomy = new WireWriter(64);
    roomy.i64(7);
    assertThat(roomy.toByteArray()).hasSize(8);
  }
}
