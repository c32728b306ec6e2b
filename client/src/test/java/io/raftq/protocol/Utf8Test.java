package io.raftq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void lengthIsWhatEncodingWouldGive() {
    String[] samples = {"", "a", "héllo", "日本語", "€", "😀x", "a\uD800b", "\uDC00", "end\uD83D", "ü".repeat(300)};
    for (String s : samples) {
      assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(Utf8.length(null)).isZero();
  }
}
