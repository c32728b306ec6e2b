/** Clock sources for stamping Raft entries, including the offset clock used by fault-injection tests. */
package io.raftq.server.clock;
