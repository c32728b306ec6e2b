package io.raftq.protocol;

/** A cluster member and the address clients reach it at. */
public record NodeInfo(String id, String clientAddress) {}
