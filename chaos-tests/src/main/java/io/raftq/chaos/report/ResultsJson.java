package io.raftq.chaos.report;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Json;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The machine-readable verdict of a run, {@code results.json}:
 * <pre>
 * {"scenario":s, "seed":n, "gitSha":s, "nodes":n, "valid":b, "reproduce":s, "started":iso, "ended":iso,
 *  "mainPhaseMs":n, "opCounts":{f:{"invoke":n,"ok":n,"fail":n,"info":n}, ...},
 *  "checkers":[{"name":s, "valid":b, "counts":{name:n, ...}, "examples":{anomaly:[s, ...], ...}}, ...]}
 * </pre>
 * Counts and examples are written in name order so two runs' files diff cleanly.
 */
public final class ResultsJson {
  /** The counts an index shows for each run, in column order, each with the checker that reports it. */
  private static final List<Map.Entry<String, String>> HEADLINE = List.of(
      Map.entry("total-queue", "acknowledged-count"),
      Map.entry("total-queue", "lost-count"),
      Map.entry("total-queue", "duplicated-count"),
      Map.entry("total-queue", "unexpected-count"),
      Map.entry("liveness", "max-recovery-ms"));

  /** The names of the headline counts, in column order. */
  public static final List<String> HEADLINE_COUNTS = HEADLINE.stream().map(Map.Entry::getValue).toList();

  /** What an index needs of one run; {@code counts} holds the headline counts the run reported, by name. */
  public record Headline(String scenario, long seed, boolean valid, Map<String, Long> counts) {}

  private ResultsJson() {}

  /** Writes {@code file}, replacing it. */
  public static void write(Path file, History history, RunSummary summary) {
    try {
      Files.writeString(file, Json.write(toMap(history, summary)) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  private static Map<String, Object> toMap(History history, RunSummary summary) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("scenario", summary.scenario());
    map.put("seed", summary.seed());
    map.put("gitSha", summary.gitSha());
    map.put("nodes", summary.nodes());
    map.put("valid", summary.valid());
    map.put("reproduce", summary.reproduce());
    map.put("started", summary.started());
    map.put("ended", summary.ended());
    map.put("mainPhaseMs", summary.mainPhase().toMillis());
    Map<String, Object> opCounts = new LinkedHashMap<>();
    OpCounts.of(history).forEach((f, byType) -> opCounts.put(f, byTypeName(byType)));
    map.put("opCounts", opCounts);
    List<Object> checkers = new ArrayList<>();
    summary.results().forEach(result -> checkers.add(checkerMap(result)));
    map.put("checkers", checkers);
    return map;
  }

  private static Map<String, Object> byTypeName(Map<OpType, Long> byType) {
    Map<String, Object> named = new LinkedHashMap<>();
    byType.forEach((type, count) -> named.put(type.jsonName(), count));
    return named;
  }

  private static Map<String, Object> checkerMap(CheckResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", result.checker());
    map.put("valid", result.valid());
    map.put("counts", new TreeMap<>(result.counts()));
    map.put("examples", new TreeMap<>(result.examples()));
    return map;
  }

  /** Reads the headline of a file {@link #write} wrote; throws {@link IllegalArgumentException} if malformed. */
  public static Headline read(Path file) {
    Object root;
    try {
      root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    String scenario = Values.string(root, "scenario");
    Long seed = Values.number(root, "seed");
    if (scenario == null || seed == null || !(valueOf(root, "valid") instanceof Boolean valid)) {
      throw new IllegalArgumentException(file + " lacks scenario, seed or valid");
    }
    return new Headline(scenario, seed, valid, headlineCounts(Values.list(root, "checkers")));
  }

  private static Map<String, Long> headlineCounts(List<?> checkers) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, String> wanted : HEADLINE) {
      checkers.stream()
          .filter(c -> wanted.getKey().equals(Values.string(c, "name")))
          .map(c -> Values.number(valueOf(c, "counts"), wanted.getValue()))
          .filter(Objects::nonNull)
          .findFirst()
          .ifPresent(count -> counts.put(wanted.getValue(), count));
    }
    return Collections.unmodifiableMap(counts);
  }

  private static Object valueOf(Object map, String key) {
    return map instanceof Map<?, ?> m ? m.get(key) : null;
  }
}
