/** Leader balance: each node hands partitions it leads to less loaded replicas, one at a time. */
package io.raftq.server.balance;
