package io.raftq.client;

import java.time.Duration;
import java.util.List;

/**
 * Client settings. {@code bootstrap}: host:port client addresses of any cluster members. {@code requestTimeout}:
 * how long one attempt waits for its answer. {@code deliveryTimeout}: the whole budget of a call, retries
 * included, after which it fails with the last error. {@code maxInFlightPerPartition}: pipelined send frames per
 * partition; {@code maxBatchBytes}: size cap of one send frame.
 */
public record ClientConfig(
    List<String> bootstrap,
    Duration requestTimeout,
    Duration deliveryTimeout,
    int maxInFlightPerPartition,
    int maxBatchBytes) {

  public static final List<String> LOCAL_BOOTSTRAP =
      List.of("127.0.0.1:9091", "127.0.0.1:9092", "127.0.0.1:9093");

  public ClientConfig {
    if (bootstrap == null || bootstrap.isEmpty()) {
      throw new IllegalArgumentException("bootstrap must name at least one host:port");
    }
    bootstrap = List.copyOf(bootstrap);
  }

  public static ClientConfig of(List<String> bootstrap) {
    return new ClientConfig(bootstrap, Duration.ofSeconds(10), Duration.ofSeconds(30), 4, 1 << 20);
  }

  public ClientConfig withDeliveryTimeout(Duration timeout) {
    return new ClientConfig(bootstrap, requestTimeout, timeout, maxInFlightPerPartition, maxBatchBytes);
  }

  public ClientConfig withMaxInFlightPerPartition(int n) {
    return new ClientConfig(bootstrap, requestTimeout, deliveryTimeout, n, maxBatchBytes);
  }
}
