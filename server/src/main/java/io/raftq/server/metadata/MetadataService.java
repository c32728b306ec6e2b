package io.raftq.server.metadata;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.statemachine.metadata.MetadataCommand;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.ratis.ApplyFailedException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Reads and writes queue definitions through the metadata group. Writes must reach its leader (the caller maps
 * NotLeaderException to a redirect); reads are linearizable on any member.
 */
public final class MetadataService {
  private static final long TIMEOUT_MS = 15_000;
  private final RaftNode raft;
  private final MetadataLogic logic;

  public MetadataService(RaftNode raft, MetadataLogic logic) {
    this.raft = raft;
    this.logic = logic;
  }

  /** Result of a create or delete: the outcome and, for a create, the new definition. */
  public record WriteResult(MetadataLogic.Outcome outcome, QueueDefinition created) {}

  public CompletableFuture<WriteResult> write(MetadataCommand command) {
    return raft.submitWrite(GroupIds.METADATA, ByteString.copyFrom(MetadataCommand.encode(command)))
        .orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .thenApply(MetadataService::toWriteResult);
  }

  private static WriteResult toWriteResult(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      throw new java.util.concurrent.CompletionException(reply.getException());
    }
    byte[] bytes = reply.getMessage().getContent().toByteArray();
    MetadataLogic.Outcome outcome = MetadataLogic.outcomeOf(bytes);
    if (outcome == MetadataLogic.Outcome.FAILED) {
      throw new ApplyFailedException(new String(bytes, 1, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8));
    }
    QueueDefinition created = outcome == MetadataLogic.Outcome.OK && bytes.length > 1
        ? MetadataLogic.decodeDefinition(java.util.Arrays.copyOfRange(bytes, 1, bytes.length))
        : null;
    return new WriteResult(outcome, created);
  }

  /** Every queue, as of a linearizable read: the same answer on every node. */
  public CompletableFuture<List<QueueDefinition>> listLinearizable() {
    return raft.submitRead(GroupIds.METADATA, ByteString.EMPTY)
        .orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .thenApply(reply -> {
          if (!reply.isSuccess()) {
            throw new java.util.concurrent.CompletionException(reply.getException());
          }
          return MetadataLogic.decodeList(reply.getMessage().getContent().asReadOnlyByteBuffer());
        });
  }

  /** A queue as this replica has applied it (may lag the leader by the replication delay). */
  public Optional<QueueDefinition> local(String name) {
    return Optional.ofNullable(logic.queue(name));
  }

  /** The local definition, or else one from a linearizable read (the queue may have just been created). */
  public CompletableFuture<Optional<QueueDefinition>> find(String name) {
    Optional<QueueDefinition> q = local(name);
    if (q.isPresent()) {
      return CompletableFuture.completedFuture(q);
    }
    return listLinearizable().thenApply(all -> all.stream().filter(d -> d.name().equals(name)).findFirst());
  }

  public List<QueueDefinition> localQueues() {
    return logic.queues();
  }
}
