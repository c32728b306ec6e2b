package io.raftq.server.membership;

import io.raftq.client.Admin;
import io.raftq.protocol.Request;
import io.raftq.server.DaemonThreads;
import io.raftq.server.NodeConfig;
import io.raftq.statemachine.metadata.ClusterNode;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's own entry in the metadata right: a node started with {@code --join} and no data registers
 * itself through the member it was given (retrying until that succeeds), and any registered node whose addresses
 * or zone changed since registers them again. A node that was removed is not re-added by a restart: only a fresh
 * joining node registers itself.
 */
public final class SelfRegistration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SelfRegistration.class);

  private final NodeConfig config;
  private final ClusterDirectory directory;
  private final Admin admin;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("self-registration"));
  private volatile boolean joinPending;
  private volatile boolean inFlight;

  public SelfRegistration(NodeConfig config, ClusterDirectory directory, Admin admin) {
    this.config = config;
    this.directory = directory;
    this.admin = admin;
  }

  /** @param fresh whether the node started without data (only then does a joining node register itself) */
  public void start(boolean fresh) {
    joinPending = fresh && config.isJoining();
    timer.scheduleWithFixedDelay(this::check, 0, 3, TimeUnit.SECONDS);
  }

  private void check() {
    if (inFlight) {
      return;
    }
    Optional<ClusterNode> me = directory.layout().node(config.id());
    boolean stale = me.isPresent() && !(me.get().raftAddress().equals(config.raftAddress().toString())
        && me.get().clientAddress().equals(config.clientAddress().toString()) && me.get().zone().equals(config.zone()));
    if (!joinPending && !stale) {
      return;
    }
    inFlight = true;
    admin.changeMembership(new Request.ChangeMembership(Request.MembershipAction.JOIN, config.id(),
            config.raftAddress().toString(), config.clientAddress().toString(), config.zone(), false))
        .whenComplete((ok, error) -> {
          inFlight = false;
          if (error != null) {
            LOG.warn("registering node {} with the cluster failed (will retry): {}", config.id(), error.toString());
          } else {
            if (joinPending) {
              LOG.info("node {} registered with the cluster through {}", config.id(), config.join());
            }
            joinPending = false;
          }
        });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
