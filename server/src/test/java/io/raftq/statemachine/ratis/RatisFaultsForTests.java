package io.raftq.statemachine.ratis;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** Lets server tests reach the adapter's package-private fault hooks ({@link LiveDatabase}, {@link FailStop}). */
public final class RatisFaultsForTests {
  private RatisFaultsForTests() {}

  /** Thrown instead of halting the JVM. */
  public static final class Halted extends Error {
    public final int exitCode;

    Halted(int exitCode) {
      super("fail-stop with exit code " + exitCode + " (halt replaced by a test)");
      this.exitCode = exitCode;
    }
  }

  /**
   * The next snapshot restore in this JVM throws after {@code step} (a crash there), and the fail-stop it leads
   * to throws {@link Halted} instead of halting; {@code halted} counts down then. {@link #clear} undoes both.
   */
  public static void crashNextRestoreAfter(String step, CountDownLatch halted) {
    LiveDatabase.Step target = LiveDatabase.Step.valueOf(step);
    LiveDatabase.setHookForTests(s -> {
      if (s == target) {
        LiveDatabase.setHookForTests(null);
        throw new IOException("test crash after " + s);
      }
    });
    FailStop.setHaltForTests(code -> {
      halted.countDown();
      throw new Halted(code);
    });
  }

  public static void clear() {
    LiveDatabase.setHookForTests(null);
    FailStop.setHaltForTests(null);
  }
}
