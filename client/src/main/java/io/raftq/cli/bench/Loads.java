package io.raftq.cli.bench;

import java.util.concurrent.atomic.AtomicBoolean;

/** Starts the producer and consumer workers of a run, each on its own client from the pool. */
final class Loads {
  private Loads() {}

  /** Producers use clients {@code 0..P-1}; {@code runId} != 0 stamps payloads for end-to-end latency. */
  static void startProducers(
      Workers workers,
      ClientPool clients,
      ProducerOptions options,
      BenchRunOptions run,
      RunWindow window,
      BenchCounters counters,
      long runId) {
    Payloads payloads = new Payloads(options.sizeBytes);
    for (int i = 0; i < options.producers; i++) {
      ProducerWorker.Plan plan =
          new ProducerWorker.Plan(
              run.queue,
              BenchRunOptions.share(run.messageQuota(), options.producers, i),
              options.rate == 0 ? 0 : BenchRunOptions.share(options.rate, options.producers, i),
              options.inFlight,
              runId);
      workers.start(
          "producer-" + i, new ProducerWorker(clients.get(i).producer(), plan, window, counters, payloads));
    }
  }

  /**
   * Consumers use clients {@code firstClient..firstClient+C-1}; with {@code subscribe}, each is a streaming
   * {@link SubscribeWorker}, else a receive-then-ack {@link ConsumerWorker}.
   */
  static void startConsumers(
      Workers workers,
      ClientPool clients,
      int firstClient,
      ConsumerWorker.Plan plan,
      int consumers,
      boolean subscribe,
      RunWindow window,
      BenchCounters counters,
      AtomicBoolean stop) {
    for (int i = 0; i < consumers; i++) {
      io.raftq.client.Consumer consumer = clients.get(firstClient + i).consumer();
      Runnable worker = subscribe
          ? new SubscribeWorker(consumer, plan, window, counters, stop)
          : new ConsumerWorker(consumer, plan, window, counters, stop);
      workers.start("consumer-" + i, worker);
    }
  }
}
