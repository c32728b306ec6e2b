package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.MessageCopy;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq message status QUEUE ID}: where a message is in each consumer group. */
@Command(
    name = "status",
    description = {
      "Show where message ID is: one JSON line per stored copy with its partition, offset, enqueuedAtMs and, per"
          + " consumer group, its state (READY, DELAYED, IN_FLIGHT, NACKED, HELD, ACKED, REMOVED, DEAD_LETTERING),"
          + " when it becomes visible or its lease ends, its deliveries, the reason of its last nack, and its earlier"
          + " attempts (when each was delivered, when it came back, nacked or expired, why). Exit code 3 when"
          + " no copy is stored (it was acked by every group and deleted, moved to the dead-letter queue, or never"
          + " sent). A message with a key is looked up in its key's partition only: give --key."
    },
    footer = {"", "Example:", "  raftq message status orders order-17 --key customer-42"})
final class MessageStatusCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Parameters(index = "1", paramLabel = "ID", description = "Message id.")
  String id;

  @Option(names = "--key", paramLabel = "KEY", description = "The message's key (it names the partition).")
  String key;

  MessageStatusCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<MessageCopy> copies;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      copies = client.admin().messageStatus(queue, id, key).join();
    }
    PrintWriter out = spec.commandLine().getOut();
    for (MessageCopy c : copies) {
      JsonWriter w = new JsonWriter().beginObject().field("id", id).field("partition", c.partition())
          .field("offset", c.offset()).field("enqueuedAtMs", c.enqueuedAtMs()).name("groups").beginArray();
      for (MessageCopy.GroupState g : c.groups()) {
        w.beginObject().field("group", g.group()).field("state", g.state());
        if (g.visibleAtMs() != Long.MAX_VALUE && !g.state().equals("ACKED") && !g.state().equals("REMOVED")) {
          w.field("visibleAtMs", g.visibleAtMs());
        }
        w.field("deliveries", g.deliveries()).field("lastReason", g.lastReason());
        if (g.deliveredAtMs() != 0) {
          w.field("deliveredAtMs", g.deliveredAtMs());
        }
        w.name("history").beginArray();
        for (MessageCopy.Attempt a : g.history()) {
          w.beginObject().field("delivery", a.n()).field("deliveredAtMs", a.deliveredAtMs())
              .field("visibleAgainAtMs", a.endedAtMs()).field("ended", a.nacked() ? "NACKED" : "EXPIRED")
              .field("reason", a.reason()).endObject();
        }
        w.endArray().endObject();
      }
      out.println(w.endArray().endObject());
    }
    if (copies.isEmpty()) {
      spec.commandLine().getErr().println("message '" + id + "' is not stored in '" + queue + "' (acked by every"
          + " group and deleted, moved to a dead-letter queue, or never sent" + (key == null ? "" : " with key '"
          + key + "'") + ")");
      return ExitCodes.PARTIAL;
    }
    return ExitCodes.OK;
  }
}
