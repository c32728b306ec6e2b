package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq dlq ...}: looking at dead letters and moving them back. */
@Command(
    name = "dlq",
    description = "Look at a dead-letter queue and move its messages back (redrive).",
    subcommands = {DlqListCli.class, DlqRedriveCli.class},
    footer = {"", "Example:", "  raftq dlq redrive orders-dlq --dry-run"})
public final class DlqCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
