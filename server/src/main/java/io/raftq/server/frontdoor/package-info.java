/**
 * The node's client-facing front door: turns protocol requests into metadata operations or partition commands on
 * the partition's leader, and results back into responses.
 */
package io.raftq.server.frontdoor;
