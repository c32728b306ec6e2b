package io.raftq.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.cli.CliRunner;
import io.raftq.cli.ExitCodes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchParsingTest {
  private final CliRunner cli = new CliRunner();

  private void assertUsageError(String messagePart, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: ").contains(messagePart);
  }

  @Test
  void produceDefaults() {
    BenchProduceCli c = cli.parse("bench", "produce", "--queue", "q");
    assertThat(c.run.queue).isEqualTo("q");
    assertThat(c.run.messages).isNull();
    assertThat(c.run.durationOrNull()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.run.messageQuota()).isEqualTo(Long.MAX_VALUE);
    assertThat(c.run.warmup).isEqualTo(Duration.ZERO);
    assertThat(c.run.createPartitions).isNull();
    assertThat(c.run.json).isFalse();
    assertThat(c.producers.producers).isEqualTo(4);
    assertThat(c.producers.inFlight).isEqualTo(1000);
    assertThat(c.producers.sizeBytes).isEqualTo(1024);
    assertThat(c.producers.rate).isZero();
  }

  @Test
  void w1CommandLine() {
    BenchProduceCli c = cli.parse("bench", "produce", "--queue", "w1", "--producers", "4", "--in-flight", "1000",
        "--size", "1024", "--duration", "30s", "--warmup", "5s", "--create-partitions", "4", "--json");
    assertThat(c.run.durationOrNull()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.run.warmup).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.run.createPartitions).isEqualTo(4);
    assertThat(c.run.json).isTrue();
  }

  @Test
  void w2CommandLines() {
    BenchProduceCli preload = cli.parse("bench", "produce", "--queue", "w2", "--messages", "500000");
    assertThat(preload.run.durationOrNull()).isNull();
    assertThat(preload.run.messageQuota()).isEqualTo(500_000);
    BenchConsumeCli c = cli.parse("bench", "consume", "--queue", "w2", "--consumers", "4", "--messages", "500000");
    assertThat(c.consumers.consumers).isEqualTo(4);
    assertThat(c.consumers.maxBatch).isEqualTo(1000);
    assertThat(c.consumers.group).isEqualTo("bench");
    assertThat(c.idleTimeout).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.run.messages).isEqualTo(500_000);
  }

  @Test
  void w3CommandLine() {
    BenchE2eCli c = cli.parse("bench", "e2e", "--queue", "w3", "--producers", "1", "--consumers", "1", "--rate",
        "2000", "--duration", "30s", "--warmup", "5s", "--group", "lat", "--max", "50");
    assertThat(c.producers.producers).isEqualTo(1);
    assertThat(c.consumers.consumers).isEqualTo(1);
    assertThat(c.producers.rate).isEqualTo(2000);
    assertThat(c.consumers.group).isEqualTo("lat");
    assertThat(c.consumers.maxBatch).isEqualTo(50);
  }

  @Test
  void usageErrors() {
    assertUsageError("Missing required option: '--queue=QUEUE'", "bench", "produce");
    assertUsageError("either --messages or --duration", "bench", "produce", "--queue", "q", "--messages", "5",
        "--duration", "5s");
    assertUsageError("--messages must be at least 1", "bench", "produce", "--queue", "q", "--messages", "0");
    assertUsageError("--duration must be greater than 0", "bench", "produce", "--queue", "q", "--duration", "0");
    assertUsageError("'5' is not a duration", "bench", "produce", "--queue", "q", "--warmup", "5");
    assertUsageError("--producers must be at least 1", "bench", "produce", "--queue", "q", "--producers", "0");
    assertUsageError("--in-flight must be at least 1", "bench", "produce", "--queue", "q", "--in-flight", "0");
    assertUsageError("--rate (2) must be 0 or at least --producers (4)", "bench", "produce", "--queue", "q",
        "--rate", "2");
    assertUsageError("--size must be at least 16", "bench", "e2e", "--queue", "q", "--size", "8");
    assertUsageError("--consumers must be at least 1", "bench", "consume", "--queue", "q", "--consumers", "0");
    assertUsageError("--max must be at least 1", "bench", "consume", "--queue", "q", "--max", "0");
    assertUsageError("--create-partitions must be at least 1", "bench", "consume", "--queue", "q",
        "--create-partitions", "0");
    assertUsageError("Unknown options: '--rate'", "bench", "consume", "--queue", "q", "--rate", "5");
  }
}
