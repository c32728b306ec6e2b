package io.raftq.cli.bench;

import io.raftq.cli.Checks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the producing side of a bench run. */
final class ProducerOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--producers",
      defaultValue = "4",
      paramLabel = "P",
      description = "Producers, each with its own client and connections (default: ${DEFAULT-VALUE}).")
  int producers;

  @Option(
      names = "--in-flight",
      defaultValue = "1000",
      paramLabel = "W",
      description = "Unconfirmed messages allowed per producer (default: ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "R",
      description = "Messages per second in total over all producers; 0 = as fast as --in-flight allows.")
  long rate;

  @Option(
      names = "--size",
      defaultValue = "1024",
      paramLabel = "BYTES",
      description = "Payload size (default: ${DEFAULT-VALUE}).")
  int sizeBytes;

  void validate(int minSizeBytes) {
    Checks.atLeast(mixee, producers, 1, "--producers");
    Checks.atLeast(mixee, inFlight, 1, "--in-flight");
    Checks.atLeast(mixee, rate, 0, "--rate");
    Checks.require(
        mixee, rate == 0 || rate >= producers, "--rate (" + rate + ") must be 0 or at least --producers (" + producers + ")");
    Checks.atLeast(mixee, sizeBytes, minSizeBytes, "--size");
  }

  String describeRate() {
    return rate == 0 ? "unlimited" : Long.toString(rate);
  }
}
