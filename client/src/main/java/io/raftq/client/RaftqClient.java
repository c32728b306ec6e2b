package io.raftq.client;

/**
 * Entry point of the Java client library. Thread-safe; one instance per application is enough (it keeps one
 * pipelined connection per node). Close it to release connections.
 */
public interface RaftqClient extends AutoCloseable {

  static RaftqClient connect(ClientConfig config) {
    return DefaultRaftqClient.connect(config);
  }

  Producer producer();

  Consumer consumer();

  Admin admin();

  @Override
  void close();
}
