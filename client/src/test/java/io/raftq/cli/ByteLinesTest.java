package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ByteLinesTest {

  private static List<String> lines(byte[] input) throws IOException {
    ByteLines lines = new ByteLines(new ByteArrayInputStream(input));
    List<String> out = new ArrayList<>();
    for (byte[] line = lines.next(); line != null; line = lines.next()) {
      out.add(new String(line, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static List<String> lines(String input) throws IOException {
    return lines(input.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void splitsOnNewlineAndKeepsALastLineWithoutOne() throws IOException {
    assertThat(lines("a\nbb\nccc")).containsExactly("a", "bb", "ccc");
    assertThat(lines("a\nbb\n")).containsExactly("a", "bb");
  }

  @Test
  void keepsEmptyLinesAndStripsOnlyTheCrOfCrLf() throws IOException {
    assertThat(lines("\n\nx\r\ny\rz\n")).containsExactly("", "", "x", "y\rz");
  }

  @Test
  void emptyInputHasNoLines() throws IOException {
    assertThat(lines("")).isEmpty();
  }

  @Test
  void keepsBytesThatAreNotText() throws IOException {
    byte[] input = {(byte) 0xff, 0, (byte) 0x80, '\n'};
    ByteLines lines = new ByteLines(new ByteArrayInputStream(input));
    assertThat(lines.next()).containsExactly((byte) 0xff, 0, (byte) 0x80);
    assertThat(lines.next()).isNull();
  }

  @Test
  void handlesLinesLongerThanTheReadBuffer() throws IOException {
    String longLine = "x".repeat(200_000);
    assertThat(lines(longLine + "\nshort\n")).containsExactly(longLine, "short");
  }
}
