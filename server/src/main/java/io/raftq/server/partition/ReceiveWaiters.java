package io.raftq.server.partition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.PartitionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives parked on one partition's leader until a message is visible to their group or their wait ends. Parking
 * costs no Raft write: the leader re-checks its in-memory view when an entry is applied and on a short tick. A
 * parked receive can also ride in the next entry that carries sends ({@link #takeRiders}): applied after those
 * sends, it leases what they just made visible, one Raft round sooner than a wake-up after the apply.
 */
public final class ReceiveWaiters {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveWaiters.class);

  /**
   * A parked receive. {@code owner} identifies its connection (for cancel and disconnect). {@code ride} is its
   * receive command and what to do with that command's result when it rides in an entry.
   */
  public record Waiter(Object owner, int requestId, String group, long deadlineNanos, Runnable onReady,
      Runnable onTimeout, Ride ride) {}

  /** A parked receive's command, and who takes its result when it rides in an entry. */
  public record Ride(PartitionCommand command, Consumer<CompletableFuture<PartitionResult>> onResult) {}

  private final List<Waiter> waiters = new ArrayList<>();

  public synchronized void park(Waiter w) {
    waiters.add(w);
  }

  public synchronized boolean isEmpty() {
    return waiters.isEmpty();
  }

  /**
   * Fires (outside the lock) every waiter whose group has a visible message or whose wait has ended. A check that
   * throws fires the waiter as ready: its attempt then meets the failure and answers with it.
   */
  public void check(Predicate<String> hasVisible, long nowNanos) {
    List<Runnable> toRun = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (visibleOrFailing(hasVisible, w.group())) {
          it.remove();
          toRun.add(w.onReady());
        } else if (nowNanos - w.deadlineNanos() >= 0) {
          it.remove();
          toRun.add(w.onTimeout());
        }
      }
    }
    toRun.forEach(ReceiveWaiters::runAlone);
  }

  /** Runs one waiter's answer; a throwing one must not leave the waiters after it unanswered. */
  private static void runAlone(Runnable answer) {
    try {
      answer.run();
    } catch (RuntimeException e) {
      LOG.error("a parked receive's answer failed", e);
    }
  }

  private static boolean visibleOrFailing(Predicate<String> hasVisible, String group) {
    try {
      return hasVisible.test(group);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** Unparks up to {@code max} waiters that can ride (in parking order): the caller puts them in an entry. */
  public synchronized List<Ride> takeRiders(int max) {
    List<Ride> rides = new ArrayList<>();
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext() && rides.size() < max; ) {
      Waiter w = it.next();
      if (w.ride() != null) {
        it.remove();
        rides.add(w.ride());
      }
    }
    return rides;
  }

  /** Ends one waiter early; returns whether it was still parked. */
  public boolean cancel(Object owner, int requestId) {
    Waiter found = null;
    synchronized (this) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.owner() == owner && w.requestId() == requestId) {
          it.remove();
          found = w;
          break;
        }
      }
    }
    if (found != null) {
      runAlone(found.onTimeout());
    }
    return found != null;
  }

  /** Drops every waiter of a closed connection. */
  public synchronized void dropOwner(Object owner) {
    waiters.removeIf(w -> w.owner() == owner);
  }

  /** Answers every waiter (leadership lost or shutting down): they get an empty result and may retry. */
  public void releaseAll() {
    List<Waiter> all;
    synchronized (this) {
      all = new ArrayList<>(waiters);
      waiters.clear();
    }
    all.forEach(w -> runAlone(w.onTimeout()));
  }
}
