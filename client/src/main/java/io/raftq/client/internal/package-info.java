/**
 * Implementation of the client library, not a public API: pipelined connections, routing and retries, the
 * per-partition send accumulator and the receive fan-out. May change without notice.
 */
package io.raftq.client.internal;
