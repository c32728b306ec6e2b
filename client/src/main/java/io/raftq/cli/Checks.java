package io.raftq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Option checks that picocli's types cannot express; failures are usage errors (exit code 2). */
public final class Checks {
  private Checks() {}

  public static void require(CommandSpec spec, boolean condition, String message) {
    if (!condition) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  public static void atLeast(CommandSpec spec, long value, long min, String option) {
    require(spec, value >= min, option + " must be at least " + min + " (was " + value + ")");
  }
}
