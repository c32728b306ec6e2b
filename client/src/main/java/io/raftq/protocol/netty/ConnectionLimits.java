package io.raftq.protocol.netty;

import java.time.Duration;
import java.util.Objects;

/**
 * What one node allows its clients, so that no peer can hold its resources forever.
 *
 * @param handshakeTimeout a connection that has not sent Hello by then gets {@code Error(INVALID_REQUEST)} and is
 *     closed
 * @param idleTimeout a connection that sent no request for this long and has none outstanding (no receive waiting)
 *     is closed; zero: never. The Java client reopens a closed connection on its next request
 * @param maxConnections client connections the node serves at once; the next one gets {@code Error(OVERLOADED)}
 *     under request id 0 and is closed
 * @param maxWaitingReceives receives with a wait ({@code waitMs > 0}) outstanding on one connection; more are
 *     answered {@code OVERLOADED}
 * @param maxBytesInFlight frame bytes of the requests outstanding on one connection; a request that would go
 *     beyond is answered {@code OVERLOADED} (one request alone is always admitted, whatever its size)
 */
public record ConnectionLimits(Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
    int maxWaitingReceives, long maxBytesInFlight) {
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  public static final int DEFAULT_MAX_WAITING_RECEIVES = 10_000;
  public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 64L << 20;
  public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_HANDSHAKE_TIMEOUT,
      DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_WAITING_RECEIVES, DEFAULT_MAX_BYTES_IN_FLIGHT);

  public ConnectionLimits {
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (handshakeTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("handshake timeout must be at least 1 ms, was " + handshakeTimeout);
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative (0: never), was " + idleTimeout);
    }
    if (maxConnections < 1 || maxWaitingReceives < 1 || maxBytesInFlight < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1: connections " + maxConnections
          + ", waiting receives " + maxWaitingReceives + ", bytes in flight " + maxBytesInFlight);
    }
  }
}
