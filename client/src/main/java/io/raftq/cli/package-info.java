/**
 * The user-facing {@code raftq} commands (queue admin, send, receive, ack, nack, bench) as picocli commands on
 * top of the public client API only. {@link io.raftq.cli.RaftqCli#run} is the entry point; commands reach the
 * cluster through a {@link io.raftq.cli.ClientFactory} so tests can run them against an in-memory fake.
 */
package io.raftq.cli;
