package io.raftq.cli;

import io.raftq.client.ClientConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --bootstrap} option every command shares, and the client settings derived from it. */
public final class ConnectionOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      split = ",",
      converter = HostPortConverter.class,
      description = {
        "Client addresses of any cluster members.",
        "Default: $" + CliEnvironment.BOOTSTRAP_ENV + ", else 127.0.0.1:9091,127.0.0.1:9092,127.0.0.1:9093."
      })
  private List<String> bootstrap;

  /** The addresses to use: the option, else the environment variable, else the local 3-node default. */
  public List<String> bootstrap(CliEnvironment environment) {
    if (bootstrap != null && !bootstrap.isEmpty()) {
      return List.copyOf(bootstrap);
    }
    String fromEnv = environment.env().apply(CliEnvironment.BOOTSTRAP_ENV);
    if (fromEnv == null || fromEnv.isBlank()) {
      return ClientConfig.LOCAL_BOOTSTRAP;
    }
    List<String> addresses = new ArrayList<>();
    for (String part : fromEnv.split(",")) {
      try {
        addresses.add(HostPortConverter.validate(part));
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.ParameterException(
            mixee.commandLine(), CliEnvironment.BOOTSTRAP_ENV + ": " + e.getMessage());
      }
    }
    return List.copyOf(addresses);
  }

  public ClientConfig config(CliEnvironment environment) {
    return ClientConfig.of(bootstrap(environment));
  }
}
