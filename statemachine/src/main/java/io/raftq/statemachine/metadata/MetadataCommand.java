package io.raftq.statemachine.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Commands of the metadata group and their frozen encoding:
 *
 * <pre>
 * CREATE_QUEUE:    u8 1 | string name | i32 partitions | i64 visibilityTimeoutMs | i64 dedupWindowMs
 * DELETE_QUEUE:    u8 2 | string name
 * CREATE_QUEUE_V2: u8 3 | the fields of CREATE_QUEUE | i64 defaultDelayMs | i32 maxReceives
 *                  | string deadLetterQueue (empty: none) | u8 flags (bit 0: FIFO) | i64 consumerDedupWindowMs
 *                  | i64 backoffBaseMs | i64 backoffMaxMs | i64 retentionMs | i64 retentionBytes
 *                  (flags bit 1: topic)
 *                  (written when one of these is set)
 * string = u16 length + UTF-8
 * </pre>
 */
public sealed interface MetadataCommand {
  int MAX_NAME_BYTES = 200;
  int MAX_PARTITIONS = 1024;

  record CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
      long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo, long consumerDedupWindowMs,
      long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs, long retentionBytes)
      implements MetadataCommand {
    public CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, 0, 0, null, false, 0, 0, 0, false, 0, 0);
    }

    boolean hasSettings() {
      return defaultDelayMs != 0 || maxReceives != 0 || deadLetterQueue != null || fifo || consumerDedupWindowMs != 0
          || backoffBaseMs != 0 || topic;
    }
  }

  record DeleteQueue(String name) implements MetadataCommand {}

  static byte[] encode(MetadataCommand command) {
    ByteBuffer b = ByteBuffer.allocate(1 + 2 * (2 + MAX_NAME_BYTES * 4) + 40);
    if (command instanceof CreateQueue c) {
      b.put((byte) (c.hasSettings() ? 3 : 1));
      putString(b, c.name());
      b.putInt(c.partitions()).putLong(c.visibilityTimeoutMs()).putLong(c.dedupWindowMs());
      if (c.hasSettings()) {
        b.putLong(c.defaultDelayMs()).putInt(c.maxReceives());
        putString(b, c.deadLetterQueue() == null ? "" : c.deadLetterQueue());
        b.put((byte) ((c.fifo() ? 1 : 0) | (c.topic() ? 2 : 0))).putLong(c.consumerDedupWindowMs());
        b.putLong(c.backoffBaseMs()).putLong(c.backoffMaxMs()).putLong(c.retentionMs()).putLong(c.retentionBytes());
      }
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
        case 3 -> {
          String name = getString(b);
          int partitions = b.getInt();
          long visibility = b.getLong();
          long dedup = b.getLong();
          long delay = b.getLong();
          int maxReceives = b.getInt();
          String dlq = getString(b);
          int flags = b.get() & 0xFF;
          if (flags > 3) {
            throw new IllegalArgumentException("unknown queue flags " + flags);
          }
          long consumerWindow = b.getLong();
          long backoffBase = b.getLong();
          long backoffMax = b.getLong();
          long retentionMs = b.getLong();
          long retentionBytes = b.getLong();
          yield new CreateQueue(name, partitions, visibility, dedup, delay, maxReceives, dlq.isEmpty() ? null : dlq,
              (flags & 1) != 0, consumerWindow, backoffBase, backoffMax, (flags & 2) != 0, retentionMs,
              retentionBytes);
        }
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
      if (q.visibilityTimeoutMs() < 0 || q.dedupWindowMs() < 0 || q.defaultDelayMs() < 0
          || q.consumerDedupWindowMs() < 0 || q.backoffBaseMs() < 0 || q.backoffMaxMs() < 0 || q.retentionMs() < 0
          || q.retentionBytes() < 0) {
        throw new IllegalArgumentException("visibility timeout, dedup window and delay must not be negative");
      }
      if (q.maxReceives() < 0 || (q.maxReceives() > 0) != (q.deadLetterQueue() != null)) {
        throw new IllegalArgumentException("maxReceives > 0 and a dead-letter queue go together");
      }
      if (q.deadLetterQueue() != null) {
        QueueNames.check(q.deadLetterQueue());
        if (q.deadLetterQueue().equals(q.name())) {
          throw new IllegalArgumentException("a queue cannot be its own dead-letter queue");
        }
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
