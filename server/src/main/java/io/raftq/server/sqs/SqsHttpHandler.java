package io.raftq.server.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.raftq.server.sqs.action.Failures;
import io.raftq.server.sqs.action.Params;
import io.raftq.server.sqs.action.SqsActions;
import io.raftq.server.sqs.action.SqsCall;
import io.raftq.server.sqs.auth.SigV4Verifier;
import io.raftq.server.sqs.auth.SqsCredentials;
import io.raftq.server.sqs.wire.JsonWire;
import io.raftq.server.sqs.wire.QueryWire;
import io.raftq.server.sqs.wire.SqsWire;
import io.raftq.server.sqs.wire.WireResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQS HTTP request: picks the wire protocol (JSON when {@code X-Amz-Target} is set, else query), checks the
 * signature, decodes the input, runs the action and writes its answer or error in the same protocol. Nothing here
 * blocks the event loop: actions answer through futures.
 */
@ChannelHandler.Sharable
final class SqsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(SqsHttpHandler.class);
  private static final JsonWire JSON = new JsonWire();
  private static final QueryWire QUERY = new QueryWire();

  private final SqsActions actions;
  /** Null: signatures are not checked. */
  private final SigV4Verifier verifier;
  private final String fallbackHost;

  SqsHttpHandler(SqsActions actions, SqsCredentials credentials, String fallbackHost) {
    this.actions = actions;
    this.verifier = credentials == null ? null : new SigV4Verifier(credentials);
    this.fallbackHost = fallbackHost;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String requestId = UUID.randomUUID().toString();
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    String target = req.headers().get("X-Amz-Target");
    SqsWire wire = target != null ? JSON : QUERY;
    String action = null;
    try {
      byte[] body = ByteBufUtil.getBytes(req.content());
      QueryStringDecoder uri = new QueryStringDecoder(req.uri());
      String senderId;
      Predicate<String> mayUse;
      if (verifier != null) {
        SqsCredentials.Key key = verifier.verify(new SigV4Verifier.SignedRequest(req.method().name(),
            uri.rawPath(), uri.rawQuery(), name -> req.headers().getAll(name), body), Instant.now());
        senderId = key.accessKeyId();
        mayUse = key::mayUse;
      } else {
        String claimed = SigV4Verifier.claimedAccessKey(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        senderId = claimed != null ? claimed : "anonymous";
        mayUse = q -> true;
      }
      ObjectNode input;
      if (target != null) {
        action = JsonWire.action(target);
        input = JsonWire.input(body);
      } else {
        Map<String, List<String>> parameters;
        try {
          parameters = queryParameters(req, uri, body);
        } catch (IllegalArgumentException e) {
          throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Malformed query string or form body: "
              + e.getMessage());
        }
        List<String> a = parameters.get("Action");
        if (a == null || a.isEmpty()) {
          throw new SqsError(SqsError.Code.MISSING_PARAMETER, "The request must contain the parameter Action.");
        }
        action = a.get(0);
        input = QueryWire.input(action, parameters);
        if (!input.has("QueueUrl") && uri.path().split("/").length == 3) {
          // Older clients post to the queue's URL instead of naming it.
          input.put("QueueUrl", uri.path());
        }
      }
      String host = req.headers().get(HttpHeaderNames.HOST, fallbackHost);
      String named = action;
      CompletableFuture<ObjectNode> result = actions.run(new SqsCall(action, new Params(input), host, senderId,
          mayUse));
      result.whenComplete((out, t) -> {
        try {
          write(ctx, keepAlive, t == null ? wire.answer(named, out, requestId)
              : errorResponse(wire, named, Failures.toSqs(t), requestId));
        } catch (RuntimeException e) {
          LOG.warn("SQS {} answer could not be written: {}", named, e.toString());
          try {
            write(ctx, false, wire.error(Failures.toSqs(e), requestId));
          } catch (RuntimeException again) {
            ctx.close();
          }
        }
      });
    } catch (SqsError e) {
      write(ctx, keepAlive, errorResponse(wire, action, e, requestId));
    } catch (RuntimeException e) {
      write(ctx, keepAlive, errorResponse(wire, action, Failures.toSqs(e), requestId));
    }
  }

  private static Map<String, List<String>> queryParameters(FullHttpRequest req, QueryStringDecoder uri, byte[] body) {
    if (req.method().equals(HttpMethod.POST) && body.length > 0) {
      Map<String, List<String>> form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), false)
          .parameters();
      if (!uri.parameters().isEmpty()) {
        java.util.Map<String, List<String>> both = new java.util.LinkedHashMap<>(uri.parameters());
        both.putAll(form);
        return both;
      }
      return form;
    }
    return uri.parameters();
  }

  private static WireResponse errorResponse(SqsWire wire, String action, SqsError e, String requestId) {
    if (e.code() == SqsError.Code.INTERNAL_FAILURE) {
      LOG.warn("SQS {} failed: {}", action, e.getMessage());
    }
    return wire.error(e, requestId);
  }

  private static void write(ChannelHandlerContext ctx, boolean keepAlive, WireResponse r) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    response.headers().set(HttpHeaderNames.DATE, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
    r.headers().forEach((k, v) -> response.headers().set(k, v));
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("SQS connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
