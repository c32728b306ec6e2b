package io.raftq.server.cli;

import io.raftq.cli.RaftqCli;

/** {@code bin/raftq}: every user command, plus {@code node} to run a cluster node. */
public final class RaftqMain {
  private RaftqMain() {}

  public static void main(String[] args) {
    // `node start` returns only after a graceful shutdown, so exiting here is right for every command.
    System.exit(RaftqCli.run(args, new NodeCli()));
  }
}
