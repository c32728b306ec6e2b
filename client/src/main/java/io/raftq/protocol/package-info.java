/** The client wire protocol: request and response records, error codes, the frame codec. See docs/PROTOCOL.md. */
package io.raftq.protocol;
