package io.raftq.client;

/** One entry of a batch send: the stored message's result, or the error that entry alone failed with. */
public record BatchEntryResult(SendResult result, RaftqException error) {
  public boolean ok() {
    return error == null;
  }
}
