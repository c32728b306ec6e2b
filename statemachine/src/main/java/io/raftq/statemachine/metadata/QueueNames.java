package io.raftq.statemachine.metadata;

import java.util.regex.Pattern;

/** What a queue may be called: 1-200 of letters, digits, '.', '_' and '-'. */
public final class QueueNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private QueueNames() {}

  /** @throws IllegalArgumentException naming the rule the name breaks */
  public static void check(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid queue name '" + name + "': use 1-200 letters, digits, '.', '_' or '-'");
    }
  }
}
