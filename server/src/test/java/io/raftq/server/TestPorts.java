package io.raftq.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for in-process clusters. Test classes run in two JVMs at once ({@code forkCount} in the pom), and a port
 * one JVM found free (bound to 0, then closed) could be taken by the other before its node binds it. So each fork
 * hands out ports from its own range below the kernel's ephemeral range (32768 and up), which no other fork and no
 * outgoing connection uses; a port something else holds is skipped.
 */
public final class TestPorts {
  private static final int FIRST = 20_000;
  private static final int PER_FORK = 3_000;
  private static final AtomicInteger next = new AtomicInteger(FIRST + PER_FORK * (forkNumber() - 1));

  private TestPorts() {}

  /** A port no earlier call of this JVM returned, free when checked. */
  public static int next() throws IOException {
    int limit = FIRST + PER_FORK * forkNumber();
    while (true) {
      int port = next.getAndIncrement();
      if (port >= limit) {
        throw new IOException("test ports of this fork used up (" + PER_FORK + ")");
      }
      try (ServerSocket s = new ServerSocket(port)) {
        return port;
      } catch (IOException inUse) {
        // held by something else: try the next one
      }
    }
  }

  /** Surefire's fork number (1, 2, ...; the pom passes it), or 1 outside Maven (an IDE runs one JVM). */
  private static int forkNumber() {
    String n = System.getProperty("raftq.test.fork", "1");
    try {
      return Math.max(1, Math.min(8, Integer.parseInt(n.trim())));
    } catch (NumberFormatException e) {
      // Two forks both falling back to 1 would hand out the same ports: say so rather than fail by chance.
      throw new IllegalStateException("raftq.test.fork must be surefire's fork number, got '" + n + "'");
    }
  }
}
