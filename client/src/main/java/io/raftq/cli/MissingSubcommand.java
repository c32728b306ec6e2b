package io.raftq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Shared behaviour of command groups ({@code raftq}, {@code queue}, {@code bench}) run without a subcommand. */
public final class MissingSubcommand {
  private MissingSubcommand() {}

  public static Callable<Integer> fail(CommandSpec spec) {
    return () -> {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    };
  }
}
