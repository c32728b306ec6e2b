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

  /** The bytes written; the buffer itself when it was sized exactly, so do not write after this. */
  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /**
   * What {@link #string} writes for {@code s}, never less: {@code 4 +} its UTF-8 length (a string with an unpaired
   * surrogate, which the encoder replaces with one byte, counts 3 bytes a char). Lets hot writers size their
   * buffer once.
   */
  static int stringSize(String s) {
    if (s == null) {
      return 4;
    }
    int utf8 = PartitionLogic.utf8Length(s); // -1 for an unpaired surrogate: then bound it by 3 bytes a char
    return 4 + (utf8 >= 0 ? utf8 : 3 * s.length());
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
