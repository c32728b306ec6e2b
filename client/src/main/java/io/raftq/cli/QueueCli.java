package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq queue ...}: the queue administration group. */
@Command(
    name = "queue",
    description = "Create, list, describe, purge and delete queues.",
    subcommands = {
      QueueCreateCli.class, QueueListCli.class, QueueDescribeCli.class, QueueStatsCli.class, QueuePurgeCli.class,
      QueueParkedCli.class, QueueReleaseCli.class, QueueDeleteCli.class
    },
    footer = {"", "Example:", "  raftq queue create orders --partitions 4 --visibility-timeout 1m"})
public final class QueueCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
