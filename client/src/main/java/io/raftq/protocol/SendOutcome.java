package io.raftq.protocol;

/** Where one sent message was stored; {@code duplicate} when its id was already stored within the dedup window. */
public record SendOutcome(String id, long offset, boolean duplicate) {}
