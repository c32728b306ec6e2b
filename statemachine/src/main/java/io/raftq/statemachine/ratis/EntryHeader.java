package io.raftq.statemachine.ratis;

import java.nio.ByteBuffer;

/**
 * The header the leader puts in front of every command body, frozen:
 *
 * <pre>
 *  0        1                 9
 *  +--------+-----------------+---------------- ...
 *  | format | leader time ms  | command body
 *  | u8 = 1 | i64 big-endian  |
 *  +--------+-----------------+---------------- ...
 * </pre>
 */
public record EntryHeader(int format, long leaderTimeMs) {
  public static final int FORMAT_V1 = 1;
  public static final int SIZE = 9;

  public byte[] encode() {
    return ByteBuffer.allocate(SIZE).put((byte) format).putLong(leaderTimeMs).array();
  }

  /** Reads the header and leaves {@code entry} positioned at the body. */
  public static EntryHeader read(ByteBuffer entry) {
    if (entry.remaining() < SIZE) {
      throw new IllegalArgumentException("log entry shorter than its header: " + entry.remaining() + " bytes");
    }
    int format = entry.get() & 0xFF;
    if (format != FORMAT_V1) {
      throw new IllegalArgumentException("unknown log entry format " + format);
    }
    return new EntryHeader(format, entry.getLong());
  }
}
