package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueCommandsTest {
  private final CliRunner cli = new CliRunner();

  @Test
  void createThenListAsTableAndJson() {
    CliRunner.Result created =
        cli.run("queue", "create", "orders", "--partitions", "3", "--visibility-timeout", "1m", "--dedup-window", "2h");
    assertThat(created.exitCode()).isZero();
    assertThat(created.out()).isEqualTo("created queue 'orders' with 3 partitions\n");
    assertThat(cli.cluster.lastCreateOptions.visibilityTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(cli.cluster.lastCreateOptions.dedupWindow()).isEqualTo(Duration.ofHours(2));

    CliRunner.Result table = cli.run("queue", "list");
    assertThat(table.outLines()).hasSize(2);
    assertThat(table.outLines().get(0)).startsWith("NAME    PARTITIONS  VISIBILITY-TIMEOUT  DEDUP-WINDOW  CREATED");
    assertThat(table.outLines().get(1)).startsWith("orders  3           1m                  2h            2025-");

    CliRunner.Result json = cli.run("queue", "list", "--json");
    assertThat(json.out())
        .isEqualTo("{\"queues\":[{\"name\":\"orders\",\"partitions\":3,\"visibilityTimeoutMs\":60000,"
            + "\"dedupWindowMs\":7200000,\"createdAtMs\":1764028800000,\"defaultDelayMs\":0,\"maxReceives\":0,"
            + "\"deadLetterQueue\":null,\"fifo\":false,\"replicationFactor\":3,\"topic\":false,\"retentionMs\":0,\"retentionBytes\":0,\"consumerDedupWindowMs\":-1,\"retryBackoffMs\":0,"
            + "\"retryBackoffMaxMs\":0,\"modifiedAtMs\":1764028800000,\"attributes\":{}}]}\n");
  }

  @Test
  void replicasAreOneThreeOrFive() {
    assertThat(cli.run("queue", "create", "five", "--partitions", "1", "--replicas", "5").exitCode()).isZero();
    assertThat(cli.cluster.lastCreateOptions.replicationFactor()).isEqualTo(5);
    assertThat(cli.run("queue", "create", "three", "--partitions", "1").exitCode()).isZero();
    assertThat(cli.cluster.lastCreateOptions.replicationFactor()).isZero(); // the default
    CliRunner.Result two = cli.run("queue", "create", "two", "--partitions", "1", "--replicas", "2");
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err()).contains("--replicas must be 1, 3 or 5");
  }

  @Test
  void listWithoutQueues() {
    assertThat(cli.run("queue", "list").out()).isEqualTo("no queues\n");
    assertThat(cli.run("queue", "list", "--json").out()).isEqualTo("{\"queues\":[]}\n");
  }

  @Test
  void describeAsTablesAndJson() {
    cli.cluster.createQueue("orders", 2);
    CliRunner.Result table = cli.run("queue", "describe", "orders");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out())
        .contains("queue:              orders")
        .contains("visibility timeout: 30s")
        .contains("default delay:      none")
        .contains("dead-letter queue:  none")
        .contains("PARTITION  LEADER               REPLICAS  DEPTH  DELAYED  IN-FLIGHT  DEAD-LETTERED  NEXT-OFFSET"
            + "  APPLIED-INDEX")
        .contains("0          n1 (127.0.0.1:9091)  n1,n2,n3  0      0        0          0              0"
            + "            10");

    String json = cli.run("queue", "describe", "orders", "--json").out();
    assertThat(json).startsWith("{\"queue\":{\"name\":\"orders\",\"partitions\":2,");
    assertThat(json).contains("\"partitions\":[{\"partition\":0,\"leaderNodeId\":\"n1\","
        + "\"leaderAddress\":\"127.0.0.1:9091\",\"replicas\":[\"n1\",\"n2\",\"n3\"],\"depth\":0,");
    assertThat(json.trim().split("\n")).hasSize(1);
  }

  @Test
  void serverErrorsPrintOneLineAndExitOne() {
    CliRunner.Result r = cli.run("queue", "describe", "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).isEqualTo("error: QUEUE_NOT_FOUND: queue 'nope' does not exist\n");
    assertThat(r.out()).isEmpty();

    cli.cluster.createQueue("orders", 1);
    r = cli.run("queue", "create", "orders", "--partitions", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).isEqualTo("error: QUEUE_EXISTS: queue 'orders' already exists\n");
  }

  @Test
  void deleteRemovesTheQueueAndClosesTheClient() {
    cli.cluster.createQueue("orders", 1);
    assertThat(cli.run("queue", "delete", "orders").out()).isEqualTo("deleted queue 'orders'\n");
    assertThat(cli.run("queue", "delete", "orders").exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.cluster.openClients()).isZero();
  }
}
