package io.raftq.statemachine.ratis;

/**
 * The logic failed to apply a command (a bug, the same on every replica); nothing of it changed. Not retriable:
 * the same command fails again. The front door answers it with the INTERNAL error code.
 */
public final class ApplyFailedException extends RuntimeException {
  public ApplyFailedException(String reason) {
    super(reason);
  }
}
