package io.raftq.client.internal;

import io.netty.channel.EventLoopGroup;
import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pipelined connection per node address, opened on first use and reopened on the first use after it failed
 * or closed. Connect failures are not retried here: the caller's retry loop decides (and backs off).
 */
final class ConnectionPool {
  private final EventLoopGroup group;
  private final Connection.Settings settings;
  private final Map<String, CompletableFuture<Connection>> byAddress = new ConcurrentHashMap<>();
  private volatile boolean isClosed;

  ConnectionPool(EventLoopGroup group, Connection.Settings settings) {
    this.group = group;
    this.settings = settings;
  }

  /** The connection to {@code address}, opening it if needed; fails with UNAVAILABLE when unreachable. */
  CompletableFuture<Connection> get(String address) {
    if (isClosed) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.SHUTTING_DOWN, "client is closed"));
    }
    return byAddress.compute(address, (a, existing) -> isUsable(existing) ? existing
        : Connection.open(group, a, settings));
  }

  private static boolean isUsable(CompletableFuture<Connection> f) {
    if (f == null || f.isCompletedExceptionally()) {
      return false;
    }
    return !f.isDone() || f.join().isOpen();
  }

  /** Closes every connection; later {@link #get} calls fail. */
  void close() {
    isClosed = true;
    for (CompletableFuture<Connection> f : byAddress.values()) {
      f.thenAccept(Connection::close);
    }
    byAddress.clear();
  }
}
