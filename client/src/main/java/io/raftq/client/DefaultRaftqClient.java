package io.raftq.client;

import io.raftq.client.internal.AdminImpl;
import io.raftq.client.internal.ClientCore;
import io.raftq.client.internal.ConsumerImpl;
import io.raftq.client.internal.ProducerImpl;

/**
 * The client library: one pipelined connection per node (opened on first use, reopened after failures), one
 * small shared event loop (2 daemon threads), routing to partition leaders with retries (docs/PROTOCOL.md).
 * Futures complete on the client's I/O threads: do not block inside their callbacks.
 */
public final class DefaultRaftqClient implements RaftqClient {
  private final ClientCore core;
  private final ProducerImpl producer;
  private final ConsumerImpl consumer;
  private final AdminImpl admin;

  private DefaultRaftqClient(ClientConfig config) {
    this.core = new ClientCore(config);
    this.producer = new ProducerImpl(core);
    this.consumer = new ConsumerImpl(core);
    this.admin = new AdminImpl(core);
  }

  /** Creates a client; no connection is opened until the first request. */
  public static DefaultRaftqClient connect(ClientConfig config) {
    return new DefaultRaftqClient(config);
  }

  @Override
  public Producer producer() {
    return producer;
  }

  @Override
  public Consumer consumer() {
    return consumer;
  }

  @Override
  public Admin admin() {
    return admin;
  }

  /** Closes every connection and stops the I/O threads; calls still in flight fail. */
  @Override
  public void close() {
    core.close();
  }
}
