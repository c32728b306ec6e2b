/**
 * {@code raftq bench}: load generators for the standard workloads (docs: /work/shared/bench-peers/RESULTS.md).
 * W1 = {@code produce} (send-to-confirm latency), W2 = {@code consume} (receive batches, ack each batch), W3 =
 * {@code e2e} (fixed rate, latency from each message's scheduled send time: coordinated-omission safe). Every
 * producer and consumer owns its client, as in the peer harness, and every run is bounded by a message count
 * or a duration.
 */
package io.raftq.cli.bench;
