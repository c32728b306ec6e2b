package io.raftq.cli;

import io.raftq.client.ClientConfig;
import io.raftq.client.Consumer;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.Delivery;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq receive NAME --group G}: leases messages and prints one JSON line per delivery. */
@Command(
    name = "receive",
    description = {
      "Receive (lease) up to --max messages for a consumer group. Prints one JSON line per message: id,"
          + " partition, offset, key, headers, payload (UTF-8 text) or payloadBase64 (other bytes), receipt,"
          + " deliveries, enqueuedAtMs. Ack or nack each receipt before its visibility timeout ends, or it is"
          + " delivered again. With --ack-on-receive the messages are done for the group at once (at-most-once:"
          + " never delivered to the group again, even if you never process them).",
      "You get up to --max messages and about --max-bytes of them, whichever comes first (but always at least"
          + " one message when any is visible, however large); what does not fit stays for the next receive."
    },
    footer = {
      "",
      "Example:",
      "  raftq receive orders --group billing --max 10 --wait 5s --visibility 1m",
      "  raftq receive metrics --group dashboard --max 100 --ack-on-receive"
    })
final class ReceiveCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String queue;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Consumer group.")
  String group;

  @Option(names = "--max", defaultValue = "1", paramLabel = "N", description = "At most N messages (default: 1).")
  int max;

  @Option(
      names = "--max-bytes",
      defaultValue = "" + Consumer.DEFAULT_MAX_BYTES,
      paramLabel = "BYTES",
      description = "At most about this many bytes of messages (payload, headers, id and key, plus ~60 bytes"
          + " each; default: ${DEFAULT-VALUE}, about 4 MiB, also what each node allows at most unless set lower).")
  int maxBytes;

  @Option(
      names = "--visibility",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Lease length (default: the queue's visibility timeout).")
  Duration visibility;

  @Option(
      names = "--wait",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Wait up to this long for a message when none is visible (default: 0, return at once).")
  Duration wait;

  @Option(
      names = "--ack-on-receive",
      description = "At-most-once: the messages are done for the group in the same step that hands them out.")
  boolean ackOnReceive;

  ReceiveCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.atLeast(spec, max, 1, "--max");
    Checks.atLeast(spec, maxBytes, 1, "--max-bytes");
    Checks.require(spec, visibility == null || !visibility.isZero(), "--visibility must be greater than 0");
    Checks.require(spec, !(ackOnReceive && visibility != null), "--visibility has no meaning with --ack-on-receive");
    List<Delivery> deliveries;
    try (RaftqClient client = environment.clients().connect(withWait(connection.config(environment), wait))) {
      deliveries = ackOnReceive ? client.consumer().receiveAtMostOnce(queue, group, max, maxBytes, wait).join()
          : client.consumer().receive(queue, group, max, maxBytes, visibility, wait).join();
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Delivery d : deliveries) {
      out.println(DeliveryJson.of(d));
    }
    return ExitCodes.OK;
  }

  /** A long-poll must not be cut short by the per-request and per-call timeouts: extend both by the wait. */
  static ClientConfig withWait(ClientConfig config, Duration wait) {
    return new ClientConfig(
        config.bootstrap(),
        config.requestTimeout().plus(wait),
        config.deliveryTimeout().plus(wait),
        config.maxInFlightPerPartition(),
        config.maxBatchBytes());
  }
}
