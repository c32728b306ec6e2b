package io.raftq.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one readable stderr line and an exit code: usage errors give {@link ExitCodes#USAGE}
 * with a pointer to {@code --help} (not the whole usage text, which buries the message); everything thrown
 * while a command runs gives {@link ExitCodes#FAILED}.
 */
final class ErrorHandlers {
  private ErrorHandlers() {}

  static int onUsageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  static int onExecutionError(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("error: " + CliErrors.describe(ex));
    err.flush();
    return ExitCodes.FAILED;
  }
}
