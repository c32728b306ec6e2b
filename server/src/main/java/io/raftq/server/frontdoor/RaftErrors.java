package io.raftq.server.frontdoor;

import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Response;
import io.raftq.raft.Member;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.statemachine.ratis.ApplyFailedException;
import io.raftq.statemachine.store.StoreClosedException;
import io.raftq.statemachine.store.StoreException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's one mapping from a failure to the error a client gets ({@link FailureReplies} answers with it).
 * A Ratis failure after the entry may have reached the log is reported as retriable ({@code NOT_LEADER},
 * {@code TIMEOUT}): the outcome is unknown, and every write is safe to retry (sends are deduplicated by id, acks are
 * idempotent, a lost lease only delays a message). A store closed for a moment (snapshot install, quiescence) is
 * {@code UNAVAILABLE}; a node stopping is {@code SHUTTING_DOWN}; anything else is a bug here, answered
 * {@code UNKNOWN} ("internal error") with a short message, and logged with its stack trace.
 */
public final class RaftErrors {
  private static final Logger LOG = LoggerFactory.getLogger(RaftErrors.class);
  /** Longest exception message an internal error carries to the client. */
  static final int MAX_INTERNAL_MESSAGE = 200;

  private final ClusterDirectory directory;

  public RaftErrors(ClusterDirectory directory) {
    this.directory = directory;
  }

  public Response.Error toError(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof ApplyFailedException) {
      return applyFailed(e.getMessage());
    }
    if (e instanceof StoreClosedException) {
      return new Response.Error(ErrorCode.UNAVAILABLE, "partition replica closed here for a moment (snapshot"
          + " install or quiescence); retry");
    }
    if (e instanceof StoreException) {
      return new Response.Error(ErrorCode.UNAVAILABLE, "storage failed on this node: " + e.getMessage());
    }
    if (e instanceof RejectedExecutionException) {
      return new Response.Error(ErrorCode.SHUTTING_DOWN, "the node is stopping; try another");
    }
    if (!(e instanceof IOException) && !(e instanceof TimeoutException)) {
      return internal(e);
    }
    return fromRatis(e);
  }

  /** A command the state machine failed to apply (a bug, the same on every replica): it changed nothing. */
  static Response.Error applyFailed(String reason) {
    return new Response.Error(ErrorCode.INTERNAL, reason + " (nothing of this request changed)");
  }

  /** An exception no other rule names: a bug on this node. */
  private static Response.Error internal(Throwable e) {
    LOG.error("internal error while serving a request", e);
    String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (message.length() > MAX_INTERNAL_MESSAGE) {
      message = message.substring(0, MAX_INTERNAL_MESSAGE) + "...";
    }
    return new Response.Error(ErrorCode.UNKNOWN, "internal error: " + message);
  }

  private Response.Error fromRatis(Throwable e) {
    if (e instanceof NotLeaderException nle) {
      RaftPeer leader = nle.getSuggestedLeader();
      return notLeader(leader == null ? null : leader.getId().toString());
    }
    if (e instanceof TimeoutException) {
      return new Response.Error(ErrorCode.TIMEOUT, "the write did not complete in time; its outcome is unknown");
    }
    if (e instanceof StateMachineException sme) {
      return new Response.Error(ErrorCode.INVALID_REQUEST, rootMessage(sme));
    }
    if (e instanceof LeaderNotReadyException || e instanceof LeaderSteppingDownException
        || e instanceof ServerNotReadyException || e instanceof ResourceUnavailableException
        || e instanceof ReadException) {
      return new Response.Error(ErrorCode.UNAVAILABLE, "Raft group not ready here: " + e.getMessage());
    }
    if (e instanceof AlreadyClosedException || e instanceof GroupMismatchException) {
      return new Response.Error(ErrorCode.UNAVAILABLE, "replica closed: " + e.getMessage());
    }
    return new Response.Error(ErrorCode.TIMEOUT, "outcome unknown: " + e);
  }

  /** NOT_LEADER pointing at {@code leaderId}'s client address when known, else UNAVAILABLE. */
  public Response.Error notLeader(String leaderId) {
    if (leaderId == null) {
      return new Response.Error(ErrorCode.UNAVAILABLE, "no leader elected yet; retry shortly");
    }
    String address = clientAddress(leaderId);
    return new Response.Error(ErrorCode.NOT_LEADER, "leader is " + leaderId, address);
  }

  /** NOT_LEADER pointing at a node that hosts the partition (it redirects again to the leader). */
  public Response.Error hostedElsewhere(String nodeId, String what) {
    String address = clientAddress(nodeId);
    if (address == null) {
      return new Response.Error(ErrorCode.UNAVAILABLE, what + " is not hosted here and its nodes are not known yet");
    }
    return new Response.Error(ErrorCode.NOT_LEADER, what + " is hosted on " + nodeId, address);
  }

  private String clientAddress(String nodeId) {
    return directory.member(nodeId).map(Member::clientAddress).map(Object::toString).orElse(null);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
