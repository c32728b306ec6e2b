package io.raftq.statemachine.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked big-endian reader. Every read checks the remaining bytes first and every length is checked
 * against them before anything is allocated, so malformed input ends in {@link InvalidCommandException} and
 * never in another exception or a huge allocation. Reads from a duplicate: the caller's buffer is not moved.
 */
final class WireReader {
  private final ByteBuffer buf;

  WireReader(ByteBuffer body) {
    buf = body.duplicate().order(ByteOrder.BIG_ENDIAN);
  }

  WireReader(byte[] body) {
    this(ByteBuffer.wrap(body));
  }

  int u8() {
    need(1, "u8");
    return buf.get() & 0xFF;
  }

  int u16() {
    need(2, "u16");
    return buf.getShort() & 0xFFFF;
  }

  int i32() {
    need(4, "i32");
    return buf.getInt();
  }

  long i64() {
    need(8, "i64");
    return buf.getLong();
  }

  boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new InvalidCommandException("boolean byte " + b);
    }
    return b == 1;
  }

  /** {@code i32 length (-1 = null)} then strict UTF-8 (malformed sequences are rejected, not replaced). */
  String string() {
    int length = i32();
    if (length == -1) {
      return null;
    }
    byte[] raw = take(length, "string");
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidCommandException("string is not valid UTF-8");
    }
  }

  /** A string that must not be null. */
  String requiredString(String what) {
    String s = string();
    if (s == null) {
      throw new InvalidCommandException(what + " is null");
    }
    return s;
  }

  /** {@code i32 length} then that many bytes; null is not allowed. */
  byte[] bytes() {
    return take(i32(), "bytes");
  }

  /**
   * Reads an element count as {@code i32} (or {@code u16} when {@code u16} is true) and checks it against
   * {@code max} and against the remaining bytes, given that each element takes at least
   * {@code minElementBytes}, so a lying count cannot make the caller preallocate or loop beyond the input.
   */
  int count(boolean u16, int max, int minElementBytes, String what) {
    int n = u16 ? u16() : i32();
    if (n < 0 || n > max) {
      throw new InvalidCommandException(what + " count " + n + " outside [0, " + max + "]");
    }
    if ((long) n * minElementBytes > buf.remaining()) {
      throw new InvalidCommandException(what + " count " + n + " exceeds remaining " + buf.remaining() + " bytes");
    }
    return n;
  }

  void expectEnd() {
    if (buf.hasRemaining()) {
      throw new InvalidCommandException(buf.remaining() + " trailing bytes");
    }
  }

  private byte[] take(int length, String what) {
    if (length < 0) {
      throw new InvalidCommandException(what + " length " + length + " is negative");
    }
    need(length, what);
    byte[] out = new byte[length];
    buf.get(out);
    return out;
  }

  private void need(int n, String what) {
    if (buf.remaining() < n) {
      throw new InvalidCommandException(
          "truncated: " + what + " needs " + n + " bytes, " + buf.remaining() + " remain");
    }
  }
}
