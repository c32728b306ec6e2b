package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.client.ClientConfig;
import io.raftq.protocol.Header;
import io.raftq.protocol.Receipt;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Options, defaults and usage errors of every user command (parsing only, or runs against the fake). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliParsingTest {
  private final CliRunner cli = new CliRunner();

  private void assertUsageError(CliRunner.Result r, String messagePart) {
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: ").contains(messagePart).contains("--help' for more information");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void queueCreateOptionsAndDefaults() {
    QueueCreateCli c = cli.parse("queue", "create", "orders", "--partitions", "4");
    assertThat(c.name).isEqualTo("orders");
    assertThat(c.partitions).isEqualTo(4);
    assertThat(c.visibilityTimeout).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.dedupWindow).isEqualTo(Duration.ofMinutes(5));

    c = cli.parse("queue", "create", "o", "--partitions", "1", "--visibility-timeout", "500ms", "--dedup-window", "7d");
    assertThat(c.visibilityTimeout).isEqualTo(Duration.ofMillis(500));
    assertThat(c.dedupWindow).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void queueCreateUsageErrors() {
    assertUsageError(cli.run("queue", "create", "orders"), "Missing required option: '--partitions=N'");
    assertUsageError(cli.run("queue", "create", "orders", "--partitions", "0"), "--partitions must be at least 1");
    assertUsageError(cli.run("queue", "create", "orders", "--partitions", "x"), "'x' is not an int");
    assertUsageError(
        cli.run("queue", "create", "orders", "--partitions", "2", "--visibility-timeout", "30"),
        "'30' is not a duration");
    assertUsageError(
        cli.run("queue", "create", "o", "--partitions", "2", "--visibility-timeout", "0"),
        "--visibility-timeout must be greater than 0");
    assertUsageError(cli.run("queue", "create", "--partitions", "2"), "Missing required parameter: 'NAME'");
  }

  @Test
  void queueListAndDescribeTakeJson() {
    QueueListCli list = cli.parse("queue", "list", "--json");
    assertThat(list.json).isTrue();
    QueueDescribeCli describe = cli.parse("queue", "describe", "orders");
    assertThat(describe.name).isEqualTo("orders");
    assertThat(describe.json).isFalse();
    QueueDeleteCli delete = cli.parse("queue", "delete", "orders");
    assertThat(delete.name).isEqualTo("orders");
  }

  @Test
  void sendOptions() {
    SendCli s = cli.parse("send", "q", "--key", "k", "--id", "i", "--header", "a=1", "--header", "b=x=y",
        "--header", "c=", "hello");
    assertThat(s.queue).isEqualTo("q");
    assertThat(s.message).isEqualTo("hello");
    assertThat(s.key).isEqualTo("k");
    assertThat(s.id).isEqualTo("i");
    assertThat(s.headers).containsExactly(new Header("a", "1"), new Header("b", "x=y"), new Header("c", ""));

    SendCli fromStdin = cli.parse("send", "q");
    assertThat(fromStdin.message).isNull();
    assertThat(fromStdin.headers).isEmpty();
  }

  @Test
  void sendUsageErrors() {
    assertUsageError(cli.run("send", "q", "--header", "novalue", "m"), "expected name=value");
    assertUsageError(cli.run("send", "q", "--header", "=v", "m"), "expected name=value");
    assertUsageError(cli.run("send", "q", "m1", "m2"), "Unmatched argument");
    assertUsageError(cli.run("send"), "Missing required parameter");
    assertUsageError(cli.run("send", "q", "--delay", "10", "m"), "not a duration");
    assertUsageError(cli.run("send", "q", "--delay", "1s", "--deliver-at", "2030-01-01T00:00:00Z", "m"),
        "not both");
    assertUsageError(cli.run("send", "q", "--deliver-at", "tomorrow", "m"), "not an ISO-8601 instant");
  }

  @Test
  void receiveDefaultsAndOptions() {
    ReceiveCli r = cli.parse("receive", "q", "--group", "g");
    assertThat(r.max).isEqualTo(1);
    assertThat(r.wait).isEqualTo(Duration.ZERO);
    assertThat(r.visibility).isNull();
    assertThat(r.maxBytes).isEqualTo(io.raftq.protocol.Limits.MAX_RECEIVE_BYTES);

    r = cli.parse("receive", "q", "--group", "g", "--max", "10", "--visibility", "1m", "--wait", "5s",
        "--max-bytes", "65536");
    assertThat(r.group).isEqualTo("g");
    assertThat(r.max).isEqualTo(10);
    assertThat(r.maxBytes).isEqualTo(65_536);
    assertThat(r.visibility).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.wait).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void receiveUsageErrors() {
    assertUsageError(cli.run("receive", "q"), "Missing required option: '--group=GROUP'");
    assertUsageError(cli.run("receive", "q", "--group", "g", "--max", "0"), "--max must be at least 1");
    assertUsageError(cli.run("receive", "q", "--group", "g", "--wait", "5"), "'5' is not a duration");
    assertUsageError(cli.run("receive", "q", "--group", "g", "--visibility", "0"), "--visibility must be greater");
    assertUsageError(cli.run("receive", "q", "--group", "g", "--max-bytes", "0"), "--max-bytes must be at least 1");
  }

  @Test
  void receiveHelpExplainsTheByteBound() {
    CliRunner.Result r = cli.run("receive", "--help");
    assertThat(r.out()).contains("--max-bytes=BYTES").contains("at least one message");
  }

  @Test
  void ackAndNackParseReceipts() {
    AckCli ack = cli.parse("ack", "q", "--group", "g", "0-1-2", "3-4-5");
    assertThat(ack.args.receipts).containsExactly(new Receipt(0, 1, 2), new Receipt(3, 4, 5));
    NackCli nack = cli.parse("nack", "q", "--group", "g", "0-1-2");
    assertThat(nack.delay).isEqualTo(Duration.ZERO);
    nack = cli.parse("nack", "q", "--group", "g", "--delay", "10s", "0-1-2");
    assertThat(nack.delay).isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0-1", "0-1-2-3", "a-1-2", "0-1-", "0--1-2", "99999999999-1-2"})
  void malformedReceiptsAreUsageErrors(String receipt) {
    assertUsageError(cli.run("ack", "q", "--group", "g", receipt), "malformed receipt '" + receipt + "'");
    assertUsageError(cli.run("nack", "q", "--group", "g", receipt), "expected <partition>-<offset>-<epoch>");
  }

  @Test
  void ackNeedsAGroupAndAReceipt() {
    assertUsageError(cli.run("ack", "q", "--group", "g"), "Missing required parameter: 'RECEIPT'");
    assertUsageError(cli.run("ack", "q", "0-1-2"), "Missing required option: '--group=GROUP'");
  }

  @Test
  void bootstrapDefaultsToLocalThenEnvironmentThenOption() {
    cli.cluster.createQueue("q", 1);
    cli.run("queue", "list");
    cli.env.put(CliEnvironment.BOOTSTRAP_ENV, "10.0.0.1:7000,10.0.0.2:7000");
    cli.run("queue", "list");
    cli.run("queue", "list", "--bootstrap", "h1:1,[::1]:2");
    List<ClientConfig> configs = cli.cluster.connections();
    assertThat(configs.get(0).bootstrap()).isEqualTo(ClientConfig.LOCAL_BOOTSTRAP);
    assertThat(configs.get(1).bootstrap()).containsExactly("10.0.0.1:7000", "10.0.0.2:7000");
    assertThat(configs.get(2).bootstrap()).containsExactly("h1:1", "[::1]:2");
  }

  @Test
  void badBootstrapIsAUsageError() {
    assertUsageError(cli.run("queue", "list", "--bootstrap", "localhost"), "'localhost' is not host:port");
    assertUsageError(cli.run("queue", "list", "--bootstrap", "h:0"), "is not host:port");
    cli.env.put(CliEnvironment.BOOTSTRAP_ENV, "h:99999");
    assertUsageError(cli.run("queue", "list"), "RAFTQ_BOOTSTRAP: 'h:99999' is not host:port");
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrorsWithSuggestions() {
    CliRunner.Result r = cli.run("recieve", "q");
    assertUsageError(r, "Unmatched argument");
    assertThat(r.err()).contains("receive");
    assertUsageError(cli.run("send", "q", "--kye", "k", "m"), "Unknown option");
    assertThat(cli.run("send", "q", "--kye", "k", "m").err()).contains("'--kye'");
  }

  @Test
  void commandGroupsWithoutASubcommandAreUsageErrors() {
    assertUsageError(cli.run(), "missing subcommand");
    assertUsageError(cli.run("queue"), "missing subcommand: one of create, list, describe, stats, purge, parked, release, delete");
    assertUsageError(cli.run("bench"), "missing subcommand: one of produce, consume, e2e");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "queue create", "queue list", "queue describe", "queue delete", "send", "receive", "ack", "nack",
      "bench produce", "bench consume", "bench e2e", "queue", "bench"})
  void everyCommandHasHelpWithAnExample(String command) {
    String[] args = (command + " --help").split(" ");
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Usage: raftq " + command).contains("Example");
    if (!command.equals("queue") && !command.equals("bench")) {
      assertThat(r.out()).contains("--bootstrap");
    }
  }

  @Test
  void topLevelHelpListsTheCommands() {
    CliRunner.Result r = cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("queue", "send", "receive", "ack", "nack", "bench");
  }
}
