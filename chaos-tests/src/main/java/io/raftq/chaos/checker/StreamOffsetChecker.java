package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stream group offsets never go backwards: for ok commits {@code C1}, {@code C2} of one {@code (queue, group,
 * partition)} with {@code cmp(C1) < inv(C2)}, the committed offset {@code C2} answers is at least the one
 * {@code C1} answered. Anomaly {@code backwards}.
 */
public final class StreamOffsetChecker implements Checker {
  @Override
  public String name() {
    return "stream-offsets";
  }

  private record Commit(long committed, Op invocation, Op completion) {}

  @Override
  public CheckResult check(History history) {
    Map<String, List<Commit>> byPartition = new TreeMap<>();
    for (Op op : history.ops()) {
      if (op.type() != OpType.OK || !Fn.COMMIT.equals(op.f()) || !history.isCompletion(op)) {
        continue;
      }
      Op inv = history.invocationOf(op);
      String k = Values.string(inv.value(), "queue") + "/" + Values.string(inv.value(), "group") + "/"
          + Values.number(inv.value(), "partition");
      byPartition.computeIfAbsent(k, x -> new ArrayList<>())
          .add(new Commit(Values.number(op.value(), "committed"), inv, op));
    }
    CheckResult.Builder result = new CheckResult.Builder(name());
    long backwards = 0;
    long commits = 0;
    for (Map.Entry<String, List<Commit>> e : byPartition.entrySet()) {
      List<Commit> byCompletion = new ArrayList<>(e.getValue());
      byCompletion.sort(Comparator.comparingLong(c -> c.completion().timeNanos()));
      List<Commit> byInvocation = new ArrayList<>(e.getValue());
      byInvocation.sort(Comparator.comparingLong(c -> c.invocation().timeNanos()));
      commits += byInvocation.size();
      int done = 0;
      long highest = Long.MIN_VALUE;
      Commit highestCommit = null;
      for (Commit later : byInvocation) {
        while (done < byCompletion.size()
            && byCompletion.get(done).completion().timeNanos() < later.invocation().timeNanos()) {
          Commit c = byCompletion.get(done++);
          if (c.committed() > highest) {
            highest = c.committed();
            highestCommit = c;
          }
        }
        if (highestCommit != null && later.committed() < highest) {
          backwards++;
          result.example("backwards", String.format("%s: commit at index %d answered %d after one at index %d"
              + " answered %d", e.getKey(), later.completion().index(), later.committed(),
              highestCommit.completion().index(), highest));
        }
      }
    }
    return result.count("commits", commits).count("backwards-count", backwards).build(backwards == 0);
  }
}
