package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stream group reads of a queue ({@code stream-read} ops, see the history package): offsets in order, nothing
 * skipped, nothing made up. For each ok read {@code R} of {@code (queue, partition)} from {@code from} answering
 * {@code nextOffset}, the history is invalid iff:
 * <ul>
 *   <li>{@code int-nonmonotonic}: {@code R}'s offsets do not strictly increase;</li>
 *   <li>{@code out-of-range}: an offset of {@code R} lies outside {@code [from, nextOffset)};</li>
 *   <li>{@code read-behind-commit}: {@code from} is below the committed offset answered by an ok commit of the same
 *       process, queue, group and partition that completed before {@code R} was invoked (a reader never goes back
 *       behind what it committed);</li>
 *   <li>{@code inconsistent-offset}: a position read with a msg other than the one an ok send stored there, or
 *       two reads disagreeing on it;</li>
 *   <li>{@code unexpected}: a msg no send was invoked with;</li>
 *   <li>{@code skipped}: a position {@code o} in {@code [from, nextOffset)} missing from {@code R} although an ok
 *       send stored its msg there and completed before {@code R} was invoked, and the message cannot have been
 *       deleted before {@code R} completed: no ack of its msg (any group, any position: consumer dedup deletes the
 *       other copies of an acked id) that may have applied was invoked before {@code cmp(R)}, and no dead letter
 *       names that position as its source (a dead-lettered message leaves the queue; the final drain of the
 *       dead-letter queue reveals every one).</li>
 * </ul>
 * Meant for queues, which delete only acked and dead-lettered messages; a topic's retention would make skips
 * legitimate.
 */
public final class StreamReadChecker implements Checker {
  @Override
  public String name() {
    return "stream-reads";
  }

  private record Read(Op invocation, Op completion, String queue, long partition, long from, Long nextOffset,
      TreeMap<Long, String> msgs) {}

  @Override
  public CheckResult check(History history) {
    List<Read> reads = reads(history);
    CheckResult.Builder result = new CheckResult.Builder(name());
    long[] inRead = checkWithinReads(reads, result);
    long behind = checkBehindCommits(history, reads, result);
    Map<String, NavigableMap<Long, Op>> sends = okSendsByPartition(history);
    long[] contents = checkContents(history, reads, sends, result);
    long skipped = checkSkips(history, reads, sends, result);
    return result
        .count("reads", reads.size())
        .count("msgs-read", reads.stream().mapToLong(r -> r.msgs().size()).sum())
        .count("int-nonmonotonic-count", inRead[0])
        .count("out-of-range-count", inRead[1])
        .count("read-behind-commit-count", behind)
        .count("inconsistent-offset-count", contents[0])
        .count("unexpected-count", contents[1])
        .count("skipped-count", skipped)
        .build(inRead[0] + inRead[1] + behind + contents[0] + contents[1] + skipped == 0);
  }

  private static List<Read> reads(History history) {
    List<Read> reads = new ArrayList<>();
    for (Op done : history.completions(Fn.STREAM_READ, OpType.OK)) {
      Op inv = history.invocationOf(done);
      Long partition = Values.number(inv.value(), "partition");
      Long from = Values.number(inv.value(), "from");
      if (partition == null || from == null) {
        continue;
      }
      TreeMap<Long, String> msgs = new TreeMap<>();
      for (Object m : Values.list(done.value(), "msgs")) {
        Long offset = Values.number(m, "offset");
        if (offset != null) {
          msgs.put(offset, Values.string(m, "msg"));
        }
      }
      reads.add(new Read(inv, done, Values.string(inv.value(), "queue"), partition, from,
          Values.number(done.value(), "nextOffset"), msgs));
    }
    return reads;
  }

  /** Returns {int-nonmonotonic, out-of-range}, from each read's own list of messages. */
  private static long[] checkWithinReads(List<Read> reads, CheckResult.Builder result) {
    long[] counts = new long[2];
    for (Read r : reads) {
      long previous = Long.MIN_VALUE;
      for (Object m : Values.list(r.completion().value(), "msgs")) {
        Long offset = Values.number(m, "offset");
        if (offset == null) {
          continue;
        }
        if (offset <= previous) {
          counts[0]++;
          result.example("int-nonmonotonic", String.format("%s: read at index %d lists offset %d after %d",
              where(r), r.completion().index(), offset, previous));
        }
        previous = Math.max(previous, offset);
        if (offset < r.from() || (r.nextOffset() != null && offset >= r.nextOffset())) {
          counts[1]++;
          result.example("out-of-range", String.format("%s: read at index %d from %d answered offset %d, next %s",
              where(r), r.completion().index(), r.from(), offset, r.nextOffset()));
        }
      }
    }
    return counts;
  }

  /** Counts reads from below what the same process had committed (ok) for the same partition and group. */
  private static long checkBehindCommits(History history, List<Read> reads, CheckResult.Builder result) {
    Map<String, List<Op>> commits = new HashMap<>();
    for (Op done : history.completions(Fn.COMMIT, OpType.OK)) {
      Op inv = history.invocationOf(done);
      commits.computeIfAbsent(readerKey(inv), k -> new ArrayList<>()).add(done);
    }
    long behind = 0;
    for (Read r : reads) {
      long committed = Long.MIN_VALUE;
      for (Op c : commits.getOrDefault(readerKey(r.invocation()), List.of())) {
        Long answered = Values.number(c.value(), "committed");
        if (answered != null && c.timeNanos() < r.invocation().timeNanos()) {
          committed = Math.max(committed, answered);
        }
      }
      if (r.from() < committed) {
        behind++;
        result.example("read-behind-commit", String.format(
            "%s: process %s read from %d at index %d after committing %d", where(r), r.invocation().process(),
            r.from(), r.invocation().index(), committed));
      }
    }
    return behind;
  }

