/**
 * Cluster membership: who the nodes are ({@link io.raftq.server.membership.ClusterDirectory}), where partitions
 * should be ({@link io.raftq.server.membership.MovePlanner}, pure), which nodes vote in the metadata group
 * ({@link io.raftq.server.membership.MetadataRoles}, pure) and the metadata leader's loop that moves both there one
 * Raft configuration change at a time ({@link io.raftq.server.membership.ReplicaMover}).
 */
package io.raftq.server.membership;
