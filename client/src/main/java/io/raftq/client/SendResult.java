package io.raftq.client;

/** Where a sent message was stored. {@code duplicate}: its id was already stored; these are the original's. */
public record SendResult(String id, int partition, long offset, boolean duplicate) {}
