package io.raftq.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding them, so a message sent from stdin carries exactly the
 * bytes of its line (minus the {@code \n} or {@code \r\n} ending). Each line is bounded, so one endless line
 * cannot exhaust memory.
 */
final class ByteLines {
  static final int MAX_LINE_BYTES = 64 << 20;

  private final InputStream in;
  private final byte[] buffer = new byte[64 << 10];
  private int position;
  private int limit;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at end of input. A last line without {@code \n} still counts. */
  byte[] next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean sawAny = false;
    while (true) {
      if (position == limit && !fill()) {
        return sawAny ? line.toByteArray() : null;
      }
      sawAny = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      line.write(buffer, start, position - start);
      if (line.size() > MAX_LINE_BYTES) {
        throw new IOException("input line longer than " + MAX_LINE_BYTES + " bytes");
      }
      if (position < limit) {
        position++; // consume '\n'
        return stripCarriageReturn(line.toByteArray());
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private static byte[] stripCarriageReturn(byte[] line) {
    if (line.length > 0 && line[line.length - 1] == '\r') {
      byte[] shorter = new byte[line.length - 1];
      System.arraycopy(line, 0, shorter, 0, shorter.length);
      return shorter;
    }
    return line;
  }
}
