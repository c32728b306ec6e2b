package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
  /** Ratis makes the JVM's default handler terminate the process; a background task's bug must not reach it. */
  @Test
  void anExceptionEscapingABackgroundTaskNeverReachesTheDefaultHandler() throws Exception {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    AtomicReference<Throwable> reachedDefault = new AtomicReference<>();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> reachedDefault.set(e));
    ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("test-task"));
    try {
      pool.execute(() -> {
        throw new IllegalStateException("a bug in a background task");
      });
      // The pool replaces the dead thread and goes on.
      assertThat(pool.submit(() -> "still running").get(10, TimeUnit.SECONDS)).isEqualTo("still running");
      assertThat(reachedDefault.get()).isNull();
    } finally {
      pool.shutdownNow();
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }
}
