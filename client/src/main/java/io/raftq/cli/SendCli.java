package io.raftq.cli;

import io.raftq.client.Producer;
import io.raftq.client.RaftqClient;
import io.raftq.client.SendResult;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq send NAME [MESSAGE]}: one message, or one message per stdin line, pipelined. */
@Command(
    name = "send",
    description = {
      "Send MESSAGE, or without MESSAGE one message per line of standard input (pipelined, results in input"
          + " order). Prints one JSON line per message: {\"id\",\"partition\",\"offset\",\"duplicate\"}; a failed"
          + " message prints {\"line\",\"error\",\"message\"} instead and the exit code is 3."
    },
    footer = {
      "",
      "Examples:",
      "  raftq send orders --key customer-42 --header type=created '{\"total\": 10}'",
      "  seq 1 1000 | raftq send orders --id import-2026-11-25",
      "  raftq send reminders --delay 2d 'call back'",
      "  raftq send reminders --deliver-at 2026-12-24T18:00:00Z 'happy holidays'"
    })
final class SendCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String queue;

  @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE", description = "Payload (sent as UTF-8).")
  String message;

  @Option(names = "--key", paramLabel = "KEY", description = "Partition key: messages with one key keep order.")
  String key;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = {
        "Message id for deduplication (default: generated). When reading standard input, line n (from 1) gets"
            + " id ID-n, so sending the same input again with the same ID stores nothing twice."
      })
  String id;

  @Option(
      names = "--header",
      paramLabel = "NAME=VALUE",
      converter = HeaderConverter.class,
      description = "A message header; repeat for more.")
  List<Header> headers = new ArrayList<>();

  @Option(
      names = "--delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Deliver no earlier than this long after the cluster stored it (up to 365d), e.g. 90s, 2d.")
  Duration delay;

  @Option(
      names = "--deliver-at",
      paramLabel = "TIME",
      description = {
        "Deliver no earlier than TIME, an ISO-8601 instant such as 2026-12-24T18:00:00Z. Turned into a delay by"
            + " this machine's clock when sending; a TIME in the past means at once."
      })
  String deliverAt;

  private long delayMs;

  SendCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    delayMs = delayMs();
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      Producer producer = client.producer();
      if (message != null) {
        OutgoingMessage one =
            new OutgoingMessage(id, key, headers, message.getBytes(StandardCharsets.UTF_8), delayMs);
        SendResult result = producer.send(queue, one).join();
        spec.commandLine().getOut().println(SendJson.result(result));
        return ExitCodes.OK;
      }
      SendPipeline pipeline =
          new SendPipeline(producer, queue, spec.commandLine().getOut(), spec.commandLine().getErr());
      return pipeline.sendAll(new ByteLines(environment.stdin()), this::lineMessage);
    }
  }

  private OutgoingMessage lineMessage(long lineNumber, byte[] payload) {
    String lineId = id == null ? null : id + "-" + lineNumber;
    return new OutgoingMessage(lineId, key, headers, payload, delayMs);
  }

  private long delayMs() {
    Checks.require(spec, delay == null || deliverAt == null, "give --delay or --deliver-at, not both");
    if (deliverAt == null) {
      return delay == null ? 0 : delay.toMillis();
    }
    try {
      return Math.max(0, Instant.parse(deliverAt).toEpochMilli() - System.currentTimeMillis());
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--deliver-at '" + deliverAt + "' is not an ISO-8601 instant such as 2026-12-24T18:00:00Z");
    }
  }
}
