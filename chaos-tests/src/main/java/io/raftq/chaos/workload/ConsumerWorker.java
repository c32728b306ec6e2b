package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.protocol.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/** Receives and settles: acks most deliveries, nacks a share and abandons a share to the visibility timeout. */
final class ConsumerWorker implements Runnable {
  private static final Duration WAIT = Duration.ofSeconds(1);
  private static final int MAX = 5;

  private final ConsumerCalls calls;
  private final WorkloadSettings settings;
  private final SplittableRandom random;
  private final BooleanSupplier running;

  ConsumerWorker(ConsumerCalls calls, WorkloadSettings settings, SplittableRandom random, BooleanSupplier running) {
    this.calls = calls;
    this.settings = settings;
    this.random = random;
    this.running = running;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      List<Delivery> got = calls.receive(Fn.RECEIVE, MAX, settings.visibility(), WAIT);
      if (got == null) {
        pause();
        continue;
      }
      for (Delivery d : got) {
        if (settings.isPoison(ConsumerCalls.msgOf(d))) {
          calls.settle(Fn.NACK, d);
          continue;
        }
        double r = random.nextDouble();
        if (r < settings.abandonShare()) {
          continue;
        }
        calls.settle(r < settings.abandonShare() + settings.nackShare() ? Fn.NACK : Fn.ACK, d);
      }
    }
  }

  /** After a failed receive, back off briefly instead of spinning against an unavailable cluster. */
  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
