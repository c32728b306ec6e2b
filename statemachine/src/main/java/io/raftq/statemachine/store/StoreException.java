package io.raftq.statemachine.store;

/** Storage failed. The state machine cannot continue safely on this replica; callers treat it as fatal. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
