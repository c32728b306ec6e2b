package io.raftq.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded reads from one frame. Every length and count is checked against the bytes that remain before anything
 * is allocated, so a hostile length can never make us allocate more than the frame itself holds (and the frame
 * is capped by the frame decoder).
 */
final class WireReader {
  /** A reader of one list element; lists are decoded with it after their count has been checked. */
  interface ElementReader<T> {
    T read(WireReader in);
  }

  private final ByteBuf buf;
  private int requestId;

  WireReader(ByteBuf buf) {
    this.buf = buf;
  }

  /** Remembers the frame's request id so every later error can carry it. */
  void setRequestId(int requestId) {
    this.requestId = requestId;
  }

  int requestId() {
    return requestId;
  }

  ProtocolException error(String message) {
    return new ProtocolException(requestId, message);
  }

  private void need(int bytes, String what) {
    if (buf.readableBytes() < bytes) {
      throw error("truncated frame: " + what + " needs " + bytes + " bytes, " + buf.readableBytes() + " left");
    }
  }

  int u8(String what) {
    need(1, what);
    return buf.readUnsignedByte();
  }

  int u16(String what) {
    need(2, what);
    return buf.readUnsignedShort();
  }

  int i32(String what) {
    need(4, what);
    return buf.readInt();
  }

  long i64(String what) {
    need(8, what);
    return buf.readLong();
  }

  boolean bool(String what) {
    int b = u8(what);
    if (b > 1) {
      throw error(what + ": boolean must be 0 or 1, got " + b);
    }
    return b == 1;
  }

  /** A non-negative i32 (partition numbers, counts of things, timeouts in a 32-bit field). */
  int nonNegativeI32(String what) {
    int v = i32(what);
    if (v < 0) {
      throw error(what + " must not be negative, got " + v);
    }
    return v;
  }

  /** A string that may be null (length -1). */
  String nullableString(String what) {
    int len = i32(what + " length");
    if (len == -1) {
      return null;
    }
    if (len < 0) {
      throw error(what + ": negative string length " + len);
    }
    need(len, what);
    ByteBuffer bytes = buf.nioBuffer(buf.readerIndex(), len);
    buf.skipBytes(len);
    try {
      // Strict decoding: malformed UTF-8 is an invalid frame, not a string with replacement characters.
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(requestId, what + ": invalid UTF-8", e);
    }
  }

  /** A string that must be present. */
  String string(String what) {
    String s = nullableString(what);
    if (s == null) {
      throw error(what + " must not be null");
    }
    return s;
  }

  byte[] bytes(String what) {
    int len = i32(what + " length");
    if (len < 0) {
      throw error(what + ": negative byte array length " + len);
    }
    need(len, what);
    byte[] out = new byte[len];
    buf.readBytes(out);
    return out;
  }

  /**
   * A list: {@code i32 count} then the elements. {@code minElementBytes} is the smallest encoding of one element;
   * the count must fit in the remaining bytes at that size, which bounds the list's allocation.
   */
  <T> List<T> list(String what, int minElementBytes, ElementReader<T> element) {
    int count = i32(what + " count");
    if (count < 0) {
      throw error(what + ": negative count " + count);
    }
    if ((long) count * minElementBytes > buf.readableBytes()) {
      throw error(
          "truncated frame: " + what + " count " + count + " needs at least "
              + ((long) count * minElementBytes) + " bytes, " + buf.readableBytes() + " left");
    }
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(element.read(this));
    }
    return out;
  }

  /** Fails if anything is left after the body: a frame holds exactly one message. */
  void expectEnd() {
    if (buf.isReadable()) {
      throw error("trailing bytes: " + buf.readableBytes() + " after the body");
    }
  }
}
