package io.raftq.client;

/** Placeholder until the client library lands (part 2). */
public final class DefaultRaftqClient {
  private DefaultRaftqClient() {}

  public static RaftqClient connect(ClientConfig config) {
    throw new UnsupportedOperationException("client library not implemented yet");
  }
}
