package io.raftq.cli.bench;

import io.raftq.cli.HelpOption;
import io.raftq.cli.MissingSubcommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq bench produce|consume|e2e}. */
@Command(
    name = "bench",
    description = {
      "Load generators for the standard workloads. Prints msgs/s, MB/s and latency percentiles at the end and"
          + " a progress line every 5 s on stderr."
    },
    subcommands = {BenchProduceCli.class, BenchConsumeCli.class, BenchE2eCli.class},
    footer = {
      "",
      "Examples (the standard workloads W1-W3):",
      "  W1: raftq bench produce --queue w1 --create-partitions 4 --producers 4 \\",
      "        --in-flight 1000 --size 1024 --duration 30s --warmup 5s",
      "  W2: raftq bench produce --queue w2 --create-partitions 4 --messages 500000",
      "      raftq bench consume --queue w2 --consumers 4 --messages 500000",
      "  W3: raftq bench e2e --queue w3 --create-partitions 4 --producers 1 \\",
      "        --consumers 1 --rate 2000 --duration 30s --warmup 5s"
    })
public final class BenchCli implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;

  @Override
  public Integer call() throws Exception {
    return MissingSubcommand.fail(spec).call();
  }
}
