package io.raftq.protocol.netty;

/** An outbound frame exceeded the frame size limit and was not sent. */
public final class FrameTooLargeException extends RuntimeException {
  private final int requestId;

  public FrameTooLargeException(int requestId, int frameBytes, int maxFrameBytes) {
    super("frame of " + frameBytes + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
    this.requestId = requestId;
  }

  public int requestId() {
    return requestId;
  }
}
