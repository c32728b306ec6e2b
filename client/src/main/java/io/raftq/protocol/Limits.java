package io.raftq.protocol;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The limits of the protocol that both sides check: nodes refuse a request beyond them with INVALID_REQUEST before
 * anything is stored, and the client library refuses a message beyond them before batching it with others, so one
 * bad message never fails the well-formed ones that would have shared its frame. Each check returns null when
 * within limits, else a message that starts with the offending field ({@code "group: ..."}). docs/PROTOCOL.md
 * lists the same limits.
 */
public final class Limits {
  public static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  public static final int MAX_ID_BYTES = 1024;
  public static final int MAX_KEY_BYTES = 1024;
  public static final int MAX_HEADERS = 64;
  public static final int MAX_HEADER_NAME_BYTES = 256;
  public static final int MAX_HEADER_VALUE_BYTES = 16 * 1024;
  public static final int MAX_HEADERS_BYTES = 64 * 1024;
  /**
   * Headers raftq itself adds (a dead letter's history) start with this; they are counted apart from the user's,
   * so that a message with the most headers a user may give can still be dead-lettered.
   */
  public static final String RESERVED_HEADER_PREFIX = "raftq-";
  public static final int MAX_RESERVED_HEADERS = 16;
  public static final int MAX_RESERVED_HEADERS_BYTES = 8 * 1024;
  public static final int MAX_REASON_BYTES = 1024;
  /** A queue's attributes (labels it carries for applications, such as the SQS gateway's attributes and tags). */
  public static final int MAX_QUEUE_ATTRIBUTES = 64;
  public static final int MAX_QUEUE_ATTRIBUTE_NAME_BYTES = 256;
  public static final int MAX_QUEUE_ATTRIBUTES_BYTES = 64 * 1024;
  /** Bytes of a result stored with an ack in the consumer dedup table. */
  public static final int MAX_RESULT_BYTES = 1024;
  /** Longest producer or consumer dedup window. */
  public static final Duration MAX_DEDUP_WINDOW = Duration.ofDays(30);
  /** Longest retention of a topic. */
  public static final Duration MAX_RETENTION = Duration.ofDays(3650);
  /** Most deliveries before a message is dead-lettered. */
  public static final int MAX_RECEIVES = 1000;
  public static final int MAX_RECEIVE_MESSAGES = 10_000;
  /**
   * Contents (the bytes after the length prefix) of the largest frame a node accepts, and of the largest Received
   * answer it sends. A message of the largest size (3 MiB of payload, 72 KiB of headers) fits in one.
   */
  public static final int MAX_FRAME_BYTES = 4 << 20;
  /**
   * Largest byte bound of one Receive answer, counted as its deliveries are encoded: a frame, less room for the
   * answer's own fields (opcode, request id, list count: 9 bytes) with margin. Also the default bound.
   */
  public static final int MAX_RECEIVE_BYTES = MAX_FRAME_BYTES - 1024;
  public static final int MAX_RECEIPTS = 10_000;
  public static final int MAX_BROWSE_MESSAGES = 1_000;
  /** Longest lease: longer than SQS's 12 hours, for long jobs, but bounded so a lost consumer is noticed. */
  public static final Duration MAX_VISIBILITY = Duration.ofDays(7);
  /** Longest delay of a message or a nack: days, not SQS's 15 minutes. */
  public static final Duration MAX_DELAY = Duration.ofDays(365);

  private Limits() {}

  /** A consumer group name: 1-200 letters, digits, '.', '_' or '-'. */
  public static String group(String group) {
    if (group == null || !GROUP.matcher(group).matches()) {
      return "group: '" + group + "' is not 1-200 letters, digits, '.', '_' or '-'";
    }
    return null;
  }

  /** One message of a send; {@code field} names it in the answer, e.g. {@code "messages[3]"}. */
  public static String message(String field, OutgoingMessage m) {
    String at = field + ".";
    int idBytes = Utf8.length(m.id());
    if (idBytes < 1 || idBytes > MAX_ID_BYTES) {
      return at + "id: must be 1-" + MAX_ID_BYTES + " UTF-8 bytes, was " + idBytes;
    }
    int keyBytes = Utf8.length(m.key());
    if (keyBytes > MAX_KEY_BYTES) {
      return at + "key: must be at most " + MAX_KEY_BYTES + " UTF-8 bytes, was " + keyBytes;
    }
    if (m.dedupId() != null) {
      int dedupBytes = Utf8.length(m.dedupId());
      if (dedupBytes < 1 || dedupBytes > MAX_ID_BYTES) {
        return at + "dedupId: must be 1-" + MAX_ID_BYTES + " UTF-8 bytes, was " + dedupBytes;
      }
    }
    String delay = duration(at + "delay", m.delayMs(), MAX_DELAY);
    if (delay != null) {
      return delay;
    }
    List<Header> own = m.headers().stream().filter(h -> !isReserved(h)).toList();
    List<Header> reserved = m.headers().stream().filter(Limits::isReserved).toList();
    String invalid = headers(at + "headers", own, MAX_HEADERS, MAX_HEADERS_BYTES);
    return invalid != null ? invalid
        : headers(at + "headers (" + RESERVED_HEADER_PREFIX + "*)", reserved, MAX_RESERVED_HEADERS,
            MAX_RESERVED_HEADERS_BYTES);
  }

