package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-partition FIFO order (CHAOS-PLAN §6.4 S11) and consistent offsets (S5, Kafka's {@code :inconsistent-offsets}).
 * Only meaningful when the queue claims FIFO per partition. The history is invalid iff any of these occurs:
 * <ul>
 *   <li>{@code int-nonmonotonic}: within one ok receive or drain, the first deliveries ({@code deliveries == 1};
 *       messages without the field are skipped) of one {@code (queue, group, partition)} do not have strictly
 *       increasing offsets in list order; each message whose offset is not above every earlier one counts;</li>
 *   <li>{@code nonmonotonic-first-delivery}: ops {@code R1}, {@code R2} with {@code cmp(R1) < inv(R2)} where some
 *       offset first-delivered by {@code R2} is not greater than every offset first-delivered by {@code R1}, for
 *       one {@code (queue, group, partition)}; each such {@code R2} counts once per partition;</li>
 *   <li>{@code nonmonotonic-send}: an ok send whose offset is not greater than that of every earlier ok send by the
 *       same process into the same {@code (queue, partition)} (a process is sequential, so an earlier completion
 *       means {@code cmp(S1) < inv(S2)}); a send answered {@code "duplicate": true} stored nothing new (it reports
 *       the first copy's position) and is skipped;</li>
 *   <li>{@code inconsistent-offset}: one {@code (queue, partition, offset)} observed with two different
 *       {@code msg} values across ok sends and deliveries.</li>
 * </ul>
 * The first-delivery rule is checked in O(n log n) per partition by sweeping ops in invocation order while keeping
 * the highest offset of the ops completed before each invocation.
 */
public final class PartitionOrderChecker implements Checker {
  private final boolean firstDeliveryOrder;

  /** Every rule: for queues that deliver each partition in offset order. */
  public PartitionOrderChecker() {
    this(true);
  }

  /**
   * @param firstDeliveryOrder false for a FIFO queue, which first-delivers a held message of one key after later
   *     offsets of other keys (across receives, and within one when settling a key's head releases the next): the
   *     {@code int-nonmonotonic} and {@code nonmonotonic-first-delivery} rules are skipped ({@link
   *     FifoOrderChecker} checks the order per key instead); the send and offset rules still hold.
   */
  public PartitionOrderChecker(boolean firstDeliveryOrder) {
    this.firstDeliveryOrder = firstDeliveryOrder;
  }

  @Override
  public String name() {
    return "partition-order";
  }

  @Override
  public CheckResult check(History history) {
    CheckResult.Builder result = new CheckResult.Builder(name());
    // A FIFO queue promises order per key only: the first-delivery rules do not apply (examples not recorded).
    Map<String, List<FirstDeliveries>> byPartition =
        firstDeliveryOrder ? firstDeliveries(history, result) : new TreeMap<>();
    long nonmonotonicFirst = 0;
    for (Map.Entry<String, List<FirstDeliveries>> e : byPartition.entrySet()) {
      nonmonotonicFirst += firstDeliveryOrder ? checkAcrossOps(e.getKey(), e.getValue(), result) : 0;
    }
    long intNonmonotonic = byPartition.values().stream().flatMap(List::stream).mapToLong(b -> b.outOfOrder).sum();
    long nonmonotonicSends = checkSends(history, result);
    long inconsistent = checkOffsets(history, result);
    return result
        .count("first-delivery-ops", byPartition.values().stream().mapToLong(List::size).sum())
        .count("int-nonmonotonic-count", intNonmonotonic)
        .count("nonmonotonic-first-delivery-count", nonmonotonicFirst)
        .count("nonmonotonic-send-count", nonmonotonicSends)
        .count("inconsistent-offset-count", inconsistent)
        .build(intNonmonotonic + nonmonotonicFirst + nonmonotonicSends + inconsistent == 0);
  }

  /** The offsets one ok receive or drain first-delivered from one partition. */
  private static final class FirstDeliveries {
    private final Op invocation;
    private final Op completion;
    private long minOffset = Long.MAX_VALUE;
    private long maxOffset = Long.MIN_VALUE;
    private long outOfOrder;

    private FirstDeliveries(DeliveredMessage d) {
      this.invocation = d.invocation();
      this.completion = d.completion();
    }
  }

  /** First deliveries per {@code queue/group/partition}, one entry per op in completion order. */
  private static Map<String, List<FirstDeliveries>> firstDeliveries(History history, CheckResult.Builder result) {
    Map<String, List<FirstDeliveries>> byPartition = new TreeMap<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (d.deliveries() == null || d.deliveries() != 1 || d.partition() == null || d.offset() == null) {
        continue;
      }
      String partition = d.queue() + "/" + d.group() + "/" + d.partition();
      List<FirstDeliveries> ops = byPartition.computeIfAbsent(partition, k -> new ArrayList<>());
      if (ops.isEmpty() || ops.get(ops.size() - 1).completion.index() != d.completion().index()) {
        ops.add(new FirstDeliveries(d));
      }
      FirstDeliveries op = ops.get(ops.size() - 1);
      if (d.offset() <= op.maxOffset) {
        op.outOfOrder++;
        result.example("int-nonmonotonic", String.format("%s: %s at index %d first-delivered offset %d after %d",
            partition, op.completion.f(), op.completion.index(), d.offset(), op.maxOffset));
      }
      op.minOffset = Math.min(op.minOffset, d.offset());
      op.maxOffset = Math.max(op.maxOffset, d.offset());
    }
    return byPartition;
  }

  /** Counts ops first-delivering an offset not above every offset first-delivered by an op completed earlier. */
  private static long checkAcrossOps(String partition, List<FirstDeliveries> byCompletion, CheckResult.Builder result) {
    List<FirstDeliveries> byInvocation = new ArrayList<>(byCompletion);
    byInvocation.sort(Comparator.comparingLong(b -> b.invocation.index()));
    long violations = 0;
    int completed = 0;
    FirstDeliveries highest = null;
    for (FirstDeliveries later : byInvocation) {
      while (completed < byCompletion.size()
          && byCompletion.get(completed).completion.timeNanos() < later.invocation.timeNanos()) {
        FirstDeliveries earlier = byCompletion.get(completed++);
        if (highest == null || earlier.maxOffset > highest.maxOffset) {
          highest = earlier;
        }
      }
      if (highest != null && later.minOffset <= highest.maxOffset) {
        violations++;
        result.example("nonmonotonic-first-delivery", String.format(
            "%s: %s invoked at index %d first-delivered offset %d, but %s completed at index %d had offset %d",
            partition, later.completion.f(), later.invocation.index(), later.minOffset, highest.completion.f(),
            highest.completion.index(), highest.maxOffset));
      }
    }
    return violations;
  }

  /** Counts ok sends whose offset is not above every earlier offset of their process in their partition. */
  private static long checkSends(History history, CheckResult.Builder result) {
    Map<String, Long> maxOffset = new HashMap<>();
    long violations = 0;
    for (Op completion : history.completions(Fn.SEND, OpType.OK)) {
      Long partition = Values.number(completion.value(), "partition");
      Long offset = Values.number(completion.value(), "offset");
      if (partition == null || offset == null || isDuplicate(completion)) {
        continue;
      }
      String queue = Values.string(history.invocationOf(completion).value(), "queue");
      String key = "process " + completion.process() + " into " + queue + "/" + partition;
      Long earlier = maxOffset.get(key);
      if (earlier != null && offset <= earlier) {
        violations++;
        result.example("nonmonotonic-send", String.format(
            "%s: send completed at index %d got offset %d after an earlier send got offset %d",
            key, completion.index(), offset, earlier));
      }
      maxOffset.merge(key, offset, Math::max);
    }
    return violations;
  }

  private static boolean isDuplicate(Op sendCompletion) {
    return sendCompletion.value() instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("duplicate"));
  }

  /** Counts positions {@code queue/partition@offset} observed holding two or more distinct messages. */
  private static long checkOffsets(History history, CheckResult.Builder result) {
    Map<String, Set<String>> msgsByPosition = new TreeMap<>();
    for (Op completion : history.completions(Fn.SEND, OpType.OK)) {
      Object sent = history.invocationOf(completion).value();
      observe(msgsByPosition, Values.string(sent, "queue"), Values.number(completion.value(), "partition"),
          Values.number(completion.value(), "offset"), Values.string(sent, "msg"));
    }
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      observe(msgsByPosition, d.queue(), d.partition(), d.offset(), d.msg());
    }
    long inconsistent = 0;
    for (Map.Entry<String, Set<String>> e : msgsByPosition.entrySet()) {
      if (e.getValue().size() > 1) {
        inconsistent++;
        result.example("inconsistent-offset", e.getKey() + " holds " + e.getValue());
      }
    }
    return inconsistent;
  }

  private static void observe(
      Map<String, Set<String>> msgsByPosition, String queue, Long partition, Long offset, String msg) {
    if (partition != null && offset != null && msg != null) {
      msgsByPosition.computeIfAbsent(queue + "/" + partition + "@" + offset, k -> new TreeSet<>()).add(msg);
    }
  }
}
