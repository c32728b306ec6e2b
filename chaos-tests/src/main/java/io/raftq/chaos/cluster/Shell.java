package io.raftq.chaos.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands (ip, iptables, kill) and fails loudly when one fails. */
public final class Shell {
  private Shell() {}

  /** Runs {@code command}; throws with its output when it exits non-zero. Returns its stdout and stderr. */
  public static String run(List<String> command) {
    Result r = tryRun(command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
    }
    return r.output();
  }

  public static String run(String... command) {
    return run(List.of(command));
  }

  /** Runs {@code command} and returns its exit code and output, whatever the exit code. */
  public static Result tryRun(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out + " (timed out)");
      }
      return new Result(p.exitValue(), out.trim());
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted running " + command));
    }
  }

  /** Whether {@code command} (on the PATH or absolute) exists and runs. */
  public static boolean available(String... command) {
    return tryRun(List.of(command)).exitCode() == 0;
  }

  public record Result(int exitCode, String output) {}
}
