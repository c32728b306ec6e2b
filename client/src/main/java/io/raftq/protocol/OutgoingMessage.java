package io.raftq.protocol;

import java.util.List;

/**
 * A message as a producer sends it. {@code id} is the producer message id used for deduplication (the client
 * library generates one when the user gives none); {@code key} may be null.
 */
public record OutgoingMessage(String id, String key, List<Header> headers, byte[] payload) {
  public OutgoingMessage {
    headers = headers == null ? List.of() : List.copyOf(headers);
    payload = payload == null ? new byte[0] : payload;
  }
}
