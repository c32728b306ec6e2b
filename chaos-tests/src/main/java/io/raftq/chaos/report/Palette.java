package io.raftq.chaos.report;

import io.raftq.chaos.history.OpType;
import java.util.Map;

/** Colours, so every chart and page agrees: Jepsen's for op types, a fixed one per fault kind, a cycle per f. */
final class Palette {
  static final String OK = "#81BFFC";
  static final String INFO = "#FFA400";
  static final String FAIL = "#FF1E90";

  /** Distinct from the op-type colours, so an f's line or outline never reads as a verdict. */
  private static final String[] SERIES = {"#1F77B4", "#2CA02C", "#9467BD", "#8C564B", "#17BECF", "#7F7F7F", "#BCBD22"};

  private static final Map<String, String> KINDS = Map.of(
      "partition", "#9467BD",
      "kill", "#D62728",
      "pause", "#8C564B",
      "clock", "#17BECF",
      "disk", "#7F7F7F",
      "restart", "#2CA02C",
      "membership", "#BCBD22");

  private Palette() {}

  static String of(OpType type) {
    return switch (type) {
      case OK -> OK;
      case INFO -> INFO;
      case FAIL -> FAIL;
      case INVOKE -> "#999999";
    };
  }

  static String verdict(boolean valid) {
    return valid ? OK : FAIL;
  }

  /** The colour of the {@code i}-th series (f) of a chart. */
  static String series(int i) {
    return SERIES[i % SERIES.length];
  }

  /** The colour of a fault kind (partition, kill, ...), grey for kinds without one. */
  static String kind(String kind) {
    return KINDS.getOrDefault(kind, "#444444");
  }
}
