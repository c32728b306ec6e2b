package io.raftq.chaos.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checker's verdict: whether the property held, named counts, and up to {@value #MAX_EXAMPLES} examples per
 * anomaly (like Jepsen's condensed errors).
 */
public record CheckResult(
    String checker, boolean valid, Map<String, Long> counts, Map<String, List<String>> examples) {
  public static final int MAX_EXAMPLES = 32;

  public CheckResult {
    counts = Map.copyOf(counts);
    examples = Map.copyOf(examples);
  }

  /** A verdict with counts and no examples, for facts the run establishes itself (e.g. the drain finished). */
  public static CheckResult of(String checker, boolean valid, Map<String, Long> counts) {
    return new CheckResult(checker, valid, counts, Map.of());
  }

  /** The count named {@code name}, 0 when absent. */
  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** The examples of anomaly {@code name}, empty when absent. */
  public List<String> examples(String name) {
    return examples.getOrDefault(name, List.of());
  }

  /** Collects counts and bounded examples in insertion order. */
  static final class Builder {
    private final String checker;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    Builder(String checker) {
      this.checker = checker;
    }

    Builder count(String name, long value) {
      counts.put(name, value);
      return this;
    }

    Builder example(String anomaly, String example) {
      List<String> list = examples.computeIfAbsent(anomaly, k -> new ArrayList<>());
      if (list.size() < MAX_EXAMPLES) {
        list.add(example);
      }
      return this;
    }

    CheckResult build(boolean valid) {
      Map<String, List<String>> frozen = new LinkedHashMap<>();
      examples.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new CheckResult(checker, valid, counts, frozen);
    }
  }
}
