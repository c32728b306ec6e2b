/**
 * Netty glue for the raftq protocol: stock length-prefixed framing, frame encoders/decoders, and the server-side
 * pipeline ({@link io.raftq.protocol.netty.ServerPipeline}) that enforces the handshake and turns malformed input
 * into error frames. The server module builds its front door on this package; the client library its
 * connections.
 */
package io.raftq.protocol.netty;
