/**
 * Where partition replicas go: rendezvous (highest random weight) hashing with a bound on load per node and
 * replicas spread over zones. Pure and deterministic: the same nodes and partitions give the same placement on
 * every node, in any order they are given.
 */
package io.raftq.statemachine.placement;
