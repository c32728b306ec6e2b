package io.raftq.cli;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * What commands take from the process besides their arguments: how to connect, environment variables and
 * standard input. Standard output and error come from picocli ({@code CommandLine.getOut()/getErr()}).
 */
public record CliEnvironment(ClientFactory clients, Function<String, String> env, InputStream stdin) {

  /** Environment variable naming the default bootstrap servers. */
  public static final String BOOTSTRAP_ENV = "RAFTQ_BOOTSTRAP";

  public CliEnvironment {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(stdin, "stdin");
  }

  public static CliEnvironment system() {
    return new CliEnvironment(ClientFactory.DEFAULT, System::getenv, System.in);
  }
}
