package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq topic ...}: topics (retained logs). List, describe, purge and delete them with 'raftq queue'. */
@Command(
    name = "topic",
    description = "Create topics: logs that keep every message until retention removes it. List, describe,"
        + " purge and delete them with 'raftq queue'.",
    subcommands = {TopicCreateCli.class},
    footer = {"", "Example:", "  raftq topic create events --partitions 4 --retention 7d"})
public final class TopicCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
