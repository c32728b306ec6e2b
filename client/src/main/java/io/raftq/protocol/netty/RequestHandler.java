package io.raftq.protocol.netty;

import io.netty.channel.Channel;
import io.raftq.protocol.Request;

/**
 * The server's side of the front door. The pipeline calls it only after a successful handshake, never with
 * {@link io.raftq.protocol.Request.Hello} (the pipeline answers Hello itself).
 */
public interface RequestHandler {

  /**
   * Handles one request. Called on the connection's event loop, in frame order per connection: must not block
   * (hand slow work to another thread and {@link RequestContext#reply reply} from there). Every request must be
   * answered exactly once, including {@link Request.CancelWait} (with {@code Ok}) and the waiting
   * {@link Request.Receive} it ends (with an empty {@code Received}). An exception thrown here is logged and
   * answered with {@code Error(UNKNOWN)} if the request was not answered yet; the connection stays open.
   */
  void handle(RequestContext ctx, Request request);

  /**
   * The connection closed (by either side). Called once per connection that reached the handshake, on its event
   * loop, after its last {@link #handle}. Replies to its requests are no-ops from now on; use this to drop their
   * waits. Exceptions are logged and ignored.
   */
  default void connectionClosed(Channel channel) {}
}
