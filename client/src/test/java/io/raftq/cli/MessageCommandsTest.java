package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.client.ClientConfig;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** send, receive, ack and nack against the in-memory fake. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageCommandsTest {
  private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([0-9-]+)\"");
  private final CliRunner cli = new CliRunner();

  @BeforeEach
  void createQueue() {
    cli.cluster.createQueue("q", 1);
  }

  private static String receipt(String jsonLine) {
    Matcher m = RECEIPT.matcher(jsonLine);
    assertThat(m.find()).as("receipt in %s", jsonLine).isTrue();
    return m.group(1);
  }

  @Test
  void sendOneMessageWithKeyIdAndHeaders() {
    CliRunner.Result r = cli.run("send", "q", "--key", "k", "--id", "m-1", "--header", "a=1", "héllo");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("{\"id\":\"m-1\",\"partition\":0,\"offset\":0,\"duplicate\":false}\n");
    OutgoingMessage stored = cli.cluster.messages("q", 0).get(0);
    assertThat(stored.key()).isEqualTo("k");
    assertThat(stored.headers()).containsExactly(new Header("a", "1"));
    assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo");

    assertThat(cli.run("send", "q", "--id", "m-1", "again").out())
        .isEqualTo("{\"id\":\"m-1\",\"partition\":0,\"offset\":0,\"duplicate\":true}\n");
  }

  @Test
  void sendWithADelayOrADeliveryTimeCarriesTheDelay() {
    assertThat(cli.run("send", "q", "--delay", "90s", "a").exitCode()).isZero();
    long inAnHour = System.currentTimeMillis() + 3_600_000;
    assertThat(cli.run("send", "q", "--deliver-at", java.time.Instant.ofEpochMilli(inAnHour).toString(), "b")
        .exitCode()).isZero();
    assertThat(cli.run("send", "q", "--deliver-at", "2001-01-01T00:00:00Z", "c").exitCode()).isZero();
    assertThat(cli.stdin("d\ne").run("send", "q", "--delay", "1m").exitCode()).isZero();

    List<OutgoingMessage> stored = cli.cluster.messages("q", 0);
    assertThat(stored.get(0).delayMs()).isEqualTo(90_000);
    assertThat(stored.get(1).delayMs()).isBetween(3_590_000L, 3_600_000L);
    assertThat(stored.get(2).delayMs()).isZero();
    assertThat(stored.subList(3, 5)).extracting(OutgoingMessage::delayMs).containsExactly(60_000L, 60_000L);
  }

  @Test
  void sendFromStdinPrintsOneLinePerMessageInInputOrder() {
    CliRunner.Result r = cli.stdin("a\r\n\nc").run("send", "q", "--id", "batch");
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines())
        .containsExactly(
            "{\"id\":\"batch-1\",\"partition\":0,\"offset\":0,\"duplicate\":false}",
            "{\"id\":\"batch-2\",\"partition\":0,\"offset\":1,\"duplicate\":false}",
            "{\"id\":\"batch-3\",\"partition\":0,\"offset\":2,\"duplicate\":false}");
    assertThat(cli.cluster.messages("q", 0))
        .extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
        .containsExactly("a", "", "c");
  }

  @Test
  void sendFromStdinKeepsOrderBeyondThePipelineWindow() {
    StringBuilder input = new StringBuilder();
    int count = SendPipeline.WINDOW * 2 + 7;
    for (int i = 0; i < count; i++) {
      input.append(i).append('\n');
    }
    CliRunner.Result r = cli.stdin(input.toString()).run("send", "q");
    assertThat(r.outLines()).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(r.outLines().get(i)).contains("\"offset\":" + i + ",");
    }
  }

  @Test
  void aFailedLineIsReportedInPlaceAndExitsPartial() {
    cli.cluster.rejectPayload("bad");
    CliRunner.Result r = cli.stdin("ok1\nbad\nok2\n").run("send", "q");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(r.outLines()).hasSize(3);
    assertThat(r.outLines().get(0)).contains("\"offset\":0");
    assertThat(r.outLines().get(1))
        .isEqualTo("{\"line\":2,\"error\":\"MESSAGE_TOO_LARGE\",\"message\":\"MESSAGE_TOO_LARGE: message rejected by the fake\"}");
    assertThat(r.outLines().get(2)).contains("\"offset\":1");
    assertThat(r.err()).isEqualTo("error: line 2: MESSAGE_TOO_LARGE: message rejected by the fake\n");
  }

  @Test
  void everyLineFailingExitsOne() {
    cli.cluster.rejectPayload("bad");
    assertThat(cli.stdin("bad\nbad\n").run("send", "q").exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void aMissingQueueStopsAStdinSendAtOnce() {
    CliRunner.Result r = cli.stdin("a\nb\nc\n").run("send", "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).isEqualTo("error: QUEUE_NOT_FOUND: queue 'nope' does not exist\n");
  }

  @Test
  void receivePrintsTextOrBase64PayloadsAndPassesOptions() {
    cli.run("send", "q", "--key", "k", "--header", "h=v", "text");
    cli.stdin(new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}).run("send", "q");
    CliRunner.Result r = cli.run("receive", "q", "--group", "g", "--max", "5", "--visibility", "1m", "--wait", "2s");
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines()).hasSize(2);
    assertThat(r.outLines().get(0))
        .matches("\\{\"id\":\"gen-1\",\"partition\":0,\"offset\":0,\"key\":\"k\",\"headers\":\\{\"h\":\"v\"},"
            + "\"payload\":\"text\",\"receipt\":\"0-0-\\d+\",\"deliveries\":1,\"enqueuedAtMs\":\\d+}");
    assertThat(r.outLines().get(1)).contains("\"key\":null", "\"payloadBase64\":\"//4=\"");
    assertThat(cli.cluster.lastReceiveMax).isEqualTo(5);
    assertThat(cli.cluster.lastReceiveMaxBytes).isEqualTo(io.raftq.client.Consumer.DEFAULT_MAX_BYTES);
    assertThat(cli.cluster.lastReceiveVisibility).isEqualTo(Duration.ofMinutes(1));
    assertThat(cli.cluster.lastReceiveWait).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void receiveWithNothingVisiblePrintsNothing() {
    CliRunner.Result r = cli.run("receive", "q", "--group", "g");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(cli.cluster.lastReceiveVisibility).isNull();
    assertThat(cli.cluster.lastReceiveWait).isEqualTo(Duration.ZERO);
  }

  @Test
  void aLongPollExtendsTheClientTimeoutsByTheWait() {
    ClientConfig base = ClientConfig.of(List.of("h:1"));
    ClientConfig extended = ReceiveCli.withWait(base, Duration.ofSeconds(20));
    assertThat(extended.requestTimeout()).isEqualTo(base.requestTimeout().plusSeconds(20));
    assertThat(extended.deliveryTimeout()).isEqualTo(base.deliveryTimeout().plusSeconds(20));
    assertThat(extended.bootstrap()).isEqualTo(base.bootstrap());
  }

  @Test
  void ackReportsOkThenAlreadyAcked() {
    cli.run("send", "q", "m");
    String receipt = receipt(cli.run("receive", "q", "--group", "g").out());
    CliRunner.Result first = cli.run("ack", "q", "--group", "g", receipt);
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("{\"receipt\":\"" + receipt + "\",\"outcome\":\"OK\"}\n");
    CliRunner.Result second = cli.run("ack", "q", "--group", "g", receipt);
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("\"outcome\":\"ALREADY_ACKED\"");
  }

  @Test
  void anInvalidReceiptAmongOthersExitsPartial() {
    cli.run("send", "q", "m");
    String receipt = receipt(cli.run("receive", "q", "--group", "g").out());
    CliRunner.Result r = cli.run("ack", "q", "--group", "g", receipt, "0-5-99");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(r.outLines())
        .containsExactly(
            "{\"receipt\":\"" + receipt + "\",\"outcome\":\"OK\"}", "{\"receipt\":\"0-5-99\",\"outcome\":\"INVALID\"}");
  }

  @Test
  void nackMakesTheMessageVisibleAgainAndStaleReceiptsInvalid() {
    cli.run("send", "q", "m");
    String first = receipt(cli.run("receive", "q", "--group", "g").out());
    CliRunner.Result nacked = cli.run("nack", "q", "--group", "g", "--delay", "10s", first);
    assertThat(nacked.exitCode()).isZero();
    assertThat(nacked.out()).contains("\"outcome\":\"OK\"");
    assertThat(cli.cluster.lastNackDelay).isEqualTo(Duration.ofSeconds(10));

    String again = cli.run("receive", "q", "--group", "g").out();
    assertThat(again).contains("\"deliveries\":2");
    CliRunner.Result stale = cli.run("ack", "q", "--group", "g", first);
    assertThat(stale.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(stale.out()).contains("\"outcome\":\"INVALID\"");
    assertThat(cli.run("ack", "q", "--group", "g", receipt(again)).exitCode()).isZero();
  }

  @Test
  void everyCommandClosesItsClient() {
    cli.run("send", "q", "m");
    cli.run("receive", "q", "--group", "g");
    cli.run("ack", "q", "--group", "g", "0-0-1");
    cli.run("nack", "q", "--group", "g", "0-0-1");
    assertThat(cli.cluster.connections()).hasSize(4);
    assertThat(cli.cluster.openClients()).isZero();
  }
}
