package io.raftq.statemachine.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key-building helpers: big-endian numbers so bytewise order equals numeric order for non-negative values. */
public final class Bytes {
  private Bytes() {}

  public static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] longBE(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static long readLongBE(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 8).getLong();
  }

  /** The smallest key greater than every key starting with {@code prefix} (for range deletes of a prefix). */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xFF) {
        end[i]++;
        return java.util.Arrays.copyOf(end, i + 1);
      }
    }
    throw new IllegalArgumentException("prefix has no end");
  }
}
