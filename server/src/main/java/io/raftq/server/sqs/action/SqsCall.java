package io.raftq.server.sqs.action;

import java.util.function.Predicate;

/**
 * One SQS request after decoding and authentication: the action, its input, the host the caller reached (queue
 * URLs point back at it), who is calling ({@code senderId}, SQS's SenderId attribute) and which queues they may use.
 */
public record SqsCall(String action, Params params, String host, String senderId, Predicate<String> mayUse) {}