  /** Returns {inconsistent-offset, unexpected}. */
  private static long[] checkContents(History history, List<Read> reads, Map<String, NavigableMap<Long, Op>> sends,
      CheckResult.Builder result) {
    Set<String> attempted = new HashSet<>();
    history.invocations(Fn.SEND).forEach(inv -> attempted.add(Values.string(inv.value(), "msg")));
    Map<String, String> seen = new HashMap<>();
    Set<String> inconsistent = new TreeSet<>();
    long unexpected = 0;
    for (Read r : reads) {
      NavigableMap<Long, Op> stored = sends.getOrDefault(partitionKey(r.queue(), r.partition()), new TreeMap<>());
      for (Map.Entry<Long, String> m : r.msgs().entrySet()) {
        String position = where(r) + "@" + m.getKey();
        Op send = stored.get(m.getKey());
        String expected = send != null ? sentMsg(history, send) : seen.get(position);
        if (expected != null && !expected.equals(m.getValue()) && inconsistent.add(position)) {
          result.example("inconsistent-offset", String.format("%s read as %s at index %d, holds %s",
              position, m.getValue(), r.completion().index(), expected));
        }
        seen.putIfAbsent(position, m.getValue());
        if (!attempted.contains(m.getValue())) {
          unexpected++;
          result.example("unexpected", String.format("%s read as %s at index %d, which no send was invoked with",
              position, m.getValue(), r.completion().index()));
        }
      }
    }
    return new long[] {inconsistent.size(), unexpected};
  }

  /** Counts positions missing from a read that must still have been stored (see the class documentation). */
  private static long checkSkips(History history, List<Read> reads, Map<String, NavigableMap<Long, Op>> sends,
      CheckResult.Builder result) {
    Map<String, Long> firstAckNanos = firstPossibleAcks(history);
    Set<String> deadLettered = new HashSet<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (d.sourcePartition() != null && d.sourceOffset() != null) {
        deadLettered.add(d.sourcePartition() + "@" + d.sourceOffset());
      }
    }
    long skipped = 0;
    for (Read r : reads) {
      if (r.nextOffset() == null || r.nextOffset() <= r.from()) {
        continue;
      }
      NavigableMap<Long, Op> stored = sends.getOrDefault(partitionKey(r.queue(), r.partition()), new TreeMap<>());
      for (Map.Entry<Long, Op> e : stored.subMap(r.from(), true, r.nextOffset(), false).entrySet()) {
        Op send = e.getValue();
        String msg = sentMsg(history, send);
        if (r.msgs().containsKey(e.getKey()) || send.timeNanos() >= r.invocation().timeNanos()
            || firstAckNanos.getOrDefault(msg, Long.MAX_VALUE) < r.completion().timeNanos()
            || deadLettered.contains(r.partition() + "@" + e.getKey())) {
          continue;
        }
        skipped++;
        result.example("skipped", String.format(
            "%s@%d (%s, sent ok at index %d, never acked) missing from the read from %d to %d at index %d",
            where(r), e.getKey(), msg, send.index(), r.from(), r.nextOffset(), r.completion().index()));
      }
    }
    return skipped;
  }

  /** Per msg, the earliest invocation of an ack of it that may have applied (not fail). */
  private static Map<String, Long> firstPossibleAcks(History history) {
    Map<String, Long> first = new HashMap<>();
    for (Op inv : history.invocations(Fn.ACK)) {
      boolean failed = history.completionOf(inv).map(c -> c.type() == OpType.FAIL).orElse(false);
      String msg = Values.string(inv.value(), "msg");
      if (!failed && msg != null) {
        first.merge(msg, inv.timeNanos(), Math::min);
      }
    }
    return first;
  }

  /** Ok send completions by {@code queue/partition} and offset (the first copy's position for a duplicate). */
  private static Map<String, NavigableMap<Long, Op>> okSendsByPartition(History history) {
    Map<String, NavigableMap<Long, Op>> sends = new HashMap<>();
    for (Op done : history.completions(Fn.SEND, OpType.OK)) {
      Long partition = Values.number(done.value(), "partition");
      Long offset = Values.number(done.value(), "offset");
      if (partition != null && offset != null) {
        String queue = Values.string(history.invocationOf(done).value(), "queue");
        sends.computeIfAbsent(partitionKey(queue, partition), k -> new TreeMap<>()).putIfAbsent(offset, done);
      }
    }
    return sends;
  }

  private static String sentMsg(History history, Op sendCompletion) {
    return Values.string(history.invocationOf(sendCompletion).value(), "msg");
  }

  private static String readerKey(Op invocation) {
    Object v = invocation.value();
    return invocation.process() + "/" + Values.string(v, "queue") + "/" + Values.string(v, "group") + "/"
        + Values.number(v, "partition");
  }

  private static String partitionKey(String queue, long partition) {
    return queue + "/" + partition;
  }

  private static String where(Read r) {
    return partitionKey(r.queue(), r.partition());
  }
}
