package io.raftq.server.sqs.wire;

import java.util.Map;

/** An HTTP answer as a wire protocol renders it: status, content type, extra headers and body. */
public record WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {}
