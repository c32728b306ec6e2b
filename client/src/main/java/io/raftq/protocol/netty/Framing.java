package io.raftq.protocol.netty;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The stock framing: {@code i32 length} (big-endian) of what follows, then the frame contents. The decoder fails
 * fast with {@link io.netty.handler.codec.TooLongFrameException} as soon as a prefix above the limit is seen (it
 * reads the prefix as unsigned, so a negative prefix is a too-large one), so a hostile length never makes it
 * buffer more than the limit.
 */
public final class Framing {
  /**
   * Default cap of a frame's contents (the bytes after the length prefix) a client reads: 16 MiB. Nodes accept
   * requests of at most {@link io.raftq.protocol.Limits#MAX_FRAME_BYTES}.
   */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

  private static final int LENGTH_BYTES = 4;

  private Framing() {}

  /** Splits the byte stream into frame contents of at most {@code maxFrameBytes} bytes, prefix stripped. */
  public static LengthFieldBasedFrameDecoder decoder(int maxFrameBytes) {
    checkMax(maxFrameBytes);
    // maxFrameLength counts the prefix too; add it so maxFrameBytes means "contents".
    return new LengthFieldBasedFrameDecoder(
        maxFrameBytes + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
  }

  /** Prepends the i32 length to each outbound frame. */
  public static LengthFieldPrepender prepender() {
    return new LengthFieldPrepender(LENGTH_BYTES);
  }

  static void checkMax(int maxFrameBytes) {
    if (maxFrameBytes < 64 || maxFrameBytes > Integer.MAX_VALUE - LENGTH_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes (" + maxFrameBytes + ") must be in [64, 2^31-5]");
    }
  }
}
