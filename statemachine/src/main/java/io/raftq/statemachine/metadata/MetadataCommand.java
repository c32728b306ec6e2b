package io.raftq.statemachine.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Commands of the metadata group and their frozen encoding:
 *
 * <pre>
 * CREATE_QUEUE: u8 1 | string name | i32 partitions | i64 visibilityTimeoutMs | i64 dedupWindowMs
 * DELETE_QUEUE: u8 2 | string name
 * string = u16 length + UTF-8
 * </pre>
 */
public sealed interface MetadataCommand {
  int MAX_NAME_BYTES = 200;
  int MAX_PARTITIONS = 1024;

  record CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs)
      implements MetadataCommand {}

  record DeleteQueue(String name) implements MetadataCommand {}

  static byte[] encode(MetadataCommand command) {
    ByteBuffer b = ByteBuffer.allocate(1 + 2 + MAX_NAME_BYTES * 4 + 20);
    if (command instanceof CreateQueue c) {
      b.put((byte) 1);
      putString(b, c.name());
      b.putInt(c.partitions()).putLong(c.visibilityTimeoutMs()).putLong(c.dedupWindowMs());
    } else if (command instanceof DeleteQueue d) {
      b.put((byte) 2);
      putString(b, d.name());
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** @throws IllegalArgumentException when malformed or out of range */
  static MetadataCommand decode(ByteBuffer b) {
    try {
      int type = b.get() & 0xFF;
      MetadataCommand c = switch (type) {
        case 1 -> new CreateQueue(getString(b), b.getInt(), b.getLong(), b.getLong());
        case 2 -> new DeleteQueue(getString(b));
        default -> throw new IllegalArgumentException("unknown metadata command " + type);
      };
      if (b.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after metadata command");
      }
      validate(c);
      return c;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated metadata command");
    }
  }

  private static void validate(MetadataCommand c) {
    if (c instanceof CreateQueue q) {
      QueueNames.check(q.name());
      if (q.partitions() < 1 || q.partitions() > MAX_PARTITIONS) {
        throw new IllegalArgumentException("partitions must be 1.." + MAX_PARTITIONS + ", got " + q.partitions());
      }
      if (q.visibilityTimeoutMs() < 0 || q.dedupWindowMs() < 0) {
        throw new IllegalArgumentException("visibility timeout and dedup window must not be negative");
      }
    } else if (c instanceof DeleteQueue d) {
      QueueNames.check(d.name());
    }
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes");
    }
    b.putShort((short) bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer b) {
    int n = b.getShort() & 0xFFFF;
    if (n > MAX_NAME_BYTES || n > b.remaining()) {
      throw new IllegalArgumentException("bad name length " + n);
    }
    byte[] bytes = new byte[n];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
