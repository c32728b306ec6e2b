package io.raftq.statemachine.store;

/**
 * A read found the replica's store closed: a snapshot install is replacing it, or the group was closed (quiescent
 * or removed). Nothing is wrong with the data; the read may be retried once the store is open again.
 */
public final class StoreClosedException extends RuntimeException {
  public StoreClosedException(String message) {
    super(message);
  }
}
