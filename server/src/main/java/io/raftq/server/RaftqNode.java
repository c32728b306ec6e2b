package io.raftq.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.raftq.client.ClientConfig;
import io.raftq.client.DefaultRaftqClient;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.netty.ServerPipeline;
import io.raftq.raft.GroupIds;
import io.raftq.raft.StuckFollowerWatchdog;
import io.raftq.raft.RaftNode;
import io.raftq.server.clock.SteadyClock;
import io.raftq.server.deadletter.DeadLetterForwarder;
import io.raftq.server.retention.RetentionTicker;
import io.raftq.server.frontdoor.ClientRequestHandler;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.membership.ReplicaMover;
import io.raftq.server.membership.SelfRegistration;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.metadata.Reconciler;
import io.raftq.server.partition.BatchStats;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.server.sqs.SqsGateway;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.RaftGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One raftq node: a Ratis server hosting the metadata group and a replica of every partition, the reconciler
 * that keeps partition groups in line with the metadata, and the Netty front door for clients.
 */
public final class RaftqNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftqNode.class);
  /** Largest client frame: a send of up to 3 MiB plus framing; bigger frames are refused before allocation. */
  static final int MAX_FRAME_BYTES = io.raftq.protocol.Limits.MAX_FRAME_BYTES;

  private final NodeConfig config;
  private final PartitionReplicas replicas;
  private final RaftNode raft;
  private final Reconciler reconciler;
  private final StuckFollowerWatchdog watchdog;
  private final ClientRequestHandler handler;
  /** The node's own client of the cluster, for moving dead letters to queues whose leaders may be elsewhere. */
  private final RaftqClient internalClient;
  private final DeadLetterForwarder deadLetters;
  private final RetentionTicker retention;
  private final ReplicaMover mover;
  private final SelfRegistration registration;
  private final io.raftq.server.balance.LeaderBalancer balancer;
  private final io.raftq.server.quiesce.PartitionWaker waker;
  private final io.raftq.server.quiesce.Quiescer quiescer;
  private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private Channel serverChannel;
  private SqsGateway sqs;

  private RaftqNode(NodeConfig config, LongSupplier clockMs) throws IOException {
    this.config = config;
    MetadataLogic metadataLogic = new MetadataLogic();
    RocksStateMachine metadataSm =
        new RocksStateMachine(metadataLogic, config.stateDir().resolve("metadata"), clockMs);
    this.replicas = new PartitionReplicas(config.stateDir().resolve("partitions"), clockMs,
        (gid, body) -> raft().submitWrite(gid, body), config.raftSettings().maxEntryBytes());
    this.raft = new RaftNode(config.id(), config.raftSettings(),
        gid -> gid.equals(GroupIds.METADATA) ? metadataSm : replicas.newStateMachine(gid));
    this.watchdog = new StuckFollowerWatchdog(raft, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(3),
        config.electionTimeoutMax());
    MetadataService metadata = new MetadataService(raft, metadataLogic);
    ClusterDirectory directory = new ClusterDirectory(metadataLogic, config.members(), config.zone());
    this.reconciler = new Reconciler(raft, metadata, directory, gid -> {
          replicas.forget(gid);
          replicas.deleteState(gid);
        },
        gid -> replicas.get(gid).map(r -> r.stateMachine().appliedIndex() < 0).orElse(false));
    metadataSm.setApplyListener(index -> reconciler.requestPass());
    this.waker = new io.raftq.server.quiesce.PartitionWaker(raft, directory);
    this.quiescer = new io.raftq.server.quiesce.Quiescer(raft, metadata, directory, replicas, waker,
        new io.raftq.server.quiesce.QuiescePolicy(config.quiesceAfter().toMillis()));
    this.handler = new ClientRequestHandler(
        metadata, raft, directory, replicas, waker, config.maxMessageBytes(), config.maxReceiveBytes(), clockMs);
    this.internalClient = DefaultRaftqClient.connect(ClientConfig.of(config.isJoining()
        ? config.join().stream().map(Object::toString).toList()
        : config.members().all().stream().map(m -> m.clientAddress().toString()).toList()));
    this.mover = new ReplicaMover(raft, metadata, directory, config.replaceDownAfter(), waker::wake);
    this.registration = new SelfRegistration(config, directory, internalClient.admin());
    this.balancer = new io.raftq.server.balance.LeaderBalancer(raft, gid -> queueOf(metadataLogic, gid),
        id -> java.util.Optional.ofNullable(metadataLogic.node(id))
        .map(n -> n.state() == io.raftq.statemachine.metadata.NodeState.ACTIVE).orElse(true));
    this.deadLetters = new DeadLetterForwarder(metadata, raft, replicas, internalClient.producer());
    this.retention = new RetentionTicker(metadata, raft, replicas, clockMs);
  }

  private RaftNode raft() {
    return raft;
  }

  /** The queue a partition group belongs to, as the local metadata replica knows it, or null. */
  private static String queueOf(MetadataLogic metadata, org.apache.ratis.protocol.RaftGroupId gid) {
    for (io.raftq.statemachine.metadata.QueueDefinition q : metadata.queues()) {
      for (int p = 0; p < q.partitions(); p++) {
        if (GroupIds.partition(q.name(), q.createIndex(), p).equals(gid)) {
          return q.name();
        }
      }
    }
    return null;
  }

  /** Starts Raft, joins or creates the metadata group, then opens the client port. */
  public static RaftqNode start(NodeConfig config) throws IOException, InterruptedException {
    return start(config, SteadyClock.system());
  }

  public static RaftqNode start(NodeConfig config, LongSupplier clockMs) throws IOException, InterruptedException {
    RaftqNode node = new RaftqNode(config, clockMs);
    try {
      node.startRaft();
      node.bindClientPort();
      if (config.sqs() != null) {
        node.sqs = SqsGateway.start(config.sqs(), node.internalClient, node.bossGroup, node.workerGroup);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void startRaft() throws IOException {
    raft.start();
    boolean fresh = !raft.groupIds().contains(GroupIds.METADATA);
    if (fresh) {
      // A joining node hosts an empty metadata replica until the metadata leader adds it, as a listener first. It
      // starts as a listener of itself: Ratis 3.3.0 starts a replica outside every configuration in STARTING and
      // moves it to RUNNING only on an append from a leader that counts it caught up, which a leader never does
      // for a listener it added (only after an election), so it would refuse every request until then.
      raft.addGroup(RaftGroup.valueOf(GroupIds.METADATA,
          config.isJoining() ? List.of(selfAsListener()) : config.members().raftPeers()));
    }
    registration.start(fresh);
    mover.start(2_000);
    if (config.balanceLeaders()) {
      balancer.start();
    }
    reconciler.requestPass();
    if (!config.quiesceAfter().isZero()) {
      quiescer.start(5_000);
    }
    watchdog.start(Duration.ofSeconds(1));
    deadLetters.start();
    retention.start();
  }

  private org.apache.ratis.protocol.RaftPeer selfAsListener() {
    return org.apache.ratis.protocol.RaftPeer.newBuilder()
        .setId(config.id())
        .setAddress(config.raftAddress().toString())
        .setStartupRole(org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER)
        .build();
  }

  private void bindClientPort() throws InterruptedException {
    // Replies may be as large as the Java client accepts by default; requests are held to MAX_FRAME_BYTES.
    ServerPipeline door = new ServerPipeline(new ServerPipeline.Settings(MAX_FRAME_BYTES, config.id(),
        io.raftq.protocol.netty.Framing.DEFAULT_MAX_FRAME_BYTES, config.clientLimits()), handler);
    ServerBootstrap b = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            door.install(ch.pipeline());
          }
        });
    InetSocketAddress address =
        new InetSocketAddress(config.clientAddress().host(), config.clientAddress().port());
    serverChannel = b.bind(address).sync().channel();
    LOG.info("node {} serving clients on {}", config.id(), config.clientAddress());
  }

  public NodeConfig config() {
    return config;
  }

  public BatchStats batchStats() {
    return replicas.stats();
  }

  public RaftNode raftNode() {
    return raft;
  }

  /** Closes the client port first (no new work), then Raft (which flushes state), then the rest. */
  @Override
  public void close() {
    if (sqs != null) {
      sqs.close();
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    handler.close();
    deadLetters.close();
    retention.close();
    internalClient.close();
    watchdog.close();
    registration.close();
    balancer.close();
    quiescer.close();
    waker.close();
    mover.close();
    reconciler.close();
    replicas.close();
    try {
      raft.close();
    } catch (IOException e) {
      LOG.warn("closing raft server: {}", e.toString());
    }
    bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    LOG.info("node {} stopped", config.id());
  }
}
