package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonWriterTest {

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonWriter.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(JsonWriter.quote("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    assertThat(JsonWriter.quote("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
  }

  @Test
  void keepsPrintableUnicodeAndSurrogatePairsAsIs() {
    assertThat(JsonWriter.quote("héllo 世界 \uD83D\uDE00 /")).isEqualTo("\"héllo 世界 \uD83D\uDE00 /\"");
  }

  @Test
  void escapesUnpairedSurrogatesAndJavaScriptLineSeparators() {
    assertThat(JsonWriter.quote("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
    assertThat(JsonWriter.quote("\uDE00")).isEqualTo("\"\\ude00\"");
    assertThat(JsonWriter.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
  }

  @Test
  void placesCommasInNestedObjectsAndArrays() {
    String json =
        new JsonWriter()
            .beginObject()
            .field("a", 1)
            .name("b")
            .beginArray()
            .value("x")
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .value(true)
            .endArray()
            .field("c", (String) null)
            .field("d", false)
            .endObject()
            .toString();
    assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",{},[],true],\"c\":null,\"d\":false}");
  }

  @Test
  void writesNonFiniteDoublesAsNull() {
    String json =
        new JsonWriter()
            .beginArray()
            .value(Double.NaN)
            .value(Double.POSITIVE_INFINITY)
            .value(1.5)
            .endArray()
            .toString();
    assertThat(json).isEqualTo("[null,null,1.5]");
  }

  @Test
  void escapesNamesToo() {
    assertThat(new JsonWriter().beginObject().field("k\"\n", "v").endObject().toString())
        .isEqualTo("{\"k\\\"\\n\":\"v\"}");
  }

  @Test
  void rejectsMalformedSequences() {
    assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").endObject())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
  }
}
