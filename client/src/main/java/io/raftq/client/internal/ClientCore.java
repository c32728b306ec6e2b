package io.raftq.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.raftq.client.ClientConfig;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every part of a client shares: the event loop, the connections, the known nodes and leader hints, and the
 * queue directory. {@link #call} is the one way requests leave (with routing and retries).
 */
public final class ClientCore implements AutoCloseable {
  private static final int IO_THREADS = 2;

  private final ClientConfig config;
  private final EventLoopGroup group;
  private final ConnectionPool pool;
  private final NodeRing nodes;
  private final QueueDirectory directory;
  private final AtomicReference<String> metadataLeader = new AtomicReference<>();
  private final Map<Route.PartitionLeader, String> partitionLeaders = new ConcurrentHashMap<>();
  private volatile boolean isClosed;

  public ClientCore(ClientConfig config) {
    this.config = validate(config);
    for (String address : config.bootstrap()) {
      Addresses.parse(address); // fail fast on a malformed bootstrap entry
    }
    this.group = new MultiThreadIoEventLoopGroup(
        IO_THREADS, new DefaultThreadFactory("raftq-client", true), NioIoHandler.newFactory());
    this.pool = new ConnectionPool(group, Connection.Settings.defaults(config.requestTimeout()));
    this.nodes = new NodeRing(config.bootstrap());
    this.directory = new QueueDirectory(this);
  }

  private static ClientConfig validate(ClientConfig c) {
    if (c.requestTimeout() == null || c.requestTimeout().isNegative() || c.requestTimeout().isZero()) {
      throw new IllegalArgumentException("requestTimeout (" + c.requestTimeout() + ") must be > 0");
    }
    if (c.deliveryTimeout() == null || c.deliveryTimeout().isNegative() || c.deliveryTimeout().isZero()) {
      throw new IllegalArgumentException("deliveryTimeout (" + c.deliveryTimeout() + ") must be > 0");
    }
    if (c.maxInFlightPerPartition() < 1) {
      throw new IllegalArgumentException(
          "maxInFlightPerPartition (" + c.maxInFlightPerPartition() + ") must be >= 1");
    }
    if (c.maxBatchBytes() < 1) {
      throw new IllegalArgumentException("maxBatchBytes (" + c.maxBatchBytes() + ") must be >= 1");
    }
    return c;
  }

  public ClientConfig config() {
    return config;
  }

  public QueueDirectory directory() {
    return directory;
  }

  ConnectionPool pool() {
    return pool;
  }

  boolean isClosed() {
    return isClosed;
  }

  /**
   * Sends a request built by {@code request} (called once per attempt) along {@code route} with the retry rules
   * of docs/PROTOCOL.md, and maps the answer with {@code extract}. {@code extraWait}: how long the node may hold
   * the request on purpose (a waiting Receive), added to each attempt's timeout and to the call's budget.
   */
  public <T> RetryingCall<T> call(
      Route route, Supplier<Request> request, Duration extraWait, Function<Response, T> extract) {
    RetryingCall<T> call = new RetryingCall<>(this, route, request, extraWait, extract);
    call.start();
    return call;
  }

  /** {@link #call} without extra wait, returning only the result. */
  public <T> CompletableFuture<T> call(Route route, Request request, Function<Response, T> extract) {
    return call(route, () -> request, Duration.ZERO, extract).result();
  }

  /** The address to try next for {@code route}: the cached leader if any, else the next node in turn. */
  String resolve(Route route) {
    String cached = null;
    if (route instanceof Route.ExactNode exact) {
      return exact.address();
    } else if (route instanceof Route.MetadataLeader) {
      cached = metadataLeader.get();
    } else if (route instanceof Route.PartitionLeader p) {
      cached = partitionLeaders.get(p);
    }
    return cached != null ? cached : nodes.next();
  }

  /** Records a leader hint (from a NOT_LEADER answer or a queue description). */
  public void learnLeader(Route route, String address) {
    if (address == null) {
      return;
    }
    nodes.learn(address);
    if (route instanceof Route.MetadataLeader) {
      metadataLeader.set(address);
    } else if (route instanceof Route.PartitionLeader p) {
      partitionLeaders.put(p, address);
    }
  }

  /** Drops a leader hint that just failed, so the next attempt walks the ring. */
  void forgetLeader(Route route, String address) {
    if (route instanceof Route.MetadataLeader) {
      metadataLeader.compareAndSet(address, null);
    } else if (route instanceof Route.PartitionLeader p) {
      partitionLeaders.remove(p, address);
    }
  }

  /** Runs {@code task} after {@code delayMs}; false if the client is closing and it will never run. */
  boolean schedule(Runnable task, long delayMs) {
    try {
      group.schedule(task, delayMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (isClosed) {
      return;
    }
    isClosed = true;
    pool.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
