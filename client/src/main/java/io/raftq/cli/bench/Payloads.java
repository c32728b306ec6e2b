package io.raftq.cli.bench;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Message payloads: a pool of random payloads (seeded, as in the peer harness, so runs send the same bytes)
 * reused round-robin, and stamped copies for end-to-end runs.
 *
 * <pre>
 * stamped payload:  0        8        16                size
 *                   | sched. | run id | random bytes ... |
 *                   send time (System.nanoTime of the sending JVM, big-endian), run id = this run's nonce
 * </pre>
 *
 * The run id lets the consumer ignore messages a previous run left in the queue: their timestamps come from
 * another JVM's clock and would be meaningless.
 */
final class Payloads {
  static final int STAMP_BYTES = 16;
  private static final int POOL_SIZE = 256;
  private static final long POOL_BYTES_MAX = 64L << 20;

  private final byte[][] pool;

  Payloads(int sizeBytes) {
    // Bounded, so --size 1MiB does not allocate 256 MiB of pool.
    int count = (int) Math.max(1, Math.min(POOL_SIZE, POOL_BYTES_MAX / Math.max(1, sizeBytes)));
    Random random = new Random(42);
    pool = new byte[count][sizeBytes];
    for (byte[] payload : pool) {
      random.nextBytes(payload);
    }
  }

  /** A shared payload: callers must not modify it. */
  byte[] pooled(long n) {
    return pool[(int) (n % pool.length)];
  }

  byte[] stamped(long n, long scheduledNs, long runId) {
    byte[] payload = pooled(n).clone();
    if (payload.length < STAMP_BYTES) {
      throw new IllegalStateException("stamped payloads need at least " + STAMP_BYTES + " bytes");
    }
    ByteBuffer.wrap(payload).putLong(0, scheduledNs).putLong(8, runId);
    return payload;
  }

  /** The scheduled send time stamped by this run, or -1 if the payload is not from run {@code runId}. */
  static long scheduledNs(byte[] payload, long runId) {
    if (payload == null || payload.length < STAMP_BYTES) {
      return -1;
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    return buffer.getLong(8) == runId ? buffer.getLong(0) : -1;
  }
}
