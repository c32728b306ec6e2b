/** Leader balance: each node hands the partitions it leads but should not back to their preferred replicas. */
package io.raftq.server.balance;
