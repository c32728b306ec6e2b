package io.raftq.cli;

import io.raftq.client.Producer;
import io.raftq.client.RaftqClient;
import io.raftq.client.SendResult;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
      "  seq 1 1000 | raftq send orders --id import-2026-11-25"
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

  SendCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      Producer producer = client.producer();
      if (message != null) {
        OutgoingMessage one = new OutgoingMessage(id, key, headers, message.getBytes(StandardCharsets.UTF_8));
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
    return new OutgoingMessage(lineId, key, headers, payload);
  }
}
