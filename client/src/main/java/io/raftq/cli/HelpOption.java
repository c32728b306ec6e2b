package io.raftq.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every command (a mixin, so it works wherever the command is mounted). */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean helpRequested;
}
