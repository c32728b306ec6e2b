package io.raftq.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Worker threads of one run; the first exception a worker throws is rethrown by {@link #joinAll}. */
final class Workers {
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<RuntimeException> firstError = new AtomicReference<>();

  void start(String name, Runnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (RuntimeException e) {
                firstError.compareAndSet(null, e);
              }
            },
            name);
    thread.setDaemon(true); // a wedged worker must not keep the process alive after the report
    thread.start();
    threads.add(thread);
  }

  void joinAll() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
    RuntimeException error = firstError.get();
    if (error != null) {
      throw error;
    }
  }
}
