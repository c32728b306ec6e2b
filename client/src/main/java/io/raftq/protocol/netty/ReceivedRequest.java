package io.raftq.protocol.netty;

import io.raftq.protocol.RequestFrame;

/** A decoded request and the size of its frame's contents (what it costs the connection while outstanding). */
record ReceivedRequest(RequestFrame frame, int frameBytes) {}
