package io.raftq.client;

/** A message id a consumer group acked: when (the partition's log time) and the result stored with the ack. */
public record Processed(long ackedAtMs, byte[] result) {}
