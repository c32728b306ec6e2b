package io.raftq.protocol;

import java.util.List;

/**
 * One delivery of a message to a consumer group: the message, where it is stored, the receipt to ack it with and
 * how many times it has been delivered to this group (1 on the first delivery).
 */
public record Delivery(
    String id,
    int partition,
    long offset,
    String key,
    List<Header> headers,
    byte[] payload,
    Receipt receipt,
    int deliveries,
    long enqueuedAtMs) {
  public Delivery {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }
}
