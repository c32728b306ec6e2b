package io.raftq.statemachine.partition;

import io.raftq.statemachine.ratis.ReplicatedLogic;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link PartitionLogic} through the Raft log: entry bodies are batches of partition commands. */
public final class PartitionReplicatedLogic implements ReplicatedLogic {
  private final PartitionLogic logic = new PartitionLogic();
  private final LeaderResults leaderResults = new LeaderResults();

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

  /**
   * The reply carries leases without their messages' content: replies sit in Ratis' retry cache on every replica
   * for its expiry, and payloads there exhausted the heap under a consume load. The leader reads the content from
   * its own store instead ({@link #hydrate}). The exception: an at-most-once receive, whose messages may be
   * deleted by the same entry (no group needs them any more), keeps their content in the reply.
   */
  @Override
  public byte[] apply(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
    List<PartitionCommand> commands = decode(body);
    return encodeReply(commands, logic.apply(entryTimeMs, commands, txn));
  }

  /** Also keeps the full results (leased messages with their content) for {@link #takeLeaderResults}. */
  @Override
  public byte[] applyStartedHere(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
    List<PartitionCommand> commands = decode(body);
    List<PartitionResult> results = logic.apply(entryTimeMs, commands, txn);
    byte[] reply = encodeReply(commands, results);
    leaderResults.keep(index, results); // last: an apply that throws keeps nothing
    return reply;
  }

  /**
   * The results of entry {@code index}, which this replica started as leader and applied, with leased messages'
   * content; once. Null when they were not kept: then the reply is the source, with {@link #hydrate}.
   */
  public List<PartitionResult> takeLeaderResults(long index) {
    return leaderResults.take(index);
  }

  private static byte[] encodeReply(List<PartitionCommand> commands, List<PartitionResult> results) {
    List<PartitionResult> slim = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      PartitionResult r = results.get(i);
      boolean atMostOnce = i < commands.size() && commands.get(i) instanceof Receive rc && rc.ackOnReceive();
      slim.add(r instanceof Leased l && !atMostOnce ? slim(l) : r);
    }
    return PartitionCodec.encodeResults(slim);
  }

  /** One {@link Failed} per command; for a body that does not decode (no command to answer), no result at all. */
  @Override
  public byte[] failedReply(ByteBuffer body, String reason) {
    List<PartitionCommand> commands;
    try {
      commands = PartitionCodec.decodeCommands(body);
    } catch (RuntimeException e) { // unreadable: no results, and the batcher answers every caller INTERNAL
      return PartitionCodec.encodeResults(List.of());
    }
    List<PartitionResult> failed = new ArrayList<>(commands.size());
    commands.forEach(c -> failed.add(new Failed(reason)));
    return PartitionCodec.encodeResults(failed);
  }

  private static Leased slim(Leased leased) {
    List<LeasedMessage> out = new ArrayList<>(leased.messages().size());
    for (LeasedMessage m : leased.messages()) {
      out.add(new LeasedMessage(m.id(), m.offset(), null, List.of(), new byte[0], m.epoch(), m.deliveries(),
          m.enqueuedAtMs()));
    }
    return new Leased(out);
  }

  /**
   * A lease with its message's content: as it is when it carries some (it came from {@link #takeLeaderResults} or
   * from an at-most-once reply), else read from {@code store} (a slim lease from a reply; a leased message is
   * retained until its group acks it, so it is there). A message without payload, key or headers is read again:
   * harmless, it is the same message.
   */
  public static LeasedMessage hydrate(KeyValueReader store, LeasedMessage lease) {
    if (lease.payload().length > 0 || lease.key() != null || !lease.headers().isEmpty()) {
      return lease;
    }
    return MessageLog.read(store, lease.offset(), lease.epoch(), lease.deliveries());
  }

  private static List<PartitionCommand> decode(ByteBuffer body) {
    try {
      return PartitionCodec.decodeCommands(body);
    } catch (InvalidCommandException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
