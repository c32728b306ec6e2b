package io.raftq.cli;

import io.raftq.client.Processed;
import io.raftq.client.RaftqClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq message processed QUEUE ID --group G [--key K]}: the group's consumer dedup table. */
@Command(
    name = "processed",
    description = {
      "Whether consumer group GROUP acked a message with id ID within the queue's consumer dedup window: prints"
          + " {\"id\",\"group\",\"processed\",\"ackedAtMs\",\"result\"}; exit code 3 when it did not."
    },
    footer = {"", "Example:", "  raftq message processed payments payment-9 --group billing --key acct-1"})
final class MessageProcessedCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Parameters(index = "1", paramLabel = "ID", description = "Message id.")
  String id;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Consumer group.")
  String group;

  @Option(names = "--key", paramLabel = "KEY", description = "The message's key (it names the partition).")
  String key;

  MessageProcessedCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Optional<Processed> p;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      p = client.consumer().wasProcessed(queue, group, id, key).join();
    }
    JsonWriter w = new JsonWriter().beginObject().field("id", id).field("group", group)
        .field("processed", p.isPresent());
    p.ifPresent(x -> {
      w.field("ackedAtMs", x.ackedAtMs());
      w.field("result", x.result() == null ? null : new String(x.result(), java.nio.charset.StandardCharsets.UTF_8));
    });
    spec.commandLine().getOut().println(w.endObject());
    return p.isPresent() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }
}
