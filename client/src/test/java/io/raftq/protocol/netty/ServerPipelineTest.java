package io.raftq.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.RequestFrame;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.protocol.Samples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server pipeline over an {@link EmbeddedChannel}: framing, handshake, malformed input, replies. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerPipelineTest {
  private static final int MAX_FRAME_BYTES = 1024;

  /** Records requests; answers each with what {@link #answer} returns (null = answer later). */
  private final List<RequestContext> handled = new CopyOnWriteArrayList<>();
  private final List<Channel> closed = new CopyOnWriteArrayList<>();
  private java.util.function.Function<Request, Response> answer = r -> new Response.Ok();

  private EmbeddedChannel channel() {
    RequestHandler handler = new RequestHandler() {
      @Override
      public void handle(RequestContext ctx, Request request) {
        handled.add(ctx);
        Response r = answer.apply(request);
        if (r != null) {
          ctx.reply(r);
        }
      }

      @Override
      public void connectionClosed(Channel channel) {
        closed.add(channel);
      }
    };
    return new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        new ServerPipeline(new ServerPipeline.Settings(MAX_FRAME_BYTES, "node-1", MAX_FRAME_BYTES,
            ConnectionLimits.DEFAULTS), handler).install(ch.pipeline());
      }
    });
  }

  static ByteBuf frame(RequestFrame f) {
    ByteBuf contents = Unpooled.buffer();
    ProtocolCodec.encodeRequest(f, contents);
    return Unpooled.buffer().writeInt(contents.readableBytes()).writeBytes(contents);
  }

  /** Reads one response; the prepender emits the length and the contents as two buffers. */
  static ResponseFrame readResponse(EmbeddedChannel ch) {
    ch.runPendingTasks();
    ByteBuf prefix = ch.readOutbound();
    ByteBuf contents = ch.readOutbound();
    assertThat(prefix).as("an outbound frame").isNotNull();
    assertThat(contents).as("an outbound frame").isNotNull();
    try {
      assertThat(prefix.readInt()).isEqualTo(contents.readableBytes());
      return ProtocolCodec.decodeResponse(contents);
    } finally {
      prefix.release();
      contents.release();
    }
  }

  private EmbeddedChannel handshaken() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(frame(new RequestFrame(1, new Request.Hello(ProtocolCodec.PROTOCOL_VERSION, "t"))));
    assertThat(readResponse(ch).response()).isEqualTo(new Response.HelloOk(ProtocolCodec.PROTOCOL_VERSION, "node-1"));
    return ch;
  }

  private static Response.Error expectErrorAndClose(EmbeddedChannel ch, int requestId) {
    ResponseFrame f = readResponse(ch);
    assertThat(f.isError()).isTrue();
    assertThat(f.requestId()).isEqualTo(requestId);
    ch.runPendingTasks();
    assertThat(ch.isActive()).as("connection closed").isFalse();
    return (Response.Error) f.response();
  }

  @Test
  void helloIsAnsweredWithVersionAndNodeId() {
    EmbeddedChannel ch = handshaken();
    assertThat(ch.isActive()).isTrue();
    assertThat(handled).isEmpty();
  }

  @Test
  void requestsAreDispatchedAndAnsweredUnderTheirId() {
    EmbeddedChannel ch = handshaken();
    ch.writeInbound(frame(new RequestFrame(7, new Request.DeleteQueue("q"))));
    ResponseFrame f = readResponse(ch);
    assertThat(f.requestId()).isEqualTo(7);
    assertThat(f.opcode()).isEqualTo(0x83);
    assertThat(f.response()).isEqualTo(new Response.Ok());
  }

  @Test
  void everyRequestReachesTheHandlerIntact() {
    EmbeddedChannel ch = handshaken();
    answer = r -> null;
    List<Request> sent = new ArrayList<>();
    int id = 10;
    for (Request r : Samples.requests()) {
      if (!(r instanceof Request.Hello)) {
        sent.add(r);
        ch.writeInbound(frame(new RequestFrame(id++, r)));
      }
    }
    assertThat(handled).extracting(RequestContext::request).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(sent);
  }

  @Test
  void framesSplitAcrossReadsAreReassembled() {
    EmbeddedChannel ch = handshaken();
    ByteBuf whole = frame(new RequestFrame(8, new Request.DescribeQueue("orders")));
    while (whole.isReadable()) {
      ch.writeInbound(whole.readRetainedSlice(1));
    }
    whole.release();
    assertThat(handled).hasSize(1);
    assertThat(readResponse(ch).requestId()).isEqualTo(8);
  }

  @Test
  void firstFrameMustBeHello() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(frame(new RequestFrame(3, new Request.ListQueues())));
    assertThat(expectErrorAndClose(ch, 3).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(handled).isEmpty();
    assertThat(closed).as("connectionClosed only after a handshake").isEmpty();
  }

  @Test
  void wrongVersionIsRefused() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(frame(new RequestFrame(1, new Request.Hello(99, "future"))));
    Response.Error e = expectErrorAndClose(ch, 1);
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(e.message()).contains("99");
  }

  @Test
  void malformedFrameIsAnsweredWithItsIdAndClosed() {
    EmbeddedChannel ch = handshaken();
    ByteBuf bad = Unpooled.buffer().writeInt(5 + 4).writeByte(5).writeInt(12).writeInt(-7);
    ch.writeInbound(bad);
    Response.Error e = expectErrorAndClose(ch, 12);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.message()).contains("negative");
    assertThat(closed).hasSize(1);
  }

  @Test
  void unknownOpcodeAndTrailingBytesAreInvalid() {
    EmbeddedChannel ch = handshaken();
    ch.writeInbound(Unpooled.buffer().writeInt(5).writeByte(0x42).writeInt(4));
    assertThat(expectErrorAndClose(ch, 4).message()).contains("opcode");

    EmbeddedChannel ch2 = handshaken();
    ch2.writeInbound(Unpooled.buffer().writeInt(6).writeByte(4).writeInt(5).writeByte(0));
    assertThat(expectErrorAndClose(ch2, 5).message()).contains("trailing");
  }

  @Test
  void frameTooShortForAnIdIsAnsweredUnderIdZero() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Unpooled.buffer().writeInt(2).writeByte(1).writeByte(0));
    assertThat(expectErrorAndClose(ch, 0).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void oversizedLengthPrefixIsRefusedWithoutBuffering() {
    EmbeddedChannel ch = handshaken();
    ch.writeInbound(Unpooled.buffer().writeInt(MAX_FRAME_BYTES + 1).writeByte(6));
    assertThat(expectErrorAndClose(ch, 0).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void frameOfExactlyTheLimitIsAccepted() {
    EmbeddedChannel ch = handshaken();
    byte[] payload = new byte[MAX_FRAME_BYTES - 100];
    RequestFrame f = new RequestFrame(2, new Request.Send("q", 0, List.of(new OutgoingMessage("i", null, null, payload))));
    ByteBuf wire = frame(f);
    int contents = wire.getInt(0);
    ByteBuf padded = frame(new RequestFrame(2, new Request.Send("q", 0,
        List.of(new OutgoingMessage("i", null, null, new byte[payload.length + MAX_FRAME_BYTES - contents])))));
    wire.release();
    assertThat(padded.getInt(0)).isEqualTo(MAX_FRAME_BYTES);
    ch.writeInbound(padded);
    assertThat(handled).hasSize(1);
  }

  @Test
  void negativeLengthPrefixIsTooLarge() {
    // The stock decoder reads the prefix as unsigned, so -1 is 4 GiB - 1: refused as too large.
    EmbeddedChannel ch = handshaken();
    ch.writeInbound(Unpooled.buffer().writeInt(-1).writeByte(6));
    assertThat(expectErrorAndClose(ch, 0).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void garbageBeforeHandshakeIsRefused() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    // "GET " as a length is ~1.2 GB: refused as too large, before buffering it.
    assertThat(expectErrorAndClose(ch, 0).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void handlerExceptionIsAnsweredAndTheConnectionSurvives() {
    EmbeddedChannel ch = handshaken();
    answer = r -> {
      throw new IllegalStateException("boom");
    };
    ch.writeInbound(frame(new RequestFrame(2, new Request.ListQueues())));
    ResponseFrame f = readResponse(ch);
    assertThat(((Response.Error) f.response()).code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ch.isActive()).isTrue();
    answer = r -> new Response.Ok();
    ch.writeInbound(frame(new RequestFrame(3, new Request.DeleteQueue("q"))));
    assertThat(readResponse(ch).requestId()).isEqualTo(3);
  }

  @Test
  void onlyTheFirstReplyCountsAndRepliesAfterCloseAreNoOps() throws Exception {
    EmbeddedChannel ch = handshaken();
    answer = r -> null;
    ch.writeInbound(frame(new RequestFrame(2, new Request.CancelWait(1))));
    ch.writeInbound(frame(new RequestFrame(3, new Request.CancelWait(1))));
    RequestContext first = handled.get(0);
    Thread other = new Thread(() -> assertThat(first.reply(new Response.Ok())).isTrue());
    other.start();
    other.join();
    assertThat(first.reply(new Response.Ok())).isFalse();
    assertThat(readResponse(ch).requestId()).isEqualTo(2);
    ch.close();
    assertThat(handled.get(1).reply(new Response.Ok())).isFalse();
    assertThat(closed).containsExactly(ch);
  }

  @Test
  void aResponseOfTheWrongTypeThrowsButStillAnswers() {
    EmbeddedChannel ch = handshaken();
    answer = r -> null;
    ch.writeInbound(frame(new RequestFrame(2, new Request.ListQueues())));
    assertThatThrownBy(() -> handled.get(0).reply(new Response.Ok())).isInstanceOf(IllegalArgumentException.class);
    assertThat(((Response.Error) readResponse(ch).response()).code()).isEqualTo(ErrorCode.UNKNOWN);
  }

  @Test
  void aReplyTooLargeForAFrameIsAnsweredFrameTooLargeNotDropped() {
    EmbeddedChannel ch = handshaken();
    List<io.raftq.protocol.QueueInfo> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(new io.raftq.protocol.QueueInfo("queue-" + i, 1, 30_000, 60_000, 0));
    }
    answer = r -> new Response.QueueList(many); // far above the 1024-byte reply limit
    ch.writeInbound(frame(new RequestFrame(5, new Request.ListQueues())));
    ResponseFrame f = readResponse(ch);
    assertThat(f.requestId()).isEqualTo(5);
    Response.Error e = (Response.Error) f.response();
    assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(e.message()).contains("more than a frame holds (1024)");
    assertThat(ch.isActive()).as("connection kept").isTrue();
    answer = r -> new Response.Ok();
    ch.writeInbound(frame(new RequestFrame(6, new Request.DeleteQueue("q"))));
    assertThat(readResponse(ch).response()).isEqualTo(new Response.Ok());
  }

  @Test
  void secondHelloIsInvalidButNotFatal() {
    EmbeddedChannel ch = handshaken();
    ch.writeInbound(frame(new RequestFrame(2, new Request.Hello(1, "again"))));
    assertThat(((Response.Error) readResponse(ch).response()).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(ch.isActive()).isTrue();
  }

  /** Freezes the byte layout of a Send frame: changing it breaks every deployed client. */
  @Test
  void sendFrameGoldenBytes() {
    RequestFrame f = new RequestFrame(7, new Request.Send("q", 1,
        List.of(new OutgoingMessage("m1", "k", List.of(new Header("h", "v")), "hi".getBytes(StandardCharsets.UTF_8)))));
    EmbeddedChannel ch = new EmbeddedChannel(Framing.prepender(), new RequestEncoder(MAX_FRAME_BYTES));
    ch.writeOutbound(f);
    ByteBuf head = ch.readOutbound();
    ByteBuf body = ch.readOutbound();
    String hex = ByteBufUtil.hexDump(head) + ByteBufUtil.hexDump(body);
    head.release();
    body.release();
    assertThat(hex).isEqualTo(
        "00000031" // length 49
            + "06" + "00000007" // opcode Send, request id 7
            + "00000001" + "71" // queue "q"
            + "00000001" // partition 1
            + "00000001" // 1 message
            + "00000002" + "6d31" // id "m1"
            + "00000001" + "6b" // key "k"
            + "00000001" + "00000001" + "68" + "00000001" + "76" // headers [h=v]
            + "00000002" + "6869"); // payload "hi"
  }
}
