/**
 * The only package that configures Apache Ratis: {@link io.raftq.raft.RaftSettings} sets every key we rely on in
 * one place, {@link io.raftq.raft.GroupIds} names groups deterministically, {@link io.raftq.raft.ClusterMembers}
 * maps node ids to addresses, {@link io.raftq.raft.RaftNode} owns the server and its groups.
 */
package io.raftq.raft;
