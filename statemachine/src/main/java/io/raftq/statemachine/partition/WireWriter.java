package io.raftq.statemachine.partition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte sink for the codec and store values. Not thread-safe. */
final class WireWriter {
  private byte[] buf;
  private int size;

  WireWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  WireWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  WireWriter u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  WireWriter i32(int v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  WireWriter i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** {@code i32 length (-1 = null)} then UTF-8 bytes. */
  WireWriter string(String s) {
    return s == null ? i32(-1) : bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code i32 length} then the bytes; never null. */
  WireWriter bytes(byte[] b) {
    i32(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("encoded body exceeds 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
