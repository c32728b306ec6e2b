/**
 * Quiescent partitions: a partition group that has been idle for a while closes on all its replicas (its Raft log
 * and state stay on disk), so it costs no heartbeats, threads or buffers; the next request for it opens it again.
 * See docs/ARCHITECTURE.md, "Quiescent partitions".
 */
package io.raftq.server.quiesce;
