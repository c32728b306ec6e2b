package io.raftq.cli;

/** Process exit codes of every raftq command. Scripts depend on them: never renumber. */
public final class ExitCodes {
  public static final int OK = 0;
  /** A server or client error (a {@link io.raftq.client.RaftqException} or an I/O failure). */
  public static final int FAILED = 1;
  /** Bad command line (picocli's usage-error code). */
  public static final int USAGE = 2;
  /** The command ran but some items failed: an INVALID receipt, a failed send among many. */
  public static final int PARTIAL = 3;

  private ExitCodes() {}
}
