package io.raftq.server;

import java.util.concurrent.ThreadFactory;

/** Threads of the node's background loops: named for thread dumps, daemons so they never keep a stopped node alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
