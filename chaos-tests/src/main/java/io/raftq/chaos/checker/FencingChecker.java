package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lease epochs fence stale consumers (CHAOS-PLAN §6.4 S7 and S8). A position is {@code (queue, group, partition,
 * offset)}; a delivery is a message with partition, offset and epoch in an ok {@code receive} or {@code drain}. The
 * history is invalid iff any of these anomalies occurs:
 * <ul>
 *   <li>{@code duplicate-epoch}: two deliveries of one position carry the same epoch;</li>
 *   <li>{@code nonmonotonic-epoch}: deliveries {@code L1}, {@code L2} of one position with {@code cmp(L1) <
 *       inv(L2)} and {@code epoch(L1) > epoch(L2)} (equal epochs are duplicate-epoch; each pair counts once);</li>
 *   <li>{@code stale-ack-accepted}: an ack completed ok with an outcome other than {@code ALREADY_ACKED} (a message
 *       already done makes the ack harmless) whose invocation carries epoch {@code T}, while a delivery of its
 *       position with epoch {@code > T} completed strictly before the ack was invoked;</li>
 *   <li>{@code stale-nack-accepted}: the same rule for an ok nack.</li>
 * </ul>
 * Acks and nacks answered {@code INVALID} are the fence working; they are counted as {@code stale-ack-rejected}
 * and {@code stale-nack-rejected}, not examples (a nack's {@code INVALID} is recorded as info: an earlier attempt
 * of a retried nack may have applied). Acks and nacks whose invocation lacks a
 * partition, offset or epoch, and deliveries lacking one, are not checked. Epoch pairs are compared pairwise per
 * position, which the small number of deliveries of one message keeps cheap.
 */
public final class FencingChecker implements Checker {
  private static final String ALREADY_ACKED = "ALREADY_ACKED";
  private static final String INVALID = "INVALID";

  @Override
  public String name() {
    return "fencing";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, List<DeliveredMessage>> byPosition = new TreeMap<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (d.partition() != null && d.offset() != null && d.epoch() != null) {
        byPosition.computeIfAbsent(position(d.queue(), d.group(), d.partition(), d.offset()), k -> new ArrayList<>())
            .add(d);
      }
    }
    CheckResult.Builder result = new CheckResult.Builder(name());
    long[] epochAnomalies = checkEpochs(byPosition, result);
    long staleAcks = checkReleases(history, Fn.ACK, byPosition, result);
    long staleNacks = checkReleases(history, Fn.NACK, byPosition, result);
    return result
        .count("positions-checked", byPosition.size())
        .count("duplicate-epoch-count", epochAnomalies[0])
        .count("nonmonotonic-epoch-count", epochAnomalies[1])
        .count("stale-ack-accepted-count", staleAcks)
        .count("stale-ack-rejected-count", rejected(history, Fn.ACK))
        .count("stale-nack-accepted-count", staleNacks)
        .count("stale-nack-rejected-count", rejected(history, Fn.NACK))
        .build(epochAnomalies[0] + epochAnomalies[1] + staleAcks + staleNacks == 0);
  }

  /** Returns {duplicate-epoch count, nonmonotonic-epoch count}. Each list is in completion order. */
  private static long[] checkEpochs(Map<String, List<DeliveredMessage>> byPosition, CheckResult.Builder result) {
    long[] counts = new long[2];
    byPosition.forEach((position, deliveries) -> {
      for (int i = 0; i < deliveries.size(); i++) {
        for (int j = i + 1; j < deliveries.size(); j++) {
          DeliveredMessage first = deliveries.get(i);
          DeliveredMessage second = deliveries.get(j);
          if (first.epoch().equals(second.epoch())) {
            counts[0]++;
            result.example("duplicate-epoch", String.format("%s: epoch %d delivered by index %d and index %d",
                position, first.epoch(), first.completion().index(), second.completion().index()));
          } else if (first.completion().timeNanos() < second.invocation().timeNanos()
              && first.epoch() > second.epoch()) {
            counts[1]++;
            result.example("nonmonotonic-epoch", String.format(
                "%s: epoch %d delivered at index %d, then epoch %d by %s invoked at index %d",
                position, first.epoch(), first.completion().index(), second.epoch(), second.completion().f(),
                second.invocation().index()));
          }
        }
      }
    });
    return counts;
  }

  /** Counts ok acks or nacks ({@code f}) accepted with an epoch below one already delivered for their position. */
  private static long checkReleases(
      History history, String f, Map<String, List<DeliveredMessage>> byPosition, CheckResult.Builder result) {
    long stale = 0;
    for (Op completion : history.completions(f, OpType.OK)) {
      Op invocation = history.invocationOf(completion);
      Object v = invocation.value();
      Long partition = Values.number(v, "partition");
      Long offset = Values.number(v, "offset");
      Long epoch = Values.number(v, "epoch");
      if (partition == null || offset == null || epoch == null
          || ALREADY_ACKED.equals(Values.string(completion.value(), "outcome"))) {
        continue;
      }
      String position = position(Values.string(v, "queue"), Values.string(v, "group"), partition, offset);
      DeliveredMessage newer = newestBefore(byPosition.getOrDefault(position, List.of()), invocation.timeNanos());
      if (newer != null && newer.epoch() > epoch) {
        stale++;
        result.example("stale-" + f + "-accepted", String.format(
            "%s: %s with epoch %d invoked at index %d completed ok, after epoch %d was delivered at index %d",
            position, f, epoch, invocation.index(), newer.epoch(), newer.completion().index()));
      }
    }
    return stale;
  }

  /** The delivery with the highest epoch among those completed strictly before {@code timeNanos}, or null. */
  private static DeliveredMessage newestBefore(List<DeliveredMessage> deliveries, long timeNanos) {
    DeliveredMessage newest = null;
    for (DeliveredMessage d : deliveries) {
      if (d.completion().timeNanos() >= timeNanos) {
        break;
      }
      if (newest == null || d.epoch() > newest.epoch()) {
        newest = d;
      }
    }
    return newest;
  }

  private static long rejected(History history, String f) {
    return java.util.stream.Stream.of(OpType.FAIL, OpType.INFO)
        .flatMap(type -> history.completions(f, type).stream())
        .filter(op -> INVALID.equals(op.error()))
        .count();
  }

  private static String position(String queue, String group, long partition, long offset) {
    return queue + "/" + group + "/" + partition + "@" + offset;
  }
}
