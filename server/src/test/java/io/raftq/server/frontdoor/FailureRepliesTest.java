package io.raftq.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.RequestFrame;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.protocol.netty.ServerPipeline;
import io.raftq.raft.ClusterMembers;
import io.raftq.raft.GroupIds;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.store.StoreClosedException;
import io.raftq.statemachine.store.StoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

/**
 * Every way a front-door step can fail becomes one typed error frame, through the real server pipeline on an
 * {@link EmbeddedChannel}: a throw on the event loop, a future completed exceptionally, a callback that throws.
 */
class FailureRepliesTest {
  static final Member N2 = new Member("n2", new HostPort("127.0.0.1", 9192), new HostPort("127.0.0.1", 9092));
  final FailureReplies replies = new FailureReplies(new RaftErrors(
      new ClusterDirectory(new MetadataLogic(), new ClusterMembers(List.of(N2)), "")));

  /** A channel whose handler runs {@code step} for every request. */
  private EmbeddedChannel channel(BiConsumer<RequestContext, FailureReplies> step) {
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel c) {
        new ServerPipeline(ServerPipeline.Settings.of("n1"), (ctx, request) -> step.accept(ctx, replies))
            .install(c.pipeline());
      }
    });
    ch.writeInbound(frame(new RequestFrame(1, new Request.Hello(ProtocolCodec.PROTOCOL_VERSION, "t"))));
    assertThat(read(ch).response()).isInstanceOf(Response.HelloOk.class);
    return ch;
  }

  private Response.Error errorFor(BiConsumer<RequestContext, FailureReplies> step) {
    EmbeddedChannel ch = channel(step);
    ch.writeInbound(frame(new RequestFrame(7, new Request.ListQueues())));
    ResponseFrame f = read(ch);
    assertThat(f.requestId()).isEqualTo(7);
    assertThat(ch.isActive()).isTrue();
    assertThat((Object) ch.readOutbound()).as("exactly one answer").isNull();
    return (Response.Error) f.response();
  }

  private Response.Error futureFailedWith(Throwable failure) {
    return errorFor((ctx, r) -> r.onSuccess(ctx, CompletableFuture.failedFuture(failure),
        v -> ctx.reply(new Response.QueueList(List.of()))));
  }

  @Test
  void aThrowOnTheEventLoopIsAnInternalErrorWithAShortMessage() {
    Response.Error e = errorFor((ctx, r) -> r.guard(ctx, () -> {
      throw new NullPointerException("x".repeat(1000));
    }));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(e.message()).startsWith("internal error: NullPointerException: xxx").hasSizeLessThan(260);
  }

  @Test
  void aCallbackThatThrowsIsAnswered() {
    CompletableFuture<String> later = new CompletableFuture<>();
    EmbeddedChannel ch = channel((ctx, r) -> r.onSuccess(ctx, later, v -> {
      throw new IllegalStateException("bug in the callback for " + v);
    }));
    ch.writeInbound(frame(new RequestFrame(7, new Request.ListQueues())));
    ch.runPendingTasks();
    assertThat((Object) ch.readOutbound()).as("nothing before the future completes").isNull();
    later.complete("v");
    Response.Error e = (Response.Error) read(ch).response();
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(e.message()).isEqualTo("internal error: IllegalStateException: bug in the callback for v");
  }

  @Test
  void aGuardedWhenCompleteCallbackThatThrowsIsAnswered() {
    CompletableFuture<String> later = new CompletableFuture<>();
    EmbeddedChannel ch = channel((ctx, r) -> later.whenComplete(r.guarded(ctx, (v, t) -> {
      throw new ClassCastException("wrong result type");
    })));
    ch.writeInbound(frame(new RequestFrame(7, new Request.ListQueues())));
    later.complete("v");
    assertThat(((Response.Error) read(ch).response()).code()).isEqualTo(ErrorCode.UNKNOWN);
  }

  @Test
  void aStoreClosedForASnapshotInstallOrQuiescenceIsRetriableUnavailable() {
    Response.Error e = futureFailedWith(new CompletionException(new StoreClosedException("closed")));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.code().isRetriable()).isTrue();
    assertThat(e.message()).contains("snapshot install or quiescence");
    // Thrown synchronously by a read in a step: the same answer.
    assertThat(errorFor((ctx, r) -> r.guard(ctx, () -> {
      throw new StoreClosedException("closed");
    })).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void existingCodesAreKept() {
    NotLeaderException notLeader = new NotLeaderException(
        RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), GroupIds.METADATA),
        RaftPeer.newBuilder().setId("n2").setAddress("127.0.0.1:9192").build(), List.of());
    Response.Error redirect = futureFailedWith(new CompletionException(notLeader));
    assertThat(redirect.code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(redirect.leaderAddress()).isEqualTo("127.0.0.1:9092");
    assertThat(futureFailedWith(new TimeoutException()).code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(futureFailedWith(new RejectedExecutionException()).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
    assertThat(futureFailedWith(new StoreException("get failed", null)).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(futureFailedWith(new java.io.IOException("raft")).code()).isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void aStepThatAnsweredAndThenThrewKeepsItsAnswer() {
    EmbeddedChannel ch = channel((ctx, r) -> r.guard(ctx, () -> {
      ctx.reply(new Response.QueueList(List.of()));
      throw new IllegalStateException("after the answer");
    }));
    ch.writeInbound(frame(new RequestFrame(7, new Request.ListQueues())));
    assertThat(read(ch).response()).isEqualTo(new Response.QueueList(List.of()));
    assertThat((Object) ch.readOutbound()).isNull();
  }

  static ByteBuf frame(RequestFrame f) {
    ByteBuf contents = Unpooled.buffer();
    ProtocolCodec.encodeRequest(f, contents);
    return Unpooled.buffer().writeInt(contents.readableBytes()).writeBytes(contents);
  }

  /** Reads one response; the prepender emits the length and the contents as two buffers. */
  static ResponseFrame read(EmbeddedChannel ch) {
    ch.runPendingTasks();
    ByteBuf prefix = ch.readOutbound();
    ByteBuf contents = ch.readOutbound();
    assertThat(prefix).as("an answer").isNotNull();
    try {
      return ProtocolCodec.decodeResponse(contents);
    } finally {
      prefix.release();
      contents.release();
    }
  }
}
