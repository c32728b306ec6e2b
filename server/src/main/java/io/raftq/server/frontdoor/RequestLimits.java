package io.raftq.server.frontdoor;

import io.raftq.protocol.Limits;
import io.raftq.protocol.QueueSettings;
import io.raftq.protocol.Request;
import io.raftq.statemachine.metadata.QueueNames;

/**
 * Holds every client request to the protocol's {@link Limits} before anything reaches Raft, so a violation stores
 * nothing. Each check returns null when the request is within limits, else a message that starts with the
 * offending field, for an INVALID_REQUEST answer.
 *
 * <p>Pure logic: no I/O, no state.
 */
final class RequestLimits {
  /** The wire's "use the queue's default" for a receive's visibility timeout. */
  static final long QUEUE_DEFAULT = -1;

  private RequestLimits() {}

  static String send(Request.Send r) {
    String invalid = queue(r.queue());
    for (int i = 0; invalid == null && i < r.messages().size(); i++) {
      invalid = Limits.message("messages[" + i + "]", r.messages().get(i));
    }
    return invalid;
  }

  static String receive(Request.Receive r) {
    String invalid = first(queue(r.queue()), Limits.group(r.group()), Limits.maxMessages(r.maxMessages()),
        Limits.maxBytes(r.maxBytes()));
    if (invalid == null && r.visibilityMs() != QUEUE_DEFAULT) {
      invalid = Limits.duration("visibility", r.visibilityMs(), Limits.MAX_VISIBILITY);
    }
    return invalid;
  }

  static String ack(Request.Ack r) {
    String invalid = first(queue(r.queue()), Limits.group(r.group()), Limits.receipts(r.receipts()));
    if (invalid == null && !r.results().isEmpty() && r.results().size() != r.receipts().size()) {
      invalid = "results: none or one per receipt, was " + r.results().size() + " for " + r.receipts().size();
    }
    for (int i = 0; invalid == null && i < r.results().size(); i++) {
      byte[] result = r.results().get(i);
      if (result != null && result.length > Limits.MAX_RESULT_BYTES) {
        invalid = "results[" + i + "]: at most " + Limits.MAX_RESULT_BYTES + " bytes, was " + result.length;
      }
    }
    return invalid;
  }

  static String nack(Request.Nack r) {
    return first(queue(r.queue()), Limits.group(r.group()),
        Limits.duration("delay", r.delayMs(), Limits.MAX_DELAY), Limits.receipts(r.receipts()),
        Limits.reason(r.reason()));
  }

  static String changeVisibility(Request.ChangeVisibility r) {
    return first(queue(r.queue()), Limits.group(r.group()),
        Limits.duration("visibility", r.visibilityMs(), Limits.MAX_VISIBILITY), Limits.receipts(r.receipts()));
  }

  static String browse(Request.Browse r) {
    String invalid = queue(r.queue());
    if (invalid == null && (r.max() < 1 || r.max() > Limits.MAX_BROWSE_MESSAGES)) {
      invalid = "max: must be 1.." + Limits.MAX_BROWSE_MESSAGES + ", was " + r.max();
    }
    if (invalid == null && r.fromOffset() < 0) {
      invalid = "fromOffset: must not be negative, was " + r.fromOffset();
    }
    return invalid;
  }

  static String removeMessages(Request.RemoveMessages r) {
    String invalid = queue(r.queue());
    if (invalid == null && (r.offsets().isEmpty() || r.offsets().size() > Limits.MAX_RECEIPTS)) {
      invalid = "offsets: must be 1.." + Limits.MAX_RECEIPTS + ", was " + r.offsets().size();
    }
    return invalid;
  }

  /** A queue's default visibility timeout (negative: the cluster default). */
  static String queueVisibility(long visibilityMs) {
    return visibilityMs < 0 ? null : Limits.duration("visibility", visibilityMs, Limits.MAX_VISIBILITY);
  }

  /** A new queue's settings: ranges, and a dead-letter queue that is a valid name other than the queue's own. */
  static String queueSettings(String queue, QueueSettings s) {
    String invalid = Limits.settings(s);
    if (invalid == null && s.topic()) {
      if (s.retentionMs() <= 0 && s.retentionBytes() <= 0) {
        invalid = "retention: a topic needs a retention time or size";
      } else if (s.retentionMs() < 0 || s.retentionMs() > Limits.MAX_RETENTION.toMillis()) {
        invalid = "retention: must be 0.." + Limits.MAX_RETENTION.toDays() + " days, was " + s.retentionMs() + " ms";
      } else if (s.retentionBytes() < 0) {
        invalid = "retentionBytes: must not be negative";
      } else if (s.hasDeadLetterQueue() || s.fifo()) {
        invalid = "topic: dead-letter queues and FIFO order are queue features; create a queue for them";
      }
    }
    if (invalid == null) {
      invalid = first(Limits.duration("retryBackoff", s.backoffBaseMs(), Limits.MAX_DELAY),
          Limits.duration("retryBackoffMax", s.backoffMaxMs(), Limits.MAX_DELAY));
    }
    if (invalid == null && s.consumerDedupWindowMs() != QueueSettings.DEFAULT_WINDOW) {
      invalid = Limits.duration("consumerDedupWindow", s.consumerDedupWindowMs(), Limits.MAX_DEDUP_WINDOW);
    }
    if (invalid == null && s.hasDeadLetterQueue()) {
      invalid = queue(s.deadLetterQueue());
      if (invalid != null) {
        return "deadLetterQueue: " + invalid.substring("queue: ".length());
      }
      if (s.deadLetterQueue().equals(queue)) {
        return "deadLetterQueue: a queue cannot be its own dead-letter queue";
      }
    }
    return invalid;
  }

  private static String queue(String queue) {
    try {
      QueueNames.check(queue);
      return null;
    } catch (IllegalArgumentException e) {
      return "queue: " + e.getMessage();
    }
  }

  private static String first(String... checks) {
    for (String c : checks) {
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}