  private static boolean isReserved(Header h) {
    return h.name() != null && h.name().startsWith(RESERVED_HEADER_PREFIX);
  }

  private static String headers(String field, List<Header> headers, int maxCount, int maxBytes) {
    if (headers.size() > maxCount) {
      return field + ": at most " + maxCount + " per message, was " + headers.size();
    }
    long total = 0;
    for (Header h : headers) {
      int name = Utf8.length(h.name());
      int value = Utf8.length(h.value());
      if (name < 1 || name > MAX_HEADER_NAME_BYTES) {
        return field + ": a name must be 1-" + MAX_HEADER_NAME_BYTES + " UTF-8 bytes, was " + name;
      }
      if (value > MAX_HEADER_VALUE_BYTES) {
        return field + ": the value of '" + h.name() + "' must be at most " + MAX_HEADER_VALUE_BYTES
            + " UTF-8 bytes, was " + value;
      }
      total += name + value;
    }
    if (total > maxBytes) {
      return field + ": at most " + maxBytes + " UTF-8 bytes in all, was " + total;
    }
    return null;
  }

  /** A nack's reason: null, or at most {@link #MAX_REASON_BYTES} of UTF-8. */
  public static String reason(String reason) {
    int bytes = Utf8.length(reason);
    return bytes > MAX_REASON_BYTES ? "reason: must be at most " + MAX_REASON_BYTES + " UTF-8 bytes, was " + bytes
        : null;
  }

  /** A new queue's optional settings; the dead-letter queue's own name is checked by the node. */
  public static String settings(QueueSettings s) {
    String delay = duration("delay", s.defaultDelayMs(), MAX_DELAY);
    if (delay != null) {
      return delay;
    }
    if (s.maxReceives() < 0 || s.maxReceives() > MAX_RECEIVES) {
      return "maxReceives: must be 1.." + MAX_RECEIVES + " (0: no dead-letter queue), was " + s.maxReceives();
    }
    if ((s.maxReceives() > 0) != s.hasDeadLetterQueue()) {
      return s.hasDeadLetterQueue() ? "maxReceives: a dead-letter queue needs maxReceives 1.." + MAX_RECEIVES
          : "deadLetterQueue: maxReceives needs a dead-letter queue to move messages to";
    }
    int rf = s.replicationFactor();
    if (rf != 0 && rf != 1 && rf != 3 && rf != 5) {
      return "replicationFactor: must be 1, 3 or 5 (0: the default, 3), was " + rf;
    }
    return attributes(s.attributes());
  }

  private static String attributes(java.util.Map<String, String> attributes) {
    if (attributes.size() > MAX_QUEUE_ATTRIBUTES) {
      return "attributes: at most " + MAX_QUEUE_ATTRIBUTES + " per queue, was " + attributes.size();
    }
    long total = 0;
    for (var e : attributes.entrySet()) {
      int name = Utf8.length(e.getKey());
      if (name < 1 || name > MAX_QUEUE_ATTRIBUTE_NAME_BYTES) {
        return "attributes: a name must be 1-" + MAX_QUEUE_ATTRIBUTE_NAME_BYTES + " UTF-8 bytes, was " + name;
      }
      total += name + Utf8.length(e.getValue());
    }
    return total > MAX_QUEUE_ATTRIBUTES_BYTES
        ? "attributes: at most " + MAX_QUEUE_ATTRIBUTES_BYTES + " UTF-8 bytes in all, was " + total : null;
  }

  /** How many messages one receive may ask for. */
  public static String maxMessages(int max) {
    return max < 1 || max > MAX_RECEIVE_MESSAGES ? "max: must be 1.." + MAX_RECEIVE_MESSAGES + ", was " + max : null;
  }

  /** A receive's byte bound: 0 (the node's own) or positive; a node cuts a larger one to its bound. */
  public static String maxBytes(int maxBytes) {
    return maxBytes < 0 ? "maxBytes: must be 0 (the node's bound) or positive, was " + maxBytes : null;
  }

  public static String receipts(List<Receipt> receipts) {
    if (receipts.isEmpty() || receipts.size() > MAX_RECEIPTS) {
      return "receipts: must be 1.." + MAX_RECEIPTS + ", was " + receipts.size();
    }
    return null;
  }

  /** A duration in ms within {@code 0..max}. */
  public static String duration(String field, long ms, Duration max) {
    if (ms < 0 || ms > max.toMillis()) {
      return field + ": must be 0.." + max.toMillis() + " ms (" + max.toDays() + " days), was " + ms;
    }
    return null;
  }
}
