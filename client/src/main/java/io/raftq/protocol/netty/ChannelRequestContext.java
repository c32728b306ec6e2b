package io.raftq.protocol.netty;

import io.netty.channel.Channel;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RequestContext} of one frame on one channel; the first reply wins and ends its share of the load. */
final class ChannelRequestContext implements RequestContext {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelRequestContext.class);

  private final Channel channel;
  private final int requestId;
  private final Request request;
  private final Runnable onAnswered;
  private final AtomicBoolean replied = new AtomicBoolean();

  /** {@code onAnswered} runs once, when the first reply is claimed (from the replying thread). */
  ChannelRequestContext(Channel channel, int requestId, Request request, Runnable onAnswered) {
    this.channel = channel;
    this.requestId = requestId;
    this.request = request;
    this.onAnswered = onAnswered;
  }

  @Override
  public int requestId() {
    return requestId;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public boolean reply(Response response) {
    Objects.requireNonNull(response, "response");
    ResponseFrame frame;
    IllegalArgumentException misuse = null;
    try {
      frame = ResponseFrame.answering(requestId, request, response);
    } catch (IllegalArgumentException e) {
      misuse = e;
      frame = ResponseFrame.error(requestId, new Response.Error(ErrorCode.UNKNOWN, "internal error: bad response"));
    }
    boolean sent = send(frame);
    if (misuse != null) {
      throw misuse;
    }
    return sent;
  }

  /** True if this call claimed the reply and the channel was open. */
  boolean replyIfUnanswered(Response.Error error) {
    return send(ResponseFrame.error(requestId, error));
  }

  private boolean send(ResponseFrame frame) {
    if (!replied.compareAndSet(false, true)) {
      return false;
    }
    onAnswered.run();
    if (!channel.isActive()) {
      return false;
    }
    channel.writeAndFlush(frame).addListener(f -> {
      // An encoding failure (e.g. a null required field) must not leave the client waiting forever.
      if (!f.isSuccess() && channel.isActive()) {
        LOG.error("could not send the answer to request {} ({})", requestId, request, f.cause());
        channel.writeAndFlush(ResponseFrame.error(requestId,
            new Response.Error(ErrorCode.UNKNOWN, "internal error: could not encode the response")));
      }
    });
    return true;
  }
}
