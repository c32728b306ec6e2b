package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq cluster ...}: the cluster as a whole. */
@Command(
    name = "cluster",
    description = "The cluster: its nodes, their replicas and leaders, partitions that need attention, and membership"
        + " changes (join, drain, remove).",
    subcommands = {ClusterStatusCli.class, ClusterMembershipCli.Join.class, ClusterMembershipCli.Drain.class,
        ClusterMembershipCli.Activate.class, ClusterMembershipCli.Remove.class},
    footer = {"", "Examples:", "  raftq cluster status", "  raftq cluster drain n2", "  raftq cluster remove n2"})
public final class ClusterCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
