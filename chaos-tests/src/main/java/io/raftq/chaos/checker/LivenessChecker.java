package io.raftq.chaos.checker;

import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.FaultWindows.Window;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Liveness after faults (CHAOS-PLAN §6.4 L1, L2 and L5).
 *
 * <p>Recovery (L1). {@code T_heal} is the latest nemesis {@code heal} completion or end of a
 * {@link FaultWindows fault window} (a fault never healed ends at the last op, so nothing can recover after it), or
 * the first op's time when there is neither. The partitions are the {@code (queue, partition)} of ok send
 * completions, queue from the invocation. A partition recovers at the later of its first ok send completing after
 * {@code T_heal} and the first ok receive or drain completing after {@code T_heal} with a message of that partition;
 * its recovery time is measured from {@code T_heal}. {@code not-recovered}: a partition lacking either op, or whose
 * recovery time exceeds the limit. {@code max-recovery-ms} is the largest recovery time, rounded down.
 *
 * <p>Drain (L2). {@code no-drain}: no drain completed ok; {@code drain-failed}: a drain completed fail or info.
 *
 * <p>The history is invalid iff some partition is not-recovered, or no-drain or drain-failed occurred.
 *
 * <p>Availability (L5, reported only). Each completed client op other than status and drain counts as in a fault
 * when its invocation time lies in some fault window, else outside. {@code ok-permille-in-faults} and
 * {@code ok-permille-outside-faults} are {@code 1000 × ok / completed}, rounded down, 0 when nothing completed.
 */
public final class LivenessChecker implements Checker {
  public static final Duration DEFAULT_RECOVERY_LIMIT = Duration.ofSeconds(30);

  private final Duration recoveryLimit;

  /** Allows {@link #DEFAULT_RECOVERY_LIMIT} for recovery after the final heal. */
  public LivenessChecker() {
    this(DEFAULT_RECOVERY_LIMIT);
  }

  /** @param recoveryLimit the longest recovery after the final heal that still passes, not negative */
  public LivenessChecker(Duration recoveryLimit) {
    if (recoveryLimit.isNegative()) {
      throw new IllegalArgumentException("recoveryLimit must not be negative: " + recoveryLimit);
    }
    this.recoveryLimit = recoveryLimit;
  }

  @Override
  public String name() {
    return "liveness";
  }

  @Override
  public CheckResult check(History history) {
    List<Window> windows = FaultWindows.of(history);
    CheckResult.Builder result = new CheckResult.Builder(name());
    long notRecovered = checkRecovery(history, healedAtNanos(history, windows), result);
    long noDrain = history.completions(Fn.DRAIN, OpType.OK).isEmpty() ? 1 : 0;
    if (noDrain > 0) {
      result.example("no-drain", "no drain completed ok");
    }
    long drainFailed = 0;
    for (Op op : history.ops()) {
      if (Fn.DRAIN.equals(op.f()) && (op.type() == OpType.FAIL || op.type() == OpType.INFO)) {
        drainFailed++;
        result.example("drain-failed", String.format(
            "drain at index %d completed %s: %s", op.index(), op.type().jsonName(), op.error()));
      }
    }
    reportAvailability(history, windows, result);
    return result
        .count("not-recovered-count", notRecovered)
        .count("no-drain-count", noDrain)
        .count("drain-failed-count", drainFailed)
        .build(notRecovered + noDrain + drainFailed == 0);
  }

  private static long healedAtNanos(History history, List<Window> windows) {
    long healed = history.ops().isEmpty() ? 0 : history.ops().get(0).timeNanos();
    for (Op op : history.ops()) {
      if (op.isNemesis() && Fn.HEAL.equals(op.f()) && history.isCompletion(op)) {
        healed = Math.max(healed, op.timeNanos());
      }
    }
    for (Window w : windows) {
      healed = Math.max(healed, w.endNanos());
    }
    return healed;
  }

  /** Reports recovery per partition and returns the number of partitions not recovered. */
  private long checkRecovery(History history, long healedNanos, CheckResult.Builder result) {
    Set<String> partitions = new TreeSet<>();
    Map<String, Long> firstSendNanos = new HashMap<>();
    for (Op completion : history.completions(Fn.SEND, OpType.OK)) {
      Long partition = Values.number(completion.value(), "partition");
      if (partition != null) {
        String key = Values.string(history.invocationOf(completion).value(), "queue") + "/" + partition;
        partitions.add(key);
        if (completion.timeNanos() > healedNanos) {
          firstSendNanos.putIfAbsent(key, completion.timeNanos());
        }
      }
    }
    Map<String, Long> firstDeliveryNanos = new HashMap<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (d.partition() != null && d.completion().timeNanos() > healedNanos) {
        firstDeliveryNanos.putIfAbsent(d.queue() + "/" + d.partition(), d.completion().timeNanos());
      }
    }
    long notRecovered = 0;
    long maxRecoveryNanos = 0;
    for (String partition : partitions) {
      Long send = firstSendNanos.get(partition);
      Long delivery = firstDeliveryNanos.get(partition);
      if (send == null || delivery == null) {
        notRecovered++;
        result.example("not-recovered", String.format("%s: no ok %s completed after the heal at %s", partition,
            send == null ? "send" : "receive or drain", millis(healedNanos)));
        continue;
      }
      long recoveryNanos = Math.max(send, delivery) - healedNanos;
      maxRecoveryNanos = Math.max(maxRecoveryNanos, recoveryNanos);
      if (recoveryNanos > recoveryLimit.toNanos()) {
        notRecovered++;
        result.example("not-recovered", String.format("%s: recovered %s after the heal, limit %s", partition,
            millis(recoveryNanos), millis(recoveryLimit.toNanos())));
      }
    }
    result.count("partitions-checked", partitions.size()).count("max-recovery-ms", maxRecoveryNanos / 1_000_000);
    return notRecovered;
  }

  private static void reportAvailability(History history, List<Window> windows, CheckResult.Builder result) {
    long[] inFaults = new long[2]; // completed, ok
    long[] outsideFaults = new long[2];
    for (Op op : history.ops()) {
      if (op.isNemesis() || !history.isCompletion(op) || Fn.STATUS.equals(op.f()) || Fn.DRAIN.equals(op.f())) {
        continue;
      }
      long invokedNanos = history.invocationOf(op).timeNanos();
      long[] tally = windows.stream().anyMatch(w -> w.contains(invokedNanos)) ? inFaults : outsideFaults;
      tally[0]++;
      tally[1] += op.type() == OpType.OK ? 1 : 0;
    }
    result
        .count("ops-in-faults", inFaults[0])
        .count("ok-permille-in-faults", permille(inFaults))
        .count("ops-outside-faults", outsideFaults[0])
        .count("ok-permille-outside-faults", permille(outsideFaults));
  }

  private static long permille(long[] completedAndOk) {
    return completedAndOk[0] == 0 ? 0 : completedAndOk[1] * 1000 / completedAndOk[0];
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
