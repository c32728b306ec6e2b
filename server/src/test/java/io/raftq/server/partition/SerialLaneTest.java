package io.raftq.server.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SerialLaneTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void runsTasksOneAtATimeInTheOrderGivenFromManyThreads() throws Exception {
    SerialLane lane = new SerialLane(pool);
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int tasks = 10 * SerialLane.TASKS_PER_TURN;
    CountDownLatch done = new CountDownLatch(tasks);
    for (int i = 0; i < tasks; i++) {
      int n = i;
      lane.execute(() -> {
        if (running.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        ran.add(n);
        running.decrementAndGet();
        done.countDown();
      });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps).hasValue(0);
    assertThat(ran).isSorted().hasSize(tasks);
  }

  @Test
  void aFailingTaskDoesNotStopTheLane() throws Exception {
    SerialLane lane = new SerialLane(pool);
    CountDownLatch after = new CountDownLatch(1);
    lane.execute(() -> {
      throw new IllegalStateException("bug");
    });
    lane.execute(after::countDown);
    assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBusyLaneLeavesThePoolToOthersBetweenTurns() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      SerialLane busy = new SerialLane(one);
      SerialLane other = new SerialLane(one);
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch gate = new CountDownLatch(1);
      one.execute(() -> {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 3 * SerialLane.TASKS_PER_TURN; i++) {
        busy.execute(() -> order.add("busy"));
      }
      other.execute(() -> order.add("other"));
      gate.countDown();
      CountDownLatch drained = new CountDownLatch(1);
      busy.execute(drained::countDown);
      assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(order.indexOf("other")).isEqualTo(SerialLane.TASKS_PER_TURN);
    } finally {
      one.shutdownNow();
    }
  }
}
