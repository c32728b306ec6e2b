/** The {@code raftq} entry point: the user commands from the client module plus {@code raftq node start}. */
package io.raftq.server.cli;
