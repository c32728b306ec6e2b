package io.raftq.protocol;

/** A queue's definition as the metadata group holds it. */
public record QueueInfo(
    String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs,
    QueueSettings settings) {
  public QueueInfo {
    settings = settings == null ? QueueSettings.NONE : settings;
  }

  public QueueInfo(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, QueueSettings.NONE);
  }
}
