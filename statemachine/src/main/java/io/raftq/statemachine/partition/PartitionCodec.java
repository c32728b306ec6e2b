package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.PartitionLimits.MAX_COMMANDS_PER_ENTRY;
import static io.raftq.statemachine.partition.PartitionLimits.MAX_ENQUEUE_MESSAGES;
import static io.raftq.statemachine.partition.PartitionLimits.MAX_HEADERS;
import static io.raftq.statemachine.partition.PartitionLimits.MAX_RECEIPTS;
import static io.raftq.statemachine.partition.PartitionLimits.MAX_RECEIVE_MESSAGES;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The log-entry body codec: a list of {@link PartitionCommand}s, and the list of {@link PartitionResult}s that
 * answers it. The adapter puts its own header (format version, leader time) in front; this is only the body.
 * All numbers are big-endian; type bytes and layouts are frozen (a replica replays entries older nodes wrote).
 *
 * <pre>
 * primitives
 *   string   := i32 length (-1 = null, else &gt;= 0) | length bytes of UTF-8 (strictly valid)
 *   bytes    := i32 length (&gt;= 0)                  | length bytes
 *   headers  := u16 count (&lt;= 1024) | count x ( string name (not null) | string value )
 *   receipts := i32 count (&lt;= 100000) | count x ( i64 offset | i64 epoch )
 *
 * command body
 *   +------------+----------------------------------------------+
 *   | u16 count  | count x ( u8 type | fields of that type )    |
 *   +------------+----------------------------------------------+
 *   1 ENQUEUE            i32 n (&lt;= 100000) | n x message | i64 dedupWindowMs
 *                          message := string id | string key | headers | bytes payload
 *   2 RECEIVE            string group | i32 maxMessages | i64 visibilityMs
 *   3 ACK                string group | receipts
 *   4 NACK               string group | receipts | i64 delayMs
 *   5 CHANGE_VISIBILITY  string group | receipts | i64 visibilityMs
 *   6 ENQUEUE_DELAYED    i32 n (&lt;= 100000) | n x ( message | i64 delayMs (&gt;= 0) ) | i64 dedupWindowMs
 *                          (written instead of ENQUEUE when some message has a delay, so older entries and
 *                          undelayed ones keep the ENQUEUE layout)
 *   7 ENQUEUE_DEDUP      i32 n (&lt;= 100000) | n x ( message | i64 delayMs (&gt;= 0) | string dedupId )
 *                          | i64 dedupWindowMs   (written when some message has a dedup id)
 *   8 RECEIVE_EX         string group | i32 maxMessages | i64 visibilityMs | i32 maxReceives (&gt;= 0)
 *                          | u8 flags (bit 0: FIFO, bit 1: ack on receive, bit 2: topic)
 *                          | i64 consumerDedupWindowMs (&gt;= 0)
 *                          | i64 backoffBaseMs (&gt;= 0) | i64 backoffMaxMs (&gt;= 0)
 *                          (written instead of RECEIVE when one of these is set)
 *   9 NACK_EX            string group | receipts | i64 delayMs | string reason | i64 backoffBaseMs (&gt;= 0)
 *                          | i64 backoffMaxMs (&gt;= 0)   (written instead of NACK with a reason or a backoff)
 *  10 FORWARDED_DEAD_LETTERS  i64 upToSeq
 *  11 PURGE              (no fields)
 *  12 REMOVE_MESSAGES    i32 n (&lt;= 100000) | n x i64 offset
 *  13 RELEASE_KEY        string group | string key | u8 skip (0|1)
 *  14 ACK_EX             string group | receipts | i64 consumerDedupWindowMs (&gt;= 0)
 *                          | i32 n (0 or the receipt count) | n x ( u8 present | bytes result if present )
 *                          (written instead of ACK when the window or a result is set)
 *  15 APPLY_RETENTION    i64 retentionMs (&gt;= 0) | i64 retentionBytes (&gt;= 0)
 *  16 COMMIT_OFFSET      string group | i64 offset (&gt;= 0) | u8 seek (0|1)
 *  17 ONCE               string operationId (1-64 bytes) | u8 type (11 PURGE or 13 RELEASE_KEY)
 *                          | fields of that type   (a client's operation, applied once per id)
 *  18 RECEIVE_BOUNDED    the fields of RECEIVE_EX | i64 maxBytes (&gt; 0)
 *                          (written instead of RECEIVE or RECEIVE_EX when the reply has a byte bound; older
 *                          entries, which have none, keep their layouts and replay unbounded)
 *
 * result body
 *   +------------+----------------------------------------------+
 *   | u16 count  | count x ( u8 type | fields of that type )    |
 *   +------------+----------------------------------------------+
 *   1 ENQUEUED  i32 n (&lt;= 100000) | n x ( string id | i64 offset | u8 duplicate (0|1) )
 *   2 LEASED    i32 n (&lt;= 10000)  | n x ( string id | i64 offset | string key | headers | bytes payload
 *                                          | i64 epoch | i32 deliveries | i64 enqueuedAtMs )
 *   3 SETTLED   i32 n (&lt;= 100000) | n x u8 outcome (0 OK, 1 ALREADY_ACKED, 2 INVALID)
 *   4 REJECTED  string reason (not null)
 *   5 REMOVED   i64 count
 *   6 FAILED    string reason (not null)   (the logic failed on this command; it changed nothing)
 * </pre>
 *
 * <p>Decoding promises: any input that is not exactly one well-formed body (truncated, unknown type byte, a
 * length or count that is negative, above its cap or larger than the remaining bytes, malformed UTF-8, trailing
 * bytes) throws {@link InvalidCommandException} and nothing else; no allocation is larger than the input. The
 * buffer's position is not changed. Encoding throws {@link IllegalArgumentException} for lists the decoder would
 * refuse (counts above the caps), so every encoded body decodes.
 */
public final class PartitionCodec {
  static final int ENQUEUE = 1;
  static final int RECEIVE = 2;
  static final int ACK = 3;
  static final int NACK = 4;
  static final int CHANGE_VISIBILITY = 5;
  static final int ENQUEUE_DELAYED = 6;
  static final int ENQUEUE_DEDUP = 7;
  static final int RECEIVE_EX = 8;
  static final int NACK_EX = 9;
  static final int FORWARDED_DEAD_LETTERS = 10;
  static final int PURGE = 11;
  static final int REMOVE_MESSAGES = 12;
  static final int RELEASE_KEY = 13;
  static final int ACK_EX = 14;
  static final int APPLY_RETENTION = 15;
  static final int COMMIT_OFFSET = 16;
  static final int ONCE = 17;
  static final int RECEIVE_BOUNDED = 18;

  static final int ENQUEUED = 1;
  static final int LEASED = 2;
  static final int SETTLED = 3;
  static final int REJECTED = 4;
  static final int REMOVED = 5;
  static final int FAILED = 6;

  // Smallest encodings, used to check counts against the remaining bytes before looping.
  private static final int MIN_MESSAGE_BYTES = 4 + 4 + 2 + 4;
  private static final int MIN_HEADER_BYTES = 4 + 4;
  private static final int RECEIPT_BYTES = 8 + 8;
  private static final int MIN_STORED_BYTES = 4 + 8 + 1;
  private static final int MIN_LEASED_BYTES = 4 + 8 + 4 + 2 + 4 + 8 + 4 + 8;

  private PartitionCodec() {}

  public static byte[] encodeCommands(List<PartitionCommand> commands) {
    return encodeCommands(commands, 64);
  }

  /**
   * The entry body for {@code commands}, with a buffer of {@code sizeHint} bytes to start from: a leader that knows
   * roughly how big its entry is (payloads dominate) spares the regrowth of a buffer that reaches megabytes.
   */
  public static byte[] encodeCommands(List<PartitionCommand> commands, int sizeHint) {
    WireWriter w = new WireWriter(sizeHint);
    w.u16(checkCount(commands.size(), MAX_COMMANDS_PER_ENTRY, "commands"));
    for (PartitionCommand c : commands) {
      writeCommand(w, c);
    }
    return w.toByteArray();
  }

  public static List<PartitionCommand> decodeCommands(ByteBuffer body) {
    WireReader r = new WireReader(body);
    int n = r.count(true, MAX_COMMANDS_PER_ENTRY, 1, "commands");
    List<PartitionCommand> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readCommand(r));
    }
    r.expectEnd();
    return out;
  }

  public static byte[] encodeResults(List<PartitionResult> results) {
    WireWriter w = new WireWriter(64);
    w.u16(checkCount(results.size(), MAX_COMMANDS_PER_ENTRY, "results"));
    for (PartitionResult res : results) {
      writeResult(w, res);
    }
    return w.toByteArray();
  }

  public static List<PartitionResult> decodeResults(ByteBuffer body) {
    WireReader r = new WireReader(body);
    int n = r.count(true, MAX_COMMANDS_PER_ENTRY, 1, "results");
    List<PartitionResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readResult(r));
    }
    r.expectEnd();
    return out;
  }

  // ---- commands

  private static void writeCommand(WireWriter w, PartitionCommand c) {
    if (c instanceof Enqueue e) {
      boolean withDedupIds = e.messages().stream().anyMatch(m -> m.dedupId() != null);
      boolean delayed = withDedupIds || e.messages().stream().anyMatch(m -> m.delayMs() != 0);
      w.u8(withDedupIds ? ENQUEUE_DEDUP : delayed ? ENQUEUE_DELAYED : ENQUEUE);
      w.i32(checkCount(e.messages().size(), MAX_ENQUEUE_MESSAGES, "messages"));
      for (NewMessage m : e.messages()) {
        w.string(m.id()).string(m.key());
        writeHeaders(w, m.headers());
        w.bytes(m.payload());
        if (delayed) {
          w.i64(checkNotNegative(m.delayMs(), "delayMs"));
        }
        if (withDedupIds) {
          w.string(m.dedupId());
        }
      }
      w.i64(e.dedupWindowMs());
    } else if (c instanceof Receive rc) {
      boolean bounded = checkNotNegative(rc.maxBytes(), "maxBytes") > 0;
      boolean ex = bounded || !rc.isPlain();
      w.u8(bounded ? RECEIVE_BOUNDED : ex ? RECEIVE_EX : RECEIVE).string(rc.group()).i32(rc.maxMessages())
          .i64(rc.visibilityMs());
      if (ex) {
        w.i32(rc.maxReceives()).u8((rc.fifo() ? 1 : 0) | (rc.ackOnReceive() ? 2 : 0) | (rc.topic() ? 4 : 0));
        w.i64(checkNotNegative(rc.consumerDedupWindowMs(), "consumerDedupWindowMs"));
        w.i64(checkNotNegative(rc.backoffBaseMs(), "backoffBaseMs")).i64(checkNotNegative(rc.backoffMaxMs(), "max"));
      }
      if (bounded) {
        w.i64(rc.maxBytes());
      }
    } else if (c instanceof Ack a && (a.consumerDedupWindowMs() != 0 || !a.results().isEmpty())) {
      if (!a.results().isEmpty() && a.results().size() != a.receipts().size()) {
        throw new IllegalArgumentException("ack results must be none or one per receipt");
      }
      writeReceipts(w.u8(ACK_EX).string(a.group()), a.receipts());
      w.i64(checkNotNegative(a.consumerDedupWindowMs(), "consumerDedupWindowMs")).i32(a.results().size());
      for (byte[] result : a.results()) {
        w.u8(result == null ? 0 : 1);
        if (result != null) {
          w.bytes(result);
        }
      }
    } else if (c instanceof Ack a) {
      writeReceipts(w.u8(ACK).string(a.group()), a.receipts());
    } else if (c instanceof Nack n && (n.reason() != null || n.backoffBaseMs() != 0)) {
      writeReceipts(w.u8(NACK_EX).string(n.group()), n.receipts()).i64(n.delayMs()).string(n.reason());
      w.i64(checkNotNegative(n.backoffBaseMs(), "backoffBaseMs")).i64(checkNotNegative(n.backoffMaxMs(), "max"));
    } else if (c instanceof Nack n) {
      writeReceipts(w.u8(NACK).string(n.group()), n.receipts()).i64(n.delayMs());
    } else if (c instanceof ForwardedDeadLetters f) {
      w.u8(FORWARDED_DEAD_LETTERS).i64(f.upToSeq());
    } else if (c instanceof Purge) {
      w.u8(PURGE);
    } else if (c instanceof ApplyRetention ar) {
      w.u8(APPLY_RETENTION).i64(checkNotNegative(ar.retentionMs(), "retentionMs"))
          .i64(checkNotNegative(ar.retentionBytes(), "retentionBytes"));
    } else if (c instanceof CommitOffset co) {
      w.u8(COMMIT_OFFSET).string(co.group()).i64(checkNotNegative(co.offset(), "offset")).u8(co.seek() ? 1 : 0);
    } else if (c instanceof ReleaseKey rk) {
      w.u8(RELEASE_KEY).string(rk.group()).string(rk.key()).u8(rk.skip() ? 1 : 0);
    } else if (c instanceof RemoveMessages rm) {
      w.u8(REMOVE_MESSAGES).i32(checkCount(rm.offsets().size(), MAX_RECEIPTS, "offsets"));
      for (long offset : rm.offsets()) {
        w.i64(offset);
      }
    } else if (c instanceof ChangeVisibility cv) {
      writeReceipts(w.u8(CHANGE_VISIBILITY).string(cv.group()), cv.receipts()).i64(cv.visibilityMs());
    } else if (c instanceof Once o) {
      w.u8(ONCE).string(checkOperationId(o.operationId()));
      writeCommand(w, o.command());
    } else {
      throw new IllegalArgumentException("unknown command " + c);
    }
  }

  private static String checkOperationId(String id) {
    int bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes < 1 || bytes > Once.MAX_OPERATION_ID_BYTES) {
      throw new IllegalArgumentException("operation id: 1 to " + Once.MAX_OPERATION_ID_BYTES + " bytes");
    }
    return id;
  }

  private static PartitionCommand readCommand(WireReader r) {
    int type = r.u8();
    switch (type) {
      case ENQUEUE:
        return readEnqueue(r, false);
      case ENQUEUE_DELAYED:
        return readEnqueue(r, true);
      case ENQUEUE_DEDUP:
        return readEnqueueWithDedupIds(r);
      case RECEIVE:
        return new Receive(r.requiredString("group"), r.i32(), r.i64());
      case RECEIVE_EX:
        return readReceiveEx(r, false);
      case RECEIVE_BOUNDED:
        return readReceiveEx(r, true);
      case ACK_EX: {
        String group = r.requiredString("group");
        List<LeaseRef> receipts = readReceipts(r);
        long window = r.i64();
        int n = r.count(false, MAX_RECEIPTS, 1, "results");
        if (window < 0 || (n != 0 && n != receipts.size()) || (window == 0 && n == 0)) {
          throw new InvalidCommandException("ACK_EX with window " + window + " and " + n + " results");
        }
        List<byte[]> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          results.add(r.bool() ? r.bytes() : null);
        }
        return new Ack(group, receipts, window, results);
      }
      case APPLY_RETENTION: {
        ApplyRetention ar = new ApplyRetention(r.i64(), r.i64());
        if (ar.retentionMs() < 0 || ar.retentionBytes() < 0) {
          throw new InvalidCommandException("negative retention");
        }
        return ar;
      }
      case COMMIT_OFFSET: {
        CommitOffset co = new CommitOffset(r.requiredString("group"), r.i64(), r.bool());
        if (co.offset() < 0) {
          throw new InvalidCommandException("negative offset");
        }
        return co;
      }
      case RELEASE_KEY:
        return new ReleaseKey(r.requiredString("group"), r.requiredString("key"), r.bool());
      case NACK_EX: {
        Nack n = new Nack(r.requiredString("group"), readReceipts(r), r.i64(), r.string(), r.i64(), r.i64());
        if (n.backoffBaseMs() < 0 || n.backoffMaxMs() < 0 || (n.reason() == null && n.backoffBaseMs() == 0)) {
          throw new InvalidCommandException("NACK_EX without reason or backoff, or a negative backoff");
        }
        return n;
      }
      case FORWARDED_DEAD_LETTERS:
        return new ForwardedDeadLetters(r.i64());
      case PURGE:
        return new Purge();
      case ONCE: {
        String id = r.requiredString("operation id");
        int bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int inner = r.u8();
        if (bytes < 1 || bytes > Once.MAX_OPERATION_ID_BYTES || (inner != PURGE && inner != RELEASE_KEY)) {
          throw new InvalidCommandException("ONCE with a " + bytes + "-byte id around type " + inner);
        }
        return new Once(id, inner == PURGE ? new Purge()
            : new ReleaseKey(r.requiredString("group"), r.requiredString("key"), r.bool()));
      }
      case REMOVE_MESSAGES: {
        int n = r.count(false, MAX_RECEIPTS, 8, "offsets");
        List<Long> offsets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          offsets.add(r.i64());
        }
        return new RemoveMessages(offsets);
      }
      case ACK:
        return new Ack(r.requiredString("group"), readReceipts(r));
      case NACK:
        return new Nack(r.requiredString("group"), readReceipts(r), r.i64());
      case CHANGE_VISIBILITY:
        return new ChangeVisibility(r.requiredString("group"), readReceipts(r), r.i64());
      default:
        throw new InvalidCommandException("unknown command type " + type);
    }
  }

  /** RECEIVE_EX, or with {@code bounded} RECEIVE_BOUNDED: the same fields and a positive maxBytes. */
  private static Receive readReceiveEx(WireReader r, boolean bounded) {
    String group = r.requiredString("group");
    int max = r.i32();
    long visibility = r.i64();
    int maxReceives = r.i32();
    int flags = r.u8();
    long window = r.i64();
    long base = r.i64();
    long cap = r.i64();
    long maxBytes = bounded ? r.i64() : 0;
    Receive rc = new Receive(group, max, visibility, maxReceives, (flags & 1) != 0, (flags & 2) != 0, window, base,
        cap, (flags & 4) != 0, maxBytes);
    // One layout per content: RECEIVE_EX only when some setting needs it, RECEIVE_BOUNDED only with a bound.
    if (flags > 7 || maxReceives < 0 || window < 0 || base < 0 || cap < 0 || (!bounded && rc.isPlain())
        || (bounded && maxBytes <= 0)) {
      throw new InvalidCommandException((bounded ? "RECEIVE_BOUNDED" : "RECEIVE_EX") + " with maxReceives "
          + maxReceives + ", flags " + flags + ", window " + window + ", maxBytes " + maxBytes);
    }
    return rc;
  }

  private static Enqueue readEnqueue(WireReader r, boolean delayed) {
    return readEnqueue(r, delayed, false);
  }

  private static Enqueue readEnqueueWithDedupIds(WireReader r) {
    return readEnqueue(r, true, true);
  }

  private static Enqueue readEnqueue(WireReader r, boolean delayed, boolean withDedupIds) {
    int min = MIN_MESSAGE_BYTES + (delayed ? 8 : 0) + (withDedupIds ? 4 : 0);
    int n = r.count(false, MAX_ENQUEUE_MESSAGES, min, "messages");
    List<NewMessage> messages = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = r.string();
      String key = r.string();
      List<MessageHeader> headers = readHeaders(r);
      byte[] payload = r.bytes();
      long delayMs = 0;
      if (delayed) {
        delayMs = r.i64();
        if (delayMs < 0) {
          throw new InvalidCommandException("negative delayMs " + delayMs);
        }
      }
      String dedupId = withDedupIds ? r.string() : null;
      messages.add(new NewMessage(id, key, headers, payload, delayMs, dedupId));
    }
    // One layout per content, so that every body that decodes is the one its commands encode to.
    if (withDedupIds && messages.stream().noneMatch(m -> m.dedupId() != null)) {
      throw new InvalidCommandException("ENQUEUE_DEDUP without a dedup id");
    }
    if (delayed && !withDedupIds && messages.stream().noneMatch(m -> m.delayMs() != 0)) {
      throw new InvalidCommandException("ENQUEUE_DELAYED without a delay");
    }
    return new Enqueue(messages, r.i64());
  }

  private static WireWriter writeReceipts(WireWriter w, List<LeaseRef> receipts) {
    w.i32(checkCount(receipts.size(), MAX_RECEIPTS, "receipts"));
    for (LeaseRef ref : receipts) {
      w.i64(ref.offset()).i64(ref.epoch());
    }
    return w;
  }

  private static List<LeaseRef> readReceipts(WireReader r) {
    int n = r.count(false, MAX_RECEIPTS, RECEIPT_BYTES, "receipts");
    List<LeaseRef> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new LeaseRef(r.i64(), r.i64()));
    }
    return out;
  }

  // ---- shared with the store's message values

  static void writeHeaders(WireWriter w, List<MessageHeader> headers) {
    w.u16(checkCount(headers.size(), MAX_HEADERS, "headers"));
    for (MessageHeader h : headers) {
      w.string(h.name()).string(h.value());
    }
  }

  static List<MessageHeader> readHeaders(WireReader r) {
    int n = r.count(true, MAX_HEADERS, MIN_HEADER_BYTES, "headers");
    List<MessageHeader> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new MessageHeader(r.requiredString("header name"), r.string()));
    }
    return out;
  }

  // ---- results

  private static void writeResult(WireWriter w, PartitionResult res) {
    if (res instanceof Enqueued e) {
      w.u8(ENQUEUED).i32(checkCount(e.stored().size(), MAX_ENQUEUE_MESSAGES, "stored"));
      for (StoredMessage s : e.stored()) {
        w.string(s.id()).i64(s.offset()).u8(s.duplicate() ? 1 : 0);
      }
    } else if (res instanceof Leased l) {
      w.u8(LEASED).i32(checkCount(l.messages().size(), MAX_RECEIVE_MESSAGES, "leased"));
      for (LeasedMessage m : l.messages()) {
        writeLeased(w, m);
      }
    } else if (res instanceof Settled s) {
      w.u8(SETTLED).i32(checkCount(s.outcomes().size(), MAX_RECEIPTS, "outcomes"));
      for (SettleOutcome o : s.outcomes()) {
        w.u8(o.code);
      }
    } else if (res instanceof Rejected rj) {
      w.u8(REJECTED).string(rj.reason());
    } else if (res instanceof Removed rm) {
      w.u8(REMOVED).i64(rm.count());
    } else if (res instanceof Failed f) {
      w.u8(FAILED).string(f.reason());
    } else {
      throw new IllegalArgumentException("unknown result " + res);
    }
  }

  private static void writeLeased(WireWriter w, LeasedMessage m) {
    w.string(m.id()).i64(m.offset()).string(m.key());
    writeHeaders(w, m.headers());
    w.bytes(m.payload()).i64(m.epoch()).i32(m.deliveries()).i64(m.enqueuedAtMs());
  }

  private static PartitionResult readResult(WireReader r) {
    int type = r.u8();
    switch (type) {
      case ENQUEUED:
        return readEnqueued(r);
      case LEASED:
        return readLeased(r);
      case SETTLED:
        return readSettled(r);
      case REJECTED:
        return new Rejected(r.requiredString("reason"));
      case REMOVED:
        return new Removed(r.i64());
      case FAILED:
        return new Failed(r.requiredString("reason"));
      default:
        throw new InvalidCommandException("unknown result type " + type);
    }
  }

  private static Enqueued readEnqueued(WireReader r) {
    int n = r.count(false, MAX_ENQUEUE_MESSAGES, MIN_STORED_BYTES, "stored");
    List<StoredMessage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new StoredMessage(r.requiredString("id"), r.i64(), r.bool()));
    }
    return new Enqueued(out);
  }

  private static Leased readLeased(WireReader r) {
    int n = r.count(false, MAX_RECEIVE_MESSAGES, MIN_LEASED_BYTES, "leased");
    List<LeasedMessage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = r.requiredString("id");
      long offset = r.i64();
      String key = r.string();
      List<MessageHeader> headers = readHeaders(r);
      out.add(new LeasedMessage(id, offset, key, headers, r.bytes(), r.i64(), r.i32(), r.i64()));
    }
    return new Leased(out);
  }

  private static Settled readSettled(WireReader r) {
    int n = r.count(false, MAX_RECEIPTS, 1, "outcomes");
    List<SettleOutcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int code = r.u8();
      SettleOutcome o = SettleOutcome.ofCode(code);
      if (o == null) {
        throw new InvalidCommandException("unknown settle outcome " + code);
      }
      out.add(o);
    }
    return new Settled(out);
  }

  private static int checkCount(int n, int max, String what) {
    if (n > max) {
      throw new IllegalArgumentException(what + " count " + n + " exceeds " + max);
    }
    return n;
  }

  private static long checkNotNegative(long v, String what) {
    if (v < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + v);
    }
    return v;
  }
}
