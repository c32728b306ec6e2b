package io.raftq.cli;

import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;

/** How commands obtain a client: the real one in production, an in-memory fake in tests. */
@FunctionalInterface
public interface ClientFactory {
  ClientFactory DEFAULT = RaftqClient::connect;

  /** A new client that the caller owns and closes. */
  RaftqClient connect(ClientConfig config);
}
