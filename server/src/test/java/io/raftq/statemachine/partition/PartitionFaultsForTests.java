package io.raftq.statemachine.partition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Lets server tests install the partition apply fault hook ({@link ApplyFaults}, package-private). */
public final class PartitionFaultsForTests {
  private PartitionFaultsForTests() {}

  /**
   * Every enqueue whose first message carries {@code payload} throws after it wrote, on every replica in this JVM
   * (in-process clusters share the hook, so the failure is the same everywhere, as a real bug's would be).
   */
  public static void failEnqueuesOf(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    ApplyFaults.install(c -> {
      if (c instanceof Enqueue e && !e.messages().isEmpty() && Arrays.equals(e.messages().get(0).payload(), bytes)) {
        throw new IllegalStateException("injected apply fault");
      }
    });
  }

  public static void clear() {
    ApplyFaults.clear();
  }
}
