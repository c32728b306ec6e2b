package io.raftq.client;

import io.raftq.protocol.Delivery;

/**
 * Processes one message of a {@link Subscription}. Returning acks the message, storing the returned bytes (may be
 * null, at most 1 KiB) as its result in the group's consumer dedup table; throwing nacks it, with the exception's
 * message as the reason.
 */
@FunctionalInterface
public interface MessageHandler {
  byte[] handle(Delivery message) throws Exception;
}
