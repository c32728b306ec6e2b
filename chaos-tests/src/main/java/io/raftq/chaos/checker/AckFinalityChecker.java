package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.HashMap;
import java.util.Map;

/**
 * Ack finality (CHAOS-PLAN §6.4 S6): no message is delivered to a group after an ack of it completed ok in that
 * group. Exactly: let {@code cmp(ack)} be the time of the earliest ok completion of an {@code ack} of message
 * {@code m} in group {@code g}; the history is invalid iff some ok {@code receive} or {@code drain} in group
 * {@code g} containing {@code m} has an invocation time strictly greater than {@code cmp(ack)}. A receive invoked
 * before the ack completed may legally return {@code m} (the two overlap); acks that are fail, info or unfinished
 * set no bound.
 */
public final class AckFinalityChecker implements Checker {
  @Override
  public String name() {
    return "ack-finality";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, Op> firstOkAck = new HashMap<>();
    for (Op completion : history.completions(Fn.ACK, OpType.OK)) {
      Op invocation = history.invocationOf(completion);
      String key = key(Values.string(invocation.value(), "group"), Values.string(invocation.value(), "msg"));
      firstOkAck.putIfAbsent(key, completion);
    }
    CheckResult.Builder result = new CheckResult.Builder(name());
    long checked = 0;
    long violations = 0;
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      checked++;
      Op ack = firstOkAck.get(key(d.group(), d.msg()));
      if (ack != null && d.invocation().timeNanos() > ack.timeNanos()) {
        violations++;
        result.example("delivered-after-ack", String.format(
            "%s in group %s: ack ok at index %d (t=%d), delivered by %s invoked at index %d (t=%d)",
            d.msg(), d.group(), ack.index(), ack.timeNanos(), d.completion().f(), d.invocation().index(),
            d.invocation().timeNanos()));
      }
    }
    return result
        .count("acked-count", firstOkAck.size())
        .count("deliveries-checked", checked)
        .count("delivered-after-ack-count", violations)
        .build(violations == 0);
  }

  private static String key(String group, String msg) {
    return group + "\u0000" + msg;
  }
}
