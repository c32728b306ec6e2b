package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq cluster ...}: the cluster as a whole. */
@Command(
    name = "cluster",
    description = "Inspect the cluster: its nodes, their replicas and leaders, and partitions that need attention.",
    subcommands = {ClusterStatusCli.class},
    footer = {"", "Example:", "  raftq cluster status"})
public final class ClusterCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
