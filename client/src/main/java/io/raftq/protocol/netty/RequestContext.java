package io.raftq.protocol.netty;

import io.netty.channel.Channel;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;

/** One request received on one connection, and the way to answer it. Thread-safe. */
public interface RequestContext {

  /** The id the client gave the request; unique among that connection's outstanding requests. */
  int requestId();

  Request request();

  /** The connection; {@code (channel(), requestId())} identifies a request (e.g. for CancelWait). */
  Channel channel();

  /**
   * Answers the request. Callable from any thread. Only the first call counts: it returns true if it queued the
   * answer, false if the request was already answered or the connection is closed (then nothing is sent). The
   * response opcode is derived from the request ({@code Ok} answers CreateQueue, DeleteQueue and CancelWait;
   * {@code ReceiptResults} answers Ack, Nack and ChangeVisibility; {@code Error} answers anything).
   *
   * @throws IllegalArgumentException if {@code response} cannot answer this request (e.g. {@code Sent} to an
   *     Ack); the client is then sent {@code Error(UNKNOWN)} so it does not hang
   */
  boolean reply(Response response);
}
