package io.raftq.statemachine.ratis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the whole node when a replica cannot go on safely, instead of letting Ratis close that one group quietly.
 * It halts rather than exits: shutdown hooks would close Ratis, which waits for the very apply thread halting.
 * Everything acknowledged is in the Raft logs of a majority, so a restarted node replays what it lost.
 */
public final class FailStop {
  /** Storage failed under a replica: a RocksDB read or write, or a file operation on its state (sysexits EX_IOERR). */
  public static final int STORAGE_FAILURE_EXIT_CODE = 74;
  /**
   * A replica's state can no longer be trusted for another reason: an {@link Error} while applying, or in-memory
   * state that cannot be rebuilt from the store after a failed command (sysexits EX_SOFTWARE).
   */
  public static final int INTERNAL_FAILURE_EXIT_CODE = 70;

  private static final Logger LOG = LoggerFactory.getLogger(FailStop.class);

  /** How the JVM is stopped; tests install one that throws instead ({@link #setHaltForTests}). */
  interface Halt {
    void halt(int exitCode);
  }

  private static final Halt JVM = code -> Runtime.getRuntime().halt(code);
  private static volatile Halt halt = JVM;

  private FailStop() {}

  /**
   * Logs {@code what} and its cause, then halts the JVM with {@code exitCode}. Returns only under a test's halt;
   * the returned exception is for {@code throw FailStop.now(...)} so the compiler knows the path ends.
   */
  public static RuntimeException now(int exitCode, String what, Throwable cause) {
    LOG.error("FAIL-STOP: {}; halting the node with exit code {}", what, exitCode, cause);
    System.err.println("raftq: fail-stop (exit code " + exitCode + "): " + what + ": " + cause);
    System.err.flush();
    halt.halt(exitCode);
    return new IllegalStateException("fail-stop did not halt: " + what, cause);
  }

  /** Replaces the halt (null: the real one). Tests only. */
  static void setHaltForTests(Halt replacement) {
    halt = replacement == null ? JVM : replacement;
  }
}
