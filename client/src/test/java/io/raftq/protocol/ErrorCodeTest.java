package io.raftq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error codes travel on the wire: each name keeps its number and retriability forever; new ones go at the end. */
class ErrorCodeTest {
  @Test
  void numbersAndRetriabilityArePinned() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("NONE", "0 final");
    expected.put("UNKNOWN", "1 final");
    expected.put("INVALID_REQUEST", "2 final");
    expected.put("UNSUPPORTED_VERSION", "3 final");
    expected.put("NOT_LEADER", "4 retriable");
    expected.put("QUEUE_NOT_FOUND", "5 final");
    expected.put("QUEUE_EXISTS", "6 final");
    expected.put("MESSAGE_TOO_LARGE", "7 final");
    expected.put("RECEIPT_INVALID", "8 final");
    expected.put("TIMEOUT", "9 retriable");
    expected.put("UNAVAILABLE", "10 retriable");
    expected.put("FRAME_TOO_LARGE", "11 final");
    expected.put("PARTITION_NOT_FOUND", "12 final");
    expected.put("SHUTTING_DOWN", "13 retriable");
    expected.put("CONFLICT", "14 final");
    expected.put("QUIESCENT", "15 final");
    expected.put("INTERNAL", "16 final");
    expected.put("OVERLOADED", "17 retriable");
    Map<String, String> actual = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      actual.put(c.name(), c.code() + (c.isRetriable() ? " retriable" : " final"));
    }
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void anUnknownNumberReadsAsUnknown() {
    assertThat(ErrorCode.fromCode(9999)).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ErrorCode.fromCode(17)).isEqualTo(ErrorCode.OVERLOADED);
  }
}
