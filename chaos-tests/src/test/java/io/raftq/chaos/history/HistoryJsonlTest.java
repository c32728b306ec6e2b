package io.raftq.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class HistoryJsonlTest {
  @Test
  void roundTripsAHistoryThroughAFile(@TempDir Path dir) throws Exception {
    History original = HistoryBuilder.withLogicalClock()
        .nemesis("start-partition", Map.of("grudge", Map.of("n1", List.of("n2", "n3"))))
        .invokeOn("n2", "7", Fn.SEND, Map.of("queue", "q", "msg", "7-1203", "producerMsgId", "p7-1"))
        .ok("7", Map.of("partition", 3L, "offset", 5521L))
        .invoke("8", Fn.RECEIVE, Map.of("queue", "q", "group", "g", "max", 10L))
        .ok("8", Map.of("msgs", List.of(Map.of("msg", "7-1203", "partition", 3L, "offset", 5521L))))
        .invoke("9", Fn.ACK, Map.of("msg", "quote\" back\\slash\nnewline\ttab \u0001 é ✓", "ratio", -2.5,
            "flag", true))
        .info("9", "timeout after 5000 ms")
        .build();
    Path file = dir.resolve("history.jsonl");

    HistoryJsonl.write(original, file);
    History read = HistoryJsonl.read(file);

    assertThat(read.ops()).isEqualTo(original.ops());
    assertThat(Files.readAllLines(file)).hasSize(original.size());
  }

  @Test
  void writesTheDocumentedLineShape() {
    Op op = new Op(812, 41_234_567_890L, "7", OpType.OK, Fn.SEND, Map.of("offset", 5521L), "n2", null);

    assertThat(HistoryJsonl.toLine(op)).isEqualTo(
        "{\"index\":812,\"time\":41234567890,\"process\":\"7\",\"type\":\"ok\",\"f\":\"send\",\"node\":\"n2\","
            + "\"value\":{\"offset\":5521}}");
  }

  @Test
  void readsNumericProcessIdsAndNullValues() {
    Op op = HistoryJsonl.fromLine(
        "{\"index\":0,\"time\":5,\"process\":7,\"type\":\"invoke\",\"f\":\"send\",\"value\":null}");

    assertThat(op).isEqualTo(new Op(0, 5, "7", OpType.INVOKE, Fn.SEND, null, null, null));
  }

  @Test
  void rejectsMalformedLines() {
    assertThatThrownBy(() -> HistoryJsonl.fromLine("{\"index\":0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryJsonl.fromLine("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryJsonl.fromLine("{\"index\":0,\"time\":1,\"type\":\"ok\",\"f\":\"send\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process");
  }

  @Test
  void jsonDecodesNumbersEscapesAndRejectsGarbage() {
    assertThat(Json.parse(" [1, -2, 3.5, 1e3, \"\\u00e9\\/\", false, null] "))
        .isEqualTo(java.util.Arrays.asList(1L, -2L, 3.5, 1000.0, "é/", false, null));
    assertThatThrownBy(() -> Json.parse("01")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(100))).isInstanceOf(IllegalArgumentException.class);
  }
}
