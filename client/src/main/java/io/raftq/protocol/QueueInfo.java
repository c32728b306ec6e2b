package io.raftq.protocol;

/** A queue's definition as the metadata group holds it. */
public record QueueInfo(
    String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs) {}
