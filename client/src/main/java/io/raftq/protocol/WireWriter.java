package io.raftq.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/** Writes the primitive wire types (big-endian). Required fields are checked here so bad frames never leave. */
final class WireWriter {
  private final ByteBuf buf;

  WireWriter(ByteBuf buf) {
    this.buf = buf;
  }

  WireWriter u8(int v) {
    buf.writeByte(v);
    return this;
  }

  WireWriter u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    buf.writeShort(v);
    return this;
  }

  WireWriter i32(int v) {
    buf.writeInt(v);
    return this;
  }

  WireWriter i64(long v) {
    buf.writeLong(v);
    return this;
  }

  WireWriter bool(boolean v) {
    buf.writeByte(v ? 1 : 0);
    return this;
  }

  WireWriter nullableString(String s) {
    if (s == null) {
      buf.writeInt(-1);
      return this;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    buf.writeInt(b.length);
    buf.writeBytes(b);
    return this;
  }

  /** Writes a string that the decoder requires; null here is a programming error, caught before sending. */
  WireWriter string(String field, String s) {
    if (s == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return nullableString(s);
  }

  WireWriter bytes(byte[] b) {
    if (b == null) {
      throw new IllegalArgumentException("byte array must not be null (send an empty one)");
    }
    buf.writeInt(b.length);
    buf.writeBytes(b);
    return this;
  }

  <T> WireWriter list(List<T> items, BiConsumer<WireWriter, T> element) {
    buf.writeInt(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }
}
