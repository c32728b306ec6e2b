package io.raftq.chaos.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered, validated history: each invocation is followed by at most one completion from the same process with
 * the same {@code f}, and a process has at most one outstanding op. An invocation without a completion is allowed
 * (the run ended first) and reads as indeterminate.
 *
 * <p>Rejected with {@link IllegalArgumentException}: indices that are not 0, 1, 2, ...; time going backwards; a
 * completion without an outstanding invocation or with another {@code f}; a second invocation while one is
 * outstanding; and any op on a worker process after its {@code info} completion (the worker must continue under a
 * new process id). Nemesis ops are {@code info} for both invocation and completion and alternate.
 */
public final class History {
  private final List<Op> ops;
  private final Map<Long, Op> completionByInvocation;
  private final Map<Long, Op> invocationByCompletion;

  private History(List<Op> ops, Map<Long, Op> completionByInvocation, Map<Long, Op> invocationByCompletion) {
    this.ops = ops;
    this.completionByInvocation = completionByInvocation;
    this.invocationByCompletion = invocationByCompletion;
  }

  /** Validates and pairs {@code ops}. */
  public static History of(List<Op> ops) {
    List<Op> copy = List.copyOf(ops);
    Map<String, Op> outstanding = new HashMap<>();
    Set<String> retired = new HashSet<>();
    Map<Long, Op> completions = new HashMap<>();
    Map<Long, Op> invocations = new HashMap<>();
    long lastTime = 0;
    for (int i = 0; i < copy.size(); i++) {
      Op op = copy.get(i);
      if (op.index() != i) {
        throw new IllegalArgumentException("op at position " + i + " has index " + op.index());
      }
      if (op.timeNanos() < lastTime) {
        throw new IllegalArgumentException("time goes backwards at index " + i);
      }
      lastTime = op.timeNanos();
      if (retired.contains(op.process())) {
        throw new IllegalArgumentException(
            "process " + op.process() + " reused after an info completion at index " + i);
      }
      Op invocation = outstanding.remove(op.process());
      if (invocation == null) {
        requireInvocation(op);
        outstanding.put(op.process(), op);
      } else {
        requireCompletionOf(invocation, op);
        completions.put(invocation.index(), op);
        invocations.put(op.index(), invocation);
        if (op.type() == OpType.INFO && !op.isNemesis()) {
          retired.add(op.process());
        }
      }
    }
    return new History(copy, Map.copyOf(completions), Map.copyOf(invocations));
  }

  private static void requireInvocation(Op op) {
    OpType expected = op.isNemesis() ? OpType.INFO : OpType.INVOKE;
    if (op.type() != expected) {
      throw new IllegalArgumentException(
          "index " + op.index() + ": " + op.type().jsonName() + " of " + op.f() + " without an invocation by "
              + op.process());
    }
  }

  private static void requireCompletionOf(Op invocation, Op op) {
    if (op.type() == OpType.INVOKE || (op.isNemesis() && op.type() != OpType.INFO)) {
      throw new IllegalArgumentException(
          "index " + op.index() + ": process " + op.process() + " invoked while index " + invocation.index()
              + " is outstanding");
    }
    if (!invocation.f().equals(op.f())) {
      throw new IllegalArgumentException(
          "index " + op.index() + ": completion f=" + op.f() + " for invocation f=" + invocation.f());
    }
  }

  /** All ops in history order. */
  public List<Op> ops() {
    return ops;
  }

  public int size() {
    return ops.size();
  }

  /** The completion of {@code invocation}, empty if the history ended first. */
  public Optional<Op> completionOf(Op invocation) {
    return Optional.ofNullable(completionByInvocation.get(invocation.index()));
  }

  /** The invocation that {@code completion} completes. */
  public Op invocationOf(Op completion) {
    Op invocation = invocationByCompletion.get(completion.index());
    if (invocation == null) {
      throw new IllegalArgumentException("index " + completion.index() + " is not a completion");
    }
    return invocation;
  }

  /** Whether {@code op} is a completion (of a client or nemesis op). */
  public boolean isCompletion(Op op) {
    return invocationByCompletion.containsKey(op.index());
  }

  /** The completions of client ops named {@code f} with type {@code type}, in history order. */
  public List<Op> completions(String f, OpType type) {
    List<Op> found = new ArrayList<>();
    for (Op op : ops) {
      if (op.type() == type && op.f().equals(f) && isCompletion(op)) {
        found.add(op);
      }
    }
    return Collections.unmodifiableList(found);
  }

  /** The invocations of client ops named {@code f}, in history order. */
  public List<Op> invocations(String f) {
    List<Op> found = new ArrayList<>();
    for (Op op : ops) {
      if (op.type() == OpType.INVOKE && op.f().equals(f)) {
        found.add(op);
      }
    }
    return Collections.unmodifiableList(found);
  }
}
