package io.raftq.client.internal;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical request and its attempts, following the retry rules of docs/PROTOCOL.md: a NOT_LEADER hint is
 * followed at once (a few times in a row, then with backoff, so stale hints cannot ping-pong forever); other
 * retriable failures go to the next node after a jittered backoff; QUEUE_NOT_FOUND on a partition request
 * refreshes the queue description once; everything else fails at once. The budget is the client's delivery
 * timeout (plus the request's intended wait); when it is spent the call fails with the last error's code.
 *
 * <p>Attempts run one after another, so the fields below are only touched by one thread at a time (each attempt
 * is started from the completion of the previous one).
 */
public final class RetryingCall<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingCall.class);
  private static final int MAX_REDIRECTS_IN_A_ROW = 3;

  private final ClientCore core;
  private final Route route;
  private final Supplier<Request> request;
  private final Function<Response, T> extract;
  private final Duration attemptTimeout;
  private final long deadlineNanos;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private int attempts;
  private int retriesWithBackoff;
  private int redirectsInARow;
  private boolean hasRefreshedQueue;
  private volatile Connection connection;
  private volatile int requestId;
  private volatile boolean isCancelled;

  RetryingCall(ClientCore core, Route route, Supplier<Request> request, Duration extraWait,
      Function<Response, T> extract) {
    this.core = core;
    this.route = route;
    this.request = request;
    this.extract = extract;
    this.attemptTimeout = core.config().requestTimeout().plus(extraWait);
    Duration budget = core.config().deliveryTimeout();
    if (budget.compareTo(attemptTimeout) < 0) {
      budget = attemptTimeout; // a long wait must not be cut short by the retry budget
    }
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  /** Completes with the extracted answer or a {@link RaftqException}; never completes twice. */
  public CompletableFuture<T> result() {
    return result;
  }

  void start() {
    attempt();
  }

  /**
   * Stops retrying. If an attempt is in flight its answer (or failure) still completes the call; {@code onWire}
   * receives the connection and request id of that attempt, e.g. to send CancelWait for it.
   */
  public void cancel(java.util.function.BiConsumer<Connection, Integer> onWire) {
    isCancelled = true;
    Connection c = connection;
    if (c != null && !result.isDone()) {
      onWire.accept(c, requestId);
    }
  }

  private void attempt() {
    attempts++;
    if (core.isClosed()) {
      result.completeExceptionally(new RaftqException(ErrorCode.SHUTTING_DOWN, "client is closed"));
      return;
    }
    if (isCancelled) { // cancelled while backing off: nothing is in flight, nothing to wait for
      result.completeExceptionally(new RaftqException(ErrorCode.UNKNOWN, "cancelled"));
      return;
    }
    String address = core.resolve(route);
    core.pool().get(address).whenComplete((conn, t) -> {
      if (t != null) {
        onFailure(address, t);
        return;
      }
      long remainingNanos = Math.max(1, deadlineNanos - System.nanoTime());
      Duration timeout = Duration.ofNanos(Math.min(attemptTimeout.toNanos(), remainingNanos));
      Connection.Call call = conn.send(request.get(), timeout);
      connection = conn;
      requestId = call.requestId();
      call.response().whenComplete((r, e) -> {
        if (e != null) {
          onFailure(address, e);
        } else {
          onAnswer(address, r);
        }
      });
    });
  }

  private void onAnswer(String address, Response r) {
    if (!(r instanceof Response.Error err)) {
      try {
        result.complete(extract.apply(r));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
      return;
    }
    RaftqException error = new RaftqException(err.code(), err.message() + " (from " + address + ")");
    if (err.code() == ErrorCode.NOT_LEADER && err.leaderAddress() != null) {
      core.learnLeader(route, err.leaderAddress());
      if (redirectsInARow++ < MAX_REDIRECTS_IN_A_ROW && !isCancelled && hasTimeLeft(0)) {
        attempt();
        return;
      }
      retryAfterBackoff(error);
      return;
    }
    if (err.code() == ErrorCode.QUEUE_NOT_FOUND && route instanceof Route.PartitionLeader p
        && !hasRefreshedQueue && !isCancelled) {
      hasRefreshedQueue = true;
      core.directory().refresh(p.queue()).whenComplete((d, t) -> {
        if (t != null) {
          result.completeExceptionally(error);
        } else {
          attempt();
        }
      });
      return;
    }
    onFailure(address, error);
  }

  private void onFailure(String address, Throwable t) {
    RaftqException error = asRaftqException(t);
    core.forgetLeader(route, address);
    if (!error.code().isRetriable() || route instanceof Route.ExactNode || isCancelled || core.isClosed()) {
      result.completeExceptionally(error);
      return;
    }
    retryAfterBackoff(error);
  }

  private void retryAfterBackoff(RaftqException error) {
    long delayMs = Backoff.delayMs(retriesWithBackoff++);
    redirectsInARow = 0;
    if (!hasTimeLeft(delayMs)) {
      result.completeExceptionally(new RaftqException(error.code(),
          "gave up after " + attempts + " attempts: " + error.getMessage(), error));
      return;
    }
    LOG.debug("retrying {} in {} ms after {}", route, delayMs, error.getMessage());
    if (!core.schedule(this::attempt, delayMs)) {
      result.completeExceptionally(new RaftqException(ErrorCode.SHUTTING_DOWN, "client is closed", error));
    }
  }

  private boolean hasTimeLeft(long delayMs) {
    return System.nanoTime() + delayMs * 1_000_000 < deadlineNanos;
  }

  private static RaftqException asRaftqException(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof RaftqException r) {
      return r;
    }
    return new RaftqException(ErrorCode.UNAVAILABLE, String.valueOf(t), t);
  }
}
