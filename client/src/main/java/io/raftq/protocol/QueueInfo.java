package io.raftq.protocol;

/**
 * A queue's definition as the metadata group holds it. {@code modifiedIndex} (the metadata log index of its
 * creation or last alteration) is what an alteration names to be refused if someone else changed the queue since.
 */
public record QueueInfo(
    String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs,
    QueueSettings settings, long modifiedIndex, long modifiedAtMs) {
  public QueueInfo {
    settings = settings == null ? QueueSettings.NONE : settings;
  }

  public QueueInfo(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs,
      QueueSettings settings) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, settings, -1, createdAtMs);
  }

  public QueueInfo(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, QueueSettings.NONE);
  }

  /** This queue with other settings and default visibility timeout: what {@code Admin.alterQueue} takes. */
  public QueueInfo with(long newVisibilityTimeoutMs, QueueSettings newSettings) {
    return new QueueInfo(name, partitions, newVisibilityTimeoutMs, dedupWindowMs, createdAtMs, newSettings,
        modifiedIndex, modifiedAtMs);
  }
}
