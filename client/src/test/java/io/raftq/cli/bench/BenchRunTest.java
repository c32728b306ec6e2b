package io.raftq.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.cli.CliRunner;
import io.raftq.cli.ExitCodes;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Count-bounded runs against the in-memory fake: checks the accounting, never the timing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchRunTest {
  private final CliRunner cli = new CliRunner();

  private static long number(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
    assertThat(m.find()).as("%s in %s", name, json).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void produceSendsExactlyTheCountAndCreatesTheQueue() {
    CliRunner.Result r = cli.run("bench", "produce", "--queue", "b", "--create-partitions", "3", "--messages", "1001",
        "--producers", "3", "--in-flight", "7", "--size", "100", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String json = r.out();
    assertThat(json.trim().split("\n")).hasSize(1);
    assertThat(json).startsWith("{\"mode\":\"produce\",\"queue\":\"b\",\"settings\":{\"producers\":3,\"in-flight\":7,"
        + "\"size\":100,\"rate\":\"unlimited\"}");
    assertThat(number(json, "sent")).isEqualTo(1001);
    assertThat(number(json, "confirmed")).isEqualTo(1001);
    assertThat(number(json, "measuredMessages")).isEqualTo(1001);
    assertThat(number(json, "failed")).isZero();
    assertThat(json).contains("\"complete\":true", "\"latencyMs\":{\"kind\":\"send->confirm\",\"count\":1001");
    assertThat(cli.cluster.messageCount("b")).isEqualTo(1001);
    assertThat(cli.cluster.messages("b", 0).get(0).payload()).hasSize(100);
  }

  @Test
  void eachWorkerHasItsOwnClientAndAllAreClosed() {
    cli.cluster.createQueue("b", 1);
    cli.run("bench", "produce", "--queue", "b", "--messages", "10", "--producers", "3");
    // one admin client for the queue check, then one per producer
    assertThat(cli.cluster.connections()).hasSize(4);
    assertThat(cli.cluster.openClients()).isZero();
  }

  @Test
  void aMissingQueueFailsOnceWithoutCreatePartitions() {
    CliRunner.Result r = cli.run("bench", "produce", "--queue", "nope", "--messages", "10");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).isEqualTo("error: QUEUE_NOT_FOUND: queue 'nope' does not exist\n");
  }

  @Test
  void consumeStopsAtExactlyTheCount() {
    cli.run("bench", "produce", "--queue", "b", "--create-partitions", "2", "--messages", "1000");
    CliRunner.Result r = cli.run("bench", "consume", "--queue", "b", "--consumers", "4", "--max", "30", "--messages",
        "700", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(number(r.out(), "received")).isEqualTo(700);
    assertThat(number(r.out(), "consumed")).isEqualTo(700);
    assertThat(number(r.out(), "measuredMessages")).isEqualTo(700);
    assertThat(r.out()).contains("\"payloadBytes\":1024.0").doesNotContain("latencyMs");

    CliRunner.Result rest = cli.run("bench", "consume", "--queue", "b", "--messages", "300", "--json");
    assertThat(number(rest.out(), "consumed")).isEqualTo(300);
  }

  @Test
  void consumeReportsAnIncompleteRunWhenTheQueueRunsDry() {
    cli.run("bench", "produce", "--queue", "b", "--create-partitions", "1", "--messages", "50");
    CliRunner.Result r = cli.run("bench", "consume", "--queue", "b", "--messages", "80", "--idle-timeout", "200ms",
        "--json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(number(r.out(), "consumed")).isEqualTo(50);
    assertThat(r.out()).contains("\"complete\":false");
  }

  @Test
  void endToEndMeasuresEveryMessageOfThisRunAndSkipsForeignOnes() {
    cli.cluster.createQueue("b", 2);
    cli.run("send", "b", "left over by an earlier run");
    CliRunner.Result r = cli.run("bench", "e2e", "--queue", "b", "--producers", "2", "--consumers", "2",
        "--messages", "400", "--rate", "100000", "--size", "64", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).contains("warning: queue 'b' already holds 1 messages");
    assertThat(number(r.out(), "sentInWindow")).isEqualTo(400);
    assertThat(number(r.out(), "receivedInWindow")).isEqualTo(400);
    assertThat(number(r.out(), "foreign")).isEqualTo(1);
    assertThat(r.out()).contains("\"latencyMs\":{\"kind\":\"end-to-end (from scheduled send)\",\"count\":400");
    assertThat(r.out()).contains("\"secondaryLatencyMs\":{\"kind\":\"send->confirm\",\"count\":400");
  }

  @Test
  void humanSummaryNamesThroughputAndPercentiles() {
    CliRunner.Result r = cli.run("bench", "produce", "--queue", "b", "--create-partitions", "1", "--messages", "20");
    assertThat(r.out())
        .contains("bench produce: queue=b producers=4 in-flight=1000 size=1024 rate=unlimited")
        .contains("msgs/s")
        .contains("MB/s")
        .contains("latency send->confirm: p50=")
        .contains("p99=", "p99.9=", "max=")
        .contains("totals:     sent=20 confirmed=20 failed=0");
  }
}
