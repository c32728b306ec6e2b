package io.raftq.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code raftq} command with the user commands of {@link UserCommands} as subcommands. The node
 * process adds its own commands (e.g. {@code node}) through {@link #run(String[], Object...)}.
 */
@Command(
    name = "raftq",
    mixinStandardHelpOptions = true,
    versionProvider = RaftqCli.Version.class,
    description = "raftq: a Raft-replicated message queue.",
    footer = {
      "",
      "Examples:",
      "  raftq queue create orders --partitions 4",
      "  raftq send orders --key customer-42 'hello'",
      "  raftq receive orders --group billing --max 10 --wait 5s"
    })
public final class RaftqCli implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }

  /**
   * Builds the {@code raftq} command line, adds {@code extraSubcommands} (picocli command objects, classes or
   * {@link CommandLine}s), installs the exit-code mapping and UTF-8 stdout/stderr, executes {@code args} and
   * returns the exit code (see {@link ExitCodes}); the caller passes it to {@code System.exit}.
   */
  public static int run(String[] args, Object... extraSubcommands) {
    CommandLine cmd = newCommandLine(CliEnvironment.system());
    for (Object extra : extraSubcommands) {
      cmd.addSubcommand(extra);
    }
    // Set after adding the extra subcommands: picocli copies these settings to the subcommands present now.
    cmd.setOut(utf8(System.out));
    cmd.setErr(utf8(System.err));
    return cmd.execute(args);
  }

  /** The {@code raftq} command line with the user commands, wired to {@code environment}. */
  public static CommandLine newCommandLine(CliEnvironment environment) {
    CommandLine cmd = new CommandLine(new RaftqCli(), new CliFactory(environment));
    for (Object sub : UserCommands.all(environment)) {
      cmd.addSubcommand(sub);
    }
    configure(cmd);
    return cmd;
  }

  /**
   * Installs raftq's error handling on a command line: usage errors exit with {@link ExitCodes#USAGE} and a
   * short message, failures while running print one {@code error: ...} line and exit with
   * {@link ExitCodes#FAILED}. Use it when mounting {@link UserCommands#all()} under another top-level command.
   */
  public static CommandLine configure(CommandLine cmd) {
    cmd.setParameterExceptionHandler(ErrorHandlers::onUsageError);
    cmd.setExecutionExceptionHandler(ErrorHandlers::onExecutionError);
    cmd.setExitCodeExceptionMapper(ex -> ExitCodes.FAILED);
    return cmd;
  }

  private static PrintWriter utf8(PrintStream stream) {
    // UTF-8 regardless of the locale: our output is JSON and message text, not locale-dependent prose.
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** Version from the jar manifest; a build from the source tree has none. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RaftqCli.class.getPackage().getImplementationVersion();
      return new String[] {"raftq " + (version == null ? "(development build)" : version)};
    }
  }
}
