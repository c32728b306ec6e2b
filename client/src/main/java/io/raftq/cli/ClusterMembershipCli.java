package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq cluster join | drain | activate | remove}: membership changes, carried out by the cluster itself. */
final class ClusterMembershipCli {
  private ClusterMembershipCli() {}

  /** Sends one change and prints what happens next. */
  abstract static class Change implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;
    @Mixin HelpOption help;
    @Mixin ConnectionOptions connection;

    Change(CliEnvironment environment) {
      this.environment = environment;
    }

    abstract Request.ChangeMembership change();

    abstract String done();

    @Override
    public Integer call() {
      try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
        client.admin().changeMembership(change()).join();
      }
      spec.commandLine().getOut().println(done());
      return ExitCodes.OK;
    }
  }

  @Command(name = "join",
      description = {"Register a node with the cluster. The node itself must run with --join (which does this by"
          + " itself); use this command to register it ahead, or to change its addresses or zone."},
      footer = {"", "Example:",
          "  raftq cluster join --id n4 --raft-address 127.0.0.1:9194 --client-address 127.0.0.1:9094"})
  static final class Join extends Change {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
    String id;

    @Option(names = "--raft-address", required = true, paramLabel = "HOST:PORT",
        description = "Where the other nodes reach its Raft server.")
    String raftAddress;

    @Option(names = "--client-address", required = true, paramLabel = "HOST:PORT",
        description = "Where clients reach it.")
    String clientAddress;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Its failure zone (default: none).")
    String zone;

    Join(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Request.ChangeMembership change() {
      return new Request.ChangeMembership(Request.MembershipAction.JOIN, id, raftAddress, clientAddress, zone, false);
    }

    @Override
    String done() {
      return "node " + id + " registered; it takes its share of replicas once it runs (see raftq cluster status)";
    }
  }

  @Command(name = "drain",
      description = {"Move every replica off a node, one Raft group at a time (the new replica catches up before"
          + " the old one leaves). Watch the moves with raftq cluster status; then remove the node."},
      footer = {"", "Example:", "  raftq cluster drain n2 && raftq cluster status"})
  static final class Drain extends Change {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node to empty.")
    String node;

    Drain(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Request.ChangeMembership change() {
      return new Request.ChangeMembership(Request.MembershipAction.DRAIN, node, null, null, null, false);
    }

    @Override
    String done() {
      return "draining " + node + ": its replicas are moving to the other nodes (raftq cluster status shows them)";
    }
  }

  @Command(name = "activate",
      description = "Let a draining node take replicas again (undoes drain).",
      footer = {"", "Example:", "  raftq cluster activate n2"})
  static final class Activate extends Change {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node.")
    String node;

    Activate(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Request.ChangeMembership change() {
      return new Request.ChangeMembership(Request.MembershipAction.ACTIVATE, node, null, null, null, false);
    }

    @Override
    String done() {
      return node + " takes replicas again";
    }
  }

  @Command(name = "remove",
      description = {"Forget a node: it leaves the metadata group and may then be stopped. Refused while it still"
          + " holds replicas (drain it first) unless --force, for a node that is gone for good: its replicas are"
          + " then re-created on the other nodes from the surviving ones."},
      footer = {"", "Example:", "  raftq cluster remove n2"})
  static final class Remove extends Change {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node.")
    String node;

    @Option(names = "--force", description = "Remove it even though it still holds replicas.")
    boolean force;

    Remove(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Request.ChangeMembership change() {
      return new Request.ChangeMembership(Request.MembershipAction.REMOVE, node, null, null, null, force);
    }

    @Override
    String done() {
      return "removed " + node + " from the cluster; stop its process once raftq cluster status no longer lists it";
    }
  }
}
