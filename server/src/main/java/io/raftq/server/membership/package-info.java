/**
 * Cluster membership: who the nodes are ({@link io.raftq.server.membership.ClusterDirectory}), where partitions
 * should be ({@link io.raftq.server.membership.MovePlanner}, pure) and the metadata leader's loop that moves them
 * there one Raft configuration change at a time ({@link io.raftq.server.membership.ReplicaMover}).
 */
package io.raftq.server.membership;
