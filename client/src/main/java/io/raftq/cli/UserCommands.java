package io.raftq.cli;

import io.raftq.cli.bench.BenchCli;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The user-facing commands, for mounting under a top-level command: {@code queue}, {@code send},
 * {@code receive}, {@code ack}, {@code nack} and {@code bench}. Each element is a {@link CommandLine}, which
 * picocli's {@code addSubcommand(Object)} accepts.
 */
public final class UserCommands {
  private static final List<Class<?>> COMMANDS =
      List.of(QueueCli.class, SendCli.class, ReceiveCli.class, AckCli.class, NackCli.class, DlqCli.class,
          MessageCli.class, TopicCli.class, StreamCli.class, ClusterCli.class,
          BenchCli.class);

  private UserCommands() {}

  /** The commands wired to the real client, process environment and stdin. */
  public static List<Object> all() {
    return all(CliEnvironment.system());
  }

  public static List<Object> all(CliEnvironment environment) {
    CliFactory factory = new CliFactory(environment);
    List<Object> commands = new ArrayList<>();
    for (Class<?> command : COMMANDS) {
      commands.add(new CommandLine(command, factory));
    }
    return commands;
  }
}
