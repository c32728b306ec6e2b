package io.raftq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolCodecTest {

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] encode(RequestFrame f) {
    return bytes(ProtocolCodec.encodeRequest(f));
  }

  private static byte[] encode(ResponseFrame f) {
    return bytes(ProtocolCodec.encodeResponse(f));
  }

  @Test
  void everyRequestRoundTrips() {
    int id = 1;
    for (Request r : Samples.requests()) {
      RequestFrame frame = new RequestFrame(id++, r);
      byte[] wire = encode(frame);
      RequestFrame back = ProtocolCodec.decodeRequest(ByteBuffer.wrap(wire));
      assertThat(back).usingRecursiveComparison().isEqualTo(frame);
      assertThat(encode(back)).as("re-encoding %s", r).isEqualTo(wire);
    }
  }

  @Test
  void everyResponseRoundTrips() {
    for (ResponseFrame frame : Samples.responses()) {
      byte[] wire = encode(frame);
      ResponseFrame back = ProtocolCodec.decodeResponse(ByteBuffer.wrap(wire));
      assertThat(back).usingRecursiveComparison().isEqualTo(frame);
      assertThat(encode(back)).as("re-encoding %s", frame).isEqualTo(wire);
    }
  }

  @Test
  void everyRequestOpcodeIsCovered() {
    assertThat(Samples.requests().stream().map(Opcodes::of).distinct().count()).isEqualTo(Opcodes.MAX_REQUEST);
  }

  @Test
  void everyTruncationIsAProtocolException() {
    for (Request r : Samples.requests()) {
      byte[] wire = encode(new RequestFrame(5, r));
      for (int len = 0; len < wire.length; len++) {
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(wire, len));
        assertThatThrownBy(() -> ProtocolCodec.decodeRequest(cut)).as("%s cut at %d", r, len)
            .isInstanceOf(ProtocolException.class);
      }
    }
    for (ResponseFrame f : Samples.responses()) {
      byte[] wire = encode(f);
      for (int len = 0; len < wire.length; len++) {
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(wire, len));
        assertThatThrownBy(() -> ProtocolCodec.decodeResponse(cut)).as("%s cut at %d", f, len)
            .isInstanceOf(ProtocolException.class);
      }
    }
  }

  @Test
  void anOperationIdTravelsUnderItsOwnOpcodeAfterThePlainBody() {
    byte[] plain = encode(new RequestFrame(7, new Request.DeleteQueue("q")));
    byte[] once = encode(new RequestFrame(7, new Request.DeleteQueue("q", "op")));

    assertThat(HexFormat.of().formatHex(plain)).isEqualTo("03" + "00000007" + "00000001" + "71");
    assertThat(HexFormat.of().formatHex(once)).isEqualTo("1e" + "00000007" + "00000001" + "71" + "00000002" + "6f70");
  }

  @Test
  void anOperationIdOfNoneOrMoreThan64BytesIsRefused() {
    for (String bad : new String[] {"", "x".repeat(65)}) {
      ByteBuf frame = Unpooled.buffer().writeByte(Opcodes.DELETE_QUEUE_ONCE).writeInt(4).writeInt(1)
          .writeByte('q').writeInt(bad.length()).writeBytes(bad.getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> ProtocolCodec.decodeRequest(frame)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("operation id");
      assertThatThrownBy(() -> encode(new RequestFrame(1, new Request.DeleteQueue("q", bad))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] wire = encode(new RequestFrame(3, new Request.ListQueues()));
    byte[] longer = Arrays.copyOf(wire, wire.length + 1);
    assertThatThrownBy(() -> ProtocolCodec.decodeRequest(ByteBuffer.wrap(longer)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("trailing")
        .extracting(e -> ((ProtocolException) e).requestId()).isEqualTo(3);
  }

  @Test
  void unknownOpcodesAreRejected() {
    for (int opcode : new int[] {0, Opcodes.MAX_REQUEST + 1, 0x7F, 0x81, 0xFF}) {
      ByteBuf buf = Unpooled.buffer().writeByte(opcode).writeInt(9);
      assertThatThrownBy(() -> ProtocolCodec.decodeRequest(buf)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("opcode");
    }
    for (int opcode : new int[] {0, 6, 0x80, 0x80 | (Opcodes.MAX_REQUEST + 1), 0xFE}) {
      ByteBuf buf = Unpooled.buffer().writeByte(opcode).writeInt(9);
      assertThatThrownBy(() -> ProtocolCodec.decodeResponse(buf)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("opcode");
    }
  }

  @Test
  void negativeLengthsAndCountsAreRejected() {
    // DescribeQueue with string length -2
    assertRejected(Unpooled.buffer().writeByte(Opcodes.DESCRIBE_QUEUE).writeInt(1).writeInt(-2), "negative");
    // DescribeQueue with a null (-1) name, which is required
    assertRejected(Unpooled.buffer().writeByte(Opcodes.DESCRIBE_QUEUE).writeInt(1).writeInt(-1), "null");
    // Ack with receipt count -1
    ByteBuf ack = header(Opcodes.ACK).writeInt(1).writeByte('q').writeInt(0).writeInt(1).writeByte('g');
    assertRejected(ack.writeInt(-1), "negative count");
    // Send with a payload length of -5
    ByteBuf send = header(Opcodes.SEND).writeInt(1).writeByte('q').writeInt(0).writeInt(1);
    send.writeInt(1).writeByte('i').writeInt(-1).writeInt(0).writeInt(-5);
    assertRejected(send, "negative byte array length");
  }

  @Test
  void hugeLengthsAreRejectedBeforeAllocating() {
    assertRejected(header(Opcodes.DESCRIBE_QUEUE).writeInt(Integer.MAX_VALUE), "truncated");
    ByteBuf ack = header(Opcodes.ACK).writeInt(1).writeByte('q').writeInt(0).writeInt(1).writeByte('g');
    assertRejected(ack.writeInt(Integer.MAX_VALUE), "count");
    ByteBuf send = header(Opcodes.SEND).writeInt(1).writeByte('q').writeInt(0).writeInt(1);
    send.writeInt(1).writeByte('i').writeInt(-1).writeInt(0).writeInt(Integer.MAX_VALUE);
    assertRejected(send, "truncated");
  }

  @Test
  void invalidFieldValuesAreRejected() {
    // negative partition
    assertRejected(header(Opcodes.GET_PARTITION_STATUS).writeInt(1).writeByte('q').writeInt(-1), "partition");
    // invalid UTF-8
    assertRejected(header(Opcodes.DESCRIBE_QUEUE).writeInt(2).writeByte(0xC3).writeByte(0x28), "UTF-8");
    // negative receipt field
    ByteBuf ack = header(Opcodes.ACK).writeInt(1).writeByte('q').writeInt(0).writeInt(1).writeByte('g');
    assertRejected(ack.writeInt(1).writeInt(0).writeLong(-1).writeLong(0), "receipt");
    // unknown receipt outcome, boolean not 0/1
    ByteBuf results = Unpooled.buffer().writeByte(Opcodes.ACK | 0x80).writeInt(1).writeInt(1).writeByte(9);
    assertThatThrownBy(() -> ProtocolCodec.decodeResponse(results)).isInstanceOf(ProtocolException.class);
    ByteBuf sent = Unpooled.buffer().writeByte(Opcodes.SEND | 0x80).writeInt(1).writeInt(1);
    sent.writeInt(1).writeByte('i').writeLong(0).writeByte(2);
    assertThatThrownBy(() -> ProtocolCodec.decodeResponse(sent)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("boolean");
  }

  /** A byte bound travels as RECEIVE_BOUNDED: the Receive body and {@code i32 maxBytes}, at least 1. */
  @Test
  void aBoundedReceiveHasItsOwnOpcodeAndAPositiveBound() {
    ByteBuffer plain = ProtocolCodec.encodeRequest(new RequestFrame(1, new Request.Receive("q", 0, "g", 5, -1, 0)));
    ByteBuffer bounded = ProtocolCodec.encodeRequest(
        new RequestFrame(1, new Request.Receive("q", 0, "g", 5, -1, 0, false, 4096)));

    assertThat(plain.get(0)).isEqualTo((byte) Opcodes.RECEIVE);
    assertThat(bounded.get(0)).isEqualTo((byte) Opcodes.RECEIVE_BOUNDED);
    assertThat(bounded.remaining()).isEqualTo(plain.remaining() + 4);
    assertThat(bounded.getInt(bounded.limit() - 4)).isEqualTo(4096);
    ByteBuf zero = Unpooled.copiedBuffer(bounded.duplicate());
    zero.setByte(0, Opcodes.RECEIVE_BOUNDED).setInt(zero.writerIndex() - 4, 0);
    assertRejected(zero, "maxBytes");
  }

  @Test
  void garbageNeverThrowsAnythingButProtocolException() {
    Random random = new Random(20261125L);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      if (junk.length > 0 && random.nextBoolean()) {
        junk[0] = (byte) (1 + random.nextInt(Opcodes.MAX_REQUEST)); // reach the body decoders more often
      }
      decodeQuietly(() -> ProtocolCodec.decodeRequest(ByteBuffer.wrap(junk)));
      if (junk.length > 0) {
        junk[0] = (byte) (junk[0] | 0x80);
      }
      decodeQuietly(() -> ProtocolCodec.decodeResponse(ByteBuffer.wrap(junk)));
    }
  }

  @Test
  void encoderRefusesWhatTheDecoderWouldReject() {
    assertThatThrownBy(() -> ProtocolCodec.encodeRequest(new RequestFrame(1, new Request.DeleteQueue(null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> new ResponseFrame(1, Opcodes.ACK | 0x80, new Response.Sent(List.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseFrame(1, Opcodes.SEND | 0x80, new Response.Error(ErrorCode.UNKNOWN, "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void decodeQuietly(Runnable decode) {
    try {
      decode.run();
    } catch (ProtocolException expected) {
      // the only acceptable failure
    }
  }

  private static ByteBuf header(int opcode) {
    return Unpooled.buffer().writeByte(opcode).writeInt(1);
  }

  private static void assertRejected(ByteBuf frame, String messagePart) {
    assertThatThrownBy(() -> ProtocolCodec.decodeRequest(frame)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((ProtocolException) e).requestId()).isEqualTo(1);
  }
}
