package io.raftq.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one node that, when armed with an opcode, forwards the next request of that
 * opcode, throws its answer away and cuts the client's connection: the request was applied, the client never
 * learns it (a client cut off from a node at the worst moment). Frames are read whole (i32 length prefix, u8
 * opcode, i32 request id); everything else passes unchanged, both ways.
 */
final class AnswerLosingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private volatile int armedOpcode = -1;
  private volatile int doomedRequestId = -1;
  private final AtomicInteger answersLost = new AtomicInteger();
  private volatile Runnable whenLost = () -> { };

  AnswerLosingProxy(String target) throws IOException {
    int colon = target.lastIndexOf(':');
    this.targetHost = target.substring(0, colon);
    this.targetPort = Integer.parseInt(target.substring(colon + 1));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "answer-losing-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Loses the answer to the next request with {@code opcode} (once). */
  void loseNextAnswerTo(int opcode) {
    loseNextAnswerTo(opcode, () -> { });
  }

  /** As {@link #loseNextAnswerTo(int)}, running {@code meanwhile} once the answer is dropped, before the cut. */
  void loseNextAnswerTo(int opcode, Runnable meanwhile) {
    whenLost = meanwhile;
    armedOpcode = opcode;
  }

  int answersLost() {
    return answersLost.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket node = new Socket(targetHost, targetPort);
        pump(client, node, true);
        pump(node, client, false);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean isRequestSide) {
    Thread t = new Thread(() -> {
      try (DataInputStream in = new DataInputStream(from.getInputStream());
          DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
        while (true) {
          int length = in.readInt();
          byte[] frame = new byte[length];
          in.readFully(frame);
          int opcode = frame[0] & 0xFF;
          int requestId = ByteBuffer.wrap(frame, 1, 4).getInt();
          if (isRequestSide && opcode == armedOpcode) {
            armedOpcode = -1;
            doomedRequestId = requestId;
          } else if (!isRequestSide && requestId == doomedRequestId) {
            doomedRequestId = -1;
            answersLost.incrementAndGet();
            whenLost.run();
            from.close();
            to.close();
            return;
          }
          out.writeInt(length);
          out.write(frame);
          out.flush();
        }
      } catch (IOException e) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "answer-losing-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
