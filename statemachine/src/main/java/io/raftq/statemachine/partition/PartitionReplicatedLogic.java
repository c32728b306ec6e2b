package io.raftq.statemachine.partition;

import io.raftq.statemachine.ratis.ReplicatedLogic;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;
import java.util.List;

/** Runs {@link PartitionLogic} through the Raft log: entry bodies are batches of partition commands. */
public final class PartitionReplicatedLogic implements ReplicatedLogic {
  private final PartitionLogic logic = new PartitionLogic();

  public PartitionLogic logic() {
    return logic;
  }

  @Override
  public void load(KeyValueReader store) {
    logic.load(store);
  }

  @Override
  public void validate(ByteBuffer body) {
    decode(body.duplicate());
  }

  @Override
  public byte[] apply(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
    List<PartitionCommand> commands = decode(body);
    return PartitionCodec.encodeResults(logic.apply(entryTimeMs, commands, txn));
  }

  private static List<PartitionCommand> decode(ByteBuffer body) {
    try {
      return PartitionCodec.decodeCommands(body);
    } catch (InvalidCommandException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
