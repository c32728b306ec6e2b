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
  public static final int MAX_RECEIVE_MESSAGES = 10_000;
  public static final int MAX_RECEIPTS = 10_000;
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
    String delay = duration(at + "delay", m.delayMs(), MAX_DELAY);
    return delay != null ? delay : headers(at + "headers", m.headers());
  }

  private static String headers(String field, List<Header> headers) {
    if (headers.size() > MAX_HEADERS) {
      return field + ": at most " + MAX_HEADERS + " per message, was " + headers.size();
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
    if (total > MAX_HEADERS_BYTES) {
      return field + ": at most " + MAX_HEADERS_BYTES + " UTF-8 bytes in all, was " + total;
    }
    return null;
  }

  /** How many messages one receive may ask for. */
  public static String maxMessages(int max) {
    return max < 1 || max > MAX_RECEIVE_MESSAGES ? "max: must be 1.." + MAX_RECEIVE_MESSAGES + ", was " + max : null;
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
