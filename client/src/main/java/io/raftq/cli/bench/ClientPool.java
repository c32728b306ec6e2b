package io.raftq.cli.bench;

import io.raftq.cli.ClientFactory;
import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;
import java.util.ArrayList;
import java.util.List;

/** One client per producer or consumer (own connections, as in the peer harness); closes them all. */
final class ClientPool implements AutoCloseable {
  private final List<RaftqClient> clients = new ArrayList<>();

  static ClientPool open(ClientFactory factory, ClientConfig config, int count) {
    ClientPool pool = new ClientPool();
    try {
      for (int i = 0; i < count; i++) {
        pool.clients.add(factory.connect(config));
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  RaftqClient get(int index) {
    return clients.get(index);
  }

  @Override
  public void close() {
    for (RaftqClient client : clients) {
      try {
        client.close();
      } catch (RuntimeException e) {
        // closing is best effort: the report is already complete
      }
    }
  }
}
