package io.raftq.statemachine.partition;

import java.util.function.Consumer;

/**
 * A fault hook for tests: runs after each command's logic, inside its isolation, so a test can make a command
 * throw after it changed state. Package-private and never set by production code; tests in this package (or a
 * test helper declared in it) install it.
 */
final class ApplyFaults {
  private static final Consumer<PartitionCommand> NONE = c -> {};
  private static volatile Consumer<PartitionCommand> afterCommand = NONE;

  private ApplyFaults() {}

  static void afterCommand(PartitionCommand command) {
    afterCommand.accept(command);
  }

  /** Installs {@code hook} (it may throw) for every partition in this JVM; {@link #clear} removes it. */
  static void install(Consumer<PartitionCommand> hook) {
    afterCommand = hook;
  }

  static void clear() {
    afterCommand = NONE;
  }
}
