package io.raftq.client.internal;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cached queue descriptions (partition count and leaders), learned with DescribeQueue from any node. A failed
 * lookup is not cached, so a queue created later is found by the next call.
 */
public final class QueueDirectory {
  private final ClientCore core;
  private final Map<String, CompletableFuture<QueueDescription>> byQueue = new ConcurrentHashMap<>();

  QueueDirectory(ClientCore core) {
    this.core = core;
  }

  /** The cached description, fetched on first use. */
  public CompletableFuture<QueueDescription> describe(String queue) {
    CompletableFuture<QueueDescription> f = byQueue.computeIfAbsent(queue, this::fetch);
    f.whenComplete((d, t) -> {
      if (t != null) {
        byQueue.remove(queue, f);
      }
    });
    return f;
  }

  /** Fetches the description again (the queue may have been created, deleted or re-created). */
  public CompletableFuture<QueueDescription> refresh(String queue) {
    CompletableFuture<QueueDescription> f = fetch(queue);
    byQueue.put(queue, f);
    f.whenComplete((d, t) -> {
      if (t != null) {
        byQueue.remove(queue, f);
      }
    });
    return f;
  }

  /** Forgets a queue (after create/delete through this client). */
  public void invalidate(String queue) {
    byQueue.remove(queue);
  }

  /** Caches a description obtained elsewhere (e.g. Admin.describeQueue). */
  public void remember(QueueDescription d) {
    learnLeaders(d);
    byQueue.put(d.queue().name(), CompletableFuture.completedFuture(d));
  }

  private CompletableFuture<QueueDescription> fetch(String queue) {
    return core.call(new Route.AnyNode(), new Request.DescribeQueue(queue), r -> {
      QueueDescription d = Responses.expect(r, Response.Described.class).description();
      learnLeaders(d);
      return d;
    });
  }

  private void learnLeaders(QueueDescription d) {
    for (PartitionInfo p : d.partitions()) {
      core.learnLeader(new Route.PartitionLeader(d.queue().name(), p.partition()), p.leaderAddress());
    }
    if (d.queue().partitions() <= 0) {
      throw new RaftqException(ErrorCode.UNKNOWN, "queue " + d.queue().name() + " has no partitions");
    }
  }
}
