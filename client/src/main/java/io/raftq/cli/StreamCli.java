package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq stream ...}: stream groups (committed offsets, ordered reads, seeks). */
@Command(
    name = "stream",
    description = "Read a topic or queue as a stream group: ordered reads from committed offsets, seeks.",
    subcommands = {StreamReadCli.class, StreamSeekCli.class, StreamOffsetsCli.class},
    footer = {"", "Example:", "  raftq stream read events --group analytics --max 100"})
public final class StreamCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
