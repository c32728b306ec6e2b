/** The metadata state machine: queue definitions replicated in the cluster-wide metadata group. */
package io.raftq.statemachine.metadata;
