package io.raftq.server.sqs.action;

import io.raftq.client.Admin;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.server.sqs.SqsError;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Finds the raftq queue an SQS call names, keeping definitions for a second so that a send or receive does not
 * cost a metadata read each time. A change made through this gateway drops its entry; one made elsewhere shows
 * within the second (SQS itself takes up to a minute to show attribute changes).
 */
public final class QueueLookup {
  private static final long FRESH_MS = 1_000;

  private record Cached(QueueInfo info, long atMs) {}

  private final Admin admin;
  private final LongSupplier clockMs;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public QueueLookup(Admin admin, LongSupplier clockMs) {
    this.admin = admin;
    this.clockMs = clockMs;
  }

  /** The queue's definition, at most a second old. */
  public CompletableFuture<QueueInfo> info(SqsCall call, String queue) {
    checkAccess(call, queue);
    Cached c = cache.get(queue);
    long now = clockMs.getAsLong();
    if (c != null && now - c.atMs() < FRESH_MS) {
      return CompletableFuture.completedFuture(c.info());
    }
    return describe(call, queue).thenApply(QueueDescription::queue);
  }

  /** The queue with its partitions' figures, read now. */
  public CompletableFuture<QueueDescription> describe(SqsCall call, String queue) {
    checkAccess(call, queue);
    return admin.describeQueue(queue).handle((d, t) -> {
      if (t != null) {
        throw Failures.toSqs(t);
      }
      if (d.queue().settings().topic()) {
        throw new SqsError(SqsError.Code.NON_EXISTENT_QUEUE, "The specified queue does not exist ('" + queue
            + "' is a raftq topic, which the SQS API does not serve).");
      }
      cache.put(queue, new Cached(d.queue(), clockMs.getAsLong()));
      return d;
    });
  }

  public void forget(String queue) {
    cache.remove(queue);
  }

  static void checkAccess(SqsCall call, String queue) {
    if (!call.mayUse().test(queue)) {
      throw new SqsError(SqsError.Code.ACCESS_DENIED, "Access to the resource " + queue + " is denied.");
    }
  }
}
