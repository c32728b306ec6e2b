package io.raftq.server.cli;

import picocli.CommandLine.Command;

/** {@code raftq node ...}: commands that run on a cluster node. */
@Command(
    name = "node",
    description = "Run a raftq cluster node.",
    mixinStandardHelpOptions = true,
    subcommands = {NodeStartCli.class})
public final class NodeCli implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "missing subcommand: try 'raftq node start --help'");
  }
}
