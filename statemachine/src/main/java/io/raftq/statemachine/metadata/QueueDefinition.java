package io.raftq.statemachine.metadata;

/**
 * A queue as the metadata group holds it. {@code createIndex} (the log index that created it) tells incarnations
 * apart: a queue deleted and created again under the same name gets new partition groups.
 */
public record QueueDefinition(
    String name,
    int partitions,
    long visibilityTimeoutMs,
    long dedupWindowMs,
    long createdAtMs,
    long createIndex) {}
