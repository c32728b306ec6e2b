package io.raftq.cli.bench;

import io.raftq.cli.CliErrors;
import io.raftq.cli.ClientFactory;
import io.raftq.client.Admin;
import io.raftq.client.ClientConfig;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import java.util.concurrent.CompletionException;

/** Checks before a run that the queue exists (creating it when asked), so a typo fails once, not per message. */
final class BenchQueue {
  private BenchQueue() {}

  static QueueDescription prepare(ClientFactory clients, ClientConfig config, String queue, Integer createPartitions) {
    try (RaftqClient client = clients.connect(config)) {
      Admin admin = client.admin();
      try {
        return admin.describeQueue(queue).join();
      } catch (CompletionException e) {
        if (createPartitions == null || CliErrors.code(e) != ErrorCode.QUEUE_NOT_FOUND) {
          throw e;
        }
      }
      create(admin, queue, createPartitions);
      return admin.describeQueue(queue).join();
    }
  }

  private static void create(Admin admin, String queue, int partitions) {
    try {
      admin.createQueue(queue, partitions, QueueOptions.defaults()).join();
    } catch (CompletionException e) {
      if (CliErrors.code(e) != ErrorCode.QUEUE_EXISTS) {
        throw e; // QUEUE_EXISTS: another bench process created it first, which is fine
      }
    }
  }

  static long depth(QueueDescription description) {
    return description.partitions().stream().mapToLong(PartitionInfo::depth).sum();
  }
}
