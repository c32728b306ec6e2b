package io.raftq.protocol.netty;

import io.raftq.protocol.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one connection has outstanding: requests not answered yet, their frame bytes, and the receives among them
 * that may wait. Admission runs on the connection's event loop; answers release from any thread (a release only
 * lowers the counts, so a check racing one is conservative).
 */
final class ConnectionLoad {
  private final ConnectionLimits limits;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger waitingReceives = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  ConnectionLoad(ConnectionLimits limits) {
    this.limits = limits;
  }

  /** A receive that may be held by the node until a message arrives or its wait ends. */
  static boolean mayWait(Request request) {
    return request instanceof Request.Receive r && r.waitMs() > 0;
  }

  /**
   * Counts the request in and returns null, or returns why it is refused (and counts nothing). A CancelWait is
   * always admitted: it ends a wait.
   */
  String admit(Request request, int frameBytes) {
    boolean waits = mayWait(request);
    if (!(request instanceof Request.CancelWait)) {
      if (waits && waitingReceives.get() >= limits.maxWaitingReceives()) {
        return "at most " + limits.maxWaitingReceives() + " receives may wait on one connection; "
            + "retry once some are answered";
      }
      if (requests.get() > 0 && bytes.get() + frameBytes > limits.maxBytesInFlight()) {
        return "at most " + limits.maxBytesInFlight() + " request bytes may be in flight on one connection ("
            + bytes.get() + " now, this request " + frameBytes + "); retry once some are answered";
      }
    }
    requests.incrementAndGet();
    bytes.addAndGet(frameBytes);
    if (waits) {
      waitingReceives.incrementAndGet();
    }
    return null;
  }

  /** The admitted request was answered. */
  void release(Request request, int frameBytes) {
    if (mayWait(request)) {
      waitingReceives.decrementAndGet();
    }
    bytes.addAndGet(-frameBytes);
    requests.decrementAndGet();
  }

  /** No request outstanding (none being served, no receive waiting). */
  boolean isIdle() {
    return requests.get() == 0;
  }
}
