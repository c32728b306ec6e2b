/** Queue definitions on a node: writes and linearizable reads of the metadata group, and the reconciler. */
package io.raftq.server.metadata;
