package io.raftq.server;

import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads of the node's background loops: named for thread dumps, daemons so they never keep a stopped node alive,
 * and logging what escapes them. Without their own handler an escaped exception reaches the JVM's default one,
 * which Ratis sets to terminate the process (ExitUtils): one bug in a background task would stop the node.
 */
public final class DaemonThreads {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);

  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setUncaughtExceptionHandler(DaemonThreads::log);
      return t;
    };
  }

  static void log(Thread t, Throwable e) {
    LOG.error("uncaught in {} (the node goes on; the task is lost)", t.getName(), e);
  }
}
