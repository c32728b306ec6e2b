package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq message ...}: looking up one message. */
@Command(
    name = "message",
    description = "Look up one message.",
    subcommands = {MessageStatusCli.class, MessageProcessedCli.class},
    footer = {"", "Example:", "  raftq message status orders order-17 --key customer-42"})
public final class MessageCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
