package io.raftq.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code raftq ...} in-process against a {@link FakeCluster}, capturing stdout, stderr and the exit code. */
public final class CliRunner {
  public final FakeCluster cluster = new FakeCluster();
  public final Map<String, String> env = new HashMap<>();
  private byte[] stdin = new byte[0];

  public record Result(int exitCode, String out, String err) {
    public List<String> outLines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }
  }

  public CliRunner stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public CliRunner stdin(byte[] bytes) {
    stdin = bytes.clone();
    return this;
  }

  public CliEnvironment environment() {
    return new CliEnvironment(cluster.factory(), env::get, new ByteArrayInputStream(stdin));
  }

  public CommandLine commandLine() {
    return RaftqCli.newCommandLine(environment());
  }

  public Result run(String... args) {
    CommandLine cmd = commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
  }

  /** The command object picocli would run for {@code args} (parsed only, not executed). */
  @SuppressWarnings("unchecked")
  public <T> T parse(String... args) {
    CommandLine.ParseResult result = commandLine().parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return (T) result.commandSpec().userObject();
  }
}
