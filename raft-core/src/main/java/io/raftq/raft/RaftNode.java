package io.raftq.raft;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's Ratis server and the groups (divisions) it hosts. Requests are submitted in-process, so the node's
 * own front door needs no Ratis client. Groups found on disk at start are recovered by Ratis itself; callers add
 * only the groups {@link #groupIds()} does not list.
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private final RaftPeerId selfId;
  private final RaftServer server;
  private final RaftProperties properties;
  private final ClientId localClientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  /** Where Ratis keeps one directory per group (named by its UUID). */
  private final java.nio.file.Path groupsDir;

  public RaftNode(String nodeId, RaftSettings settings, StateMachine.Registry registry) throws IOException {
    ProtoReflection.initializeAll(org.apache.ratis.proto.RaftProtos.class);
    this.selfId = RaftPeerId.valueOf(nodeId);
    this.groupsDir = settings.groupsDir();
    this.properties = settings.toProperties();
    this.server = RaftServer.newBuilder()
        .setServerId(selfId)
        .setProperties(properties)
        .setStateMachineRegistry(registry)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
  }

  public void start() throws IOException {
    server.start();
    LOG.info("raft server {} started with groups {}", selfId, groupIds());
  }

  public String nodeId() {
    return selfId.toString();
  }

  /** Groups this server hosts now, in a stable order. */
  public Set<RaftGroupId> groupIds() {
    Set<RaftGroupId> ids = new TreeSet<>((a, b) -> a.getUuid().compareTo(b.getUuid()));
    server.getGroupIds().forEach(ids::add);
    return ids;
  }

  /** Creates and starts a new, empty replica of {@code group} here. Already hosting it is not an error. */
  public void addGroup(RaftGroup group) throws IOException {
    try {
      RaftClientReply reply = server.groupManagement(
          GroupManagementRequest.newAdd(localClientId, selfId, callIds.incrementAndGet(), group, true));
      if (!reply.isSuccess() && !isAlreadyExists(reply.getException())) {
        throw new IOException("adding group " + group.getGroupId() + " failed: " + reply.getException());
      }
    } catch (AlreadyExistsException e) {
      // A concurrent reconcile pass added it first.
    }
  }

  private static boolean isAlreadyExists(Throwable t) {
    return t instanceof AlreadyExistsException;
  }

  /** Stops this replica of the group and deletes its Raft storage. */
  public void removeGroup(RaftGroupId groupId) throws IOException {
    RaftClientReply reply = server.groupManagement(
        GroupManagementRequest.newRemove(localClientId, selfId, callIds.incrementAndGet(), groupId, true, false));
    if (!reply.isSuccess()) {
      throw new IOException("removing group " + groupId + " failed: " + reply.getException());
    }
  }

  /**
   * Stops this replica of the group but keeps its Raft log and snapshot on disk: the group is quiescent here and
   * {@link #reopenGroup} brings it back as it was, as a restart would.
   */
  public void closeGroupKeepingData(RaftGroupId groupId) throws IOException {
    RaftClientReply reply = server.groupManagement(
        GroupManagementRequest.newRemove(localClientId, selfId, callIds.incrementAndGet(), groupId, false, false));
    if (!reply.isSuccess()) {
      throw new IOException("closing group " + groupId + " failed: " + reply.getException());
    }
  }

  /**
   * Opens the group from what is stored here (Ratis' RECOVER; an empty replica when nothing is). Hosting it
   * already is not an error.
   */
  public void reopenGroup(RaftGroup group) throws IOException {
    try {
      RaftClientReply reply = server.groupManagement(
          GroupManagementRequest.newAdd(localClientId, selfId, callIds.incrementAndGet(), group, false));
      if (!reply.isSuccess() && !isAlreadyExists(reply.getException())) {
        throw new IOException("reopening group " + group.getGroupId() + " failed: " + reply.getException());
      }
    } catch (AlreadyExistsException e) {
      // Woken by someone else meanwhile.
    }
  }

  /** Whether this node keeps a stored replica of the group that is not open (a quiescent one). */
  public boolean isStoredClosed(RaftGroupId groupId) {
    return java.nio.file.Files.isDirectory(groupsDir.resolve(groupId.getUuid().toString()))
        && !groupIds().contains(groupId);
  }

  /** The groups stored here but not open, in a stable order. */
  public Set<RaftGroupId> storedClosedGroups() {
    Set<RaftGroupId> out = new TreeSet<>((a, b) -> a.getUuid().compareTo(b.getUuid()));
    Set<RaftGroupId> open = groupIds();
    try (var dirs = java.nio.file.Files.list(groupsDir)) {
      dirs.map(d -> d.getFileName().toString()).forEach(name -> {
        try {
          RaftGroupId gid = RaftGroupId.valueOf(java.util.UUID.fromString(name));
          if (!open.contains(gid)) {
            out.add(gid);
          }
        } catch (IllegalArgumentException notAGroup) {
          // Ratis keeps only UUID-named directories here; anything else is not ours to judge.
        }
      });
    } catch (IOException e) {
      LOG.warn("listing {}: {}", groupsDir, e.toString());
    }
    return out;
  }

  /** Deletes the stored Raft data of a group that is not open here (it was quiescent and moved away). */
  public void deleteStoredGroup(RaftGroupId groupId) throws IOException {
    if (groupIds().contains(groupId)) {
      throw new IOException("group " + groupId + " is open; remove it instead");
    }
    java.nio.file.Path dir = groupsDir.resolve(groupId.getUuid().toString());
    if (java.nio.file.Files.exists(dir)) {
      try (var paths = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(path);
        }
      }
    }
  }

  /** Asks {@code peer} to close its replica of the group, keeping its data (see closeGroupKeepingData). */
  public void closeRemoteKeepingData(RaftGroupId groupId, RaftPeer peer) throws IOException {
    RaftClientReply reply = peerClient(peer).getGroupManagementApi(peer.getId()).remove(groupId, false, false);
    if (!reply.isSuccess()) {
      throw new IOException("closing " + groupId + " on " + peer.getId() + " failed: " + reply.getException());
    }
  }

  /** Asks {@code peer} to open its stored replica of the group (see reopenGroup); already open is fine. */
  public void reopenRemote(RaftGroup group, RaftPeer peer) throws IOException {
    try {
      RaftClientReply reply = peerClient(peer).getGroupManagementApi(peer.getId()).add(group, false);
      if (!reply.isSuccess() && !isAlreadyExists(reply.getException())) {
        throw new IOException("reopening " + group.getGroupId() + " on " + peer.getId() + " failed: "
            + reply.getException());
      }
    } catch (AlreadyExistsException e) {
      // Open already.
    }
  }

  /**
   * One long-lived client per peer for group management calls, which name their group themselves: building a
   * Ratis client (channels, executors) per call made waking hundreds of partitions take minutes.
   */
  private RaftClient peerClient(RaftPeer peer) {
    String key = peer.getId() + "@" + peer.getAddress();
    return peerClients.computeIfAbsent(key, k -> adminClient(
        RaftGroup.valueOf(PEER_ADMIN_GROUP, List.of(peer)), RetryPolicies.noRetry()));
  }

  /** The group id peer clients are built with; their calls carry the real group id. */
  private static final RaftGroupId PEER_ADMIN_GROUP =
      RaftGroupId.valueOf(java.util.UUID.nameUUIDFromBytes("raftq/peer-admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  private final java.util.Map<String, RaftClient> peerClients = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * On the group's leader: whether every follower holds the leader's whole log (nothing left to replicate), so
   * the group can stop without leaving a follower behind. False elsewhere.
   */
  public boolean followersHoldWholeLog(RaftGroupId groupId) {
    return division(groupId).map(d -> {
      if (!d.getInfo().isLeader()) {
        return false;
      }
      var last = d.getRaftLog().getLastEntryTermIndex();
      long lastIndex = last == null ? -1 : last.getIndex();
      long[] matches = d.getInfo().getFollowerMatchIndices();
      if (matches == null) {
        return false; // leadership is still being set up
      }
      for (long match : matches) {
        if (match < lastIndex) {
          return false;
        }
      }
      return d.getInfo().getLastAppliedIndex() >= lastIndex;
    }).orElse(false);
  }

  public Optional<RaftServer.Division> division(RaftGroupId groupId) {
    try {
      return Optional.of(server.getDivision(groupId));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether this node hosts the group but its division has shut down for good (CLOSED). */
  public boolean isClosed(RaftGroupId groupId) {
    return division(groupId).map(d -> d.getInfo().getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.CLOSED)
        .orElse(false);
  }

  /** Who leads the group as this replica sees it. */
  public LeaderView leaderOf(RaftGroupId groupId) {
    return division(groupId)
        .map(d -> {
          RaftPeerId leader = d.getInfo().getLeaderId();
          return new LeaderView(
              true,
              d.getInfo().isLeader(),
              d.getInfo().isLeaderReady(),
              leader == null ? null : leader.toString());
        })
        .orElse(LeaderView.NOT_HOSTED);
  }

  /** Submits a write to the local replica; it fails with NotLeaderException unless this node leads the group. */
  public CompletableFuture<RaftClientReply> submitWrite(RaftGroupId groupId, ByteString body) {
    return submit(groupId, body, RaftClientRequest.writeRequestType());
  }

  /** A linearizable read (ReadIndex) on the local replica, leader or follower. */
  public CompletableFuture<RaftClientReply> submitRead(RaftGroupId groupId, ByteString query) {
    return submit(groupId, query, RaftClientRequest.readRequestType());
  }

  private CompletableFuture<RaftClientReply> submit(RaftGroupId groupId, ByteString body, RaftClientRequest.Type type) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(localClientId)
        .setServerId(selfId)
        .setGroupId(groupId)
        .setCallId(callIds.incrementAndGet())
        .setMessage(Message.valueOf(body))
        .setType(type)
        .build();
    try {
      return server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Asks the group's current leader to step down, through a short-lived Ratis client (the leader may be on another
   * node). A new leader starts with fresh follower bookkeeping, which is what a follower that lost its log needs.
   */
  public void askLeaderToStepDown(RaftGroupId groupId, String leaderId) throws IOException {
    RaftServer.Division d = division(groupId).orElseThrow(() -> new IOException("group " + groupId + " not hosted"));
    try (RaftClient client = RaftClient.newBuilder()
        .setProperties(properties)
        .setRaftGroup(d.getGroup())
        .setLeaderId(RaftPeerId.valueOf(leaderId))
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
        .build()) {
      client.admin().transferLeadership(null, RaftPeerId.valueOf(leaderId), 5_000);
    }
  }

  /**
   * Makes {@code voters} the group's configuration, through its leader wherever it is ({@code known}: peers to
   * find it through). Ratis brings a new voter up to date before the change commits, and a leader that is no
   * longer a voter steps down afterwards. Setting the configuration it already has succeeds at once.
   */
  public void setConfiguration(RaftGroupId groupId, List<RaftPeer> voters, List<RaftPeer> known) throws IOException {
    setConfiguration(groupId, voters, List.of(), known);
  }

  /** As above, with Ratis listeners: peers that receive and apply the log but do not vote. */
  public void setConfiguration(RaftGroupId groupId, List<RaftPeer> voters, List<RaftPeer> listeners,
      List<RaftPeer> known) throws IOException {
    try (RaftClient client = adminClient(RaftGroup.valueOf(groupId, known), ADMIN_RETRIES)) {
      RaftClientReply reply = client.admin().setConfiguration(voters, listeners);
      if (!reply.isSuccess()) {
        throw new IOException("setting the configuration of " + groupId + " failed: " + reply.getException());
      }
    }
  }

  /**
   * Whether {@code peer} leads the group, as it answers itself; false when it does not answer or does not host it.
   */
  public boolean leadsGroup(RaftGroupId groupId, RaftPeer peer) {
    try (RaftClient client = adminClient(RaftGroup.valueOf(groupId, List.of(peer)), RetryPolicies.noRetry())) {
      var reply = client.getGroupManagementApi(peer.getId()).info(groupId);
      return reply.isSuccess() && reply.getRoleInfoProto().getRole()
          == org.apache.ratis.proto.RaftProtos.RaftPeerRole.LEADER;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Asks the group's leader (found through {@code known}) to hand leadership to {@code to}. */
  public void transferLeadership(RaftGroupId groupId, List<RaftPeer> known, String to) throws IOException {
    try (RaftClient client = adminClient(RaftGroup.valueOf(groupId, known), ADMIN_RETRIES)) {
      RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(to), 10_000);
      if (!reply.isSuccess()) {
        throw new IOException("transferring leadership of " + groupId + " to " + to + " failed: "
            + reply.getException());
      }
    }
  }

  /**
   * On the group's leader: how long ago each follower last answered, in ms (it restarts at 0 when this node
   * became leader); empty elsewhere.
   */
  public java.util.Map<String, Long> followerSilenceMs(RaftGroupId groupId) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    division(groupId).ifPresent(d -> {
      var role = d.getInfo().getRoleInfoProto();
      if (role != null && role.hasLeaderInfo()) {
        role.getLeaderInfo().getFollowerInfoList().forEach(f ->
            out.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs()));
      }
    });
    return out;
  }

  /**
   * On the group's leader: the followers that answered within {@code answeredWithinMs} and hold the log up to
   * {@code maxLagEntries} short of the commit index (fit to take leadership over at once). Empty elsewhere.
   */
  public Set<String> caughtUpFollowers(RaftGroupId groupId, long answeredWithinMs, long maxLagEntries) {
    Set<String> out = new TreeSet<>();
    division(groupId).ifPresent(d -> {
      if (!d.getInfo().isLeader()) {
        return;
      }
      List<StuckFollowerDetector.Follower> followers = LeaderFollowers.of(d.getInfo());
      long commit = d.getRaftLog().getLastCommittedIndex();
      if (followers != null) {
        for (StuckFollowerDetector.Follower f : followers) {
          if (f.lastResponseElapsedMs() < answeredWithinMs && f.matchIndex() >= commit - maxLagEntries) {
            out.add(f.id());
          }
        }
      }
    });
    return out;
  }

  /** The voters of the group's configuration as this replica has it; empty when not hosted. */
  public List<RaftPeer> voters(RaftGroupId groupId) {
    return division(groupId)
        .map(d -> List.copyOf(d.getRaftConf().getCurrentPeers()))
        .orElse(List.of());
  }

  /** The listeners (non-voting members) of the group's configuration as this replica has it. */
  public List<RaftPeer> listeners(RaftGroupId groupId) {
    return division(groupId)
        .map(d -> List.copyOf(d.getRaftConf().getCurrentPeers(org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER)))
        .orElse(List.of());
  }

  /** Admin calls (membership, leadership) retry a few times: a leader may be changing while they run. */
  private static final org.apache.ratis.retry.RetryPolicy ADMIN_RETRIES =
      RetryPolicies.retryUpToMaximumCountWithFixedSleep(3, TimeDuration.valueOf(1, TimeUnit.SECONDS));

  /** A short-lived Ratis client of {@code group}, for one admin call through its leader wherever it is. */
  private RaftClient adminClient(RaftGroup group, org.apache.ratis.retry.RetryPolicy retry) {
    return RaftClient.newBuilder().setProperties(properties).setRaftGroup(group).setRetryPolicy(retry).build();
  }

  @Override
  public void close() throws IOException {
    for (RaftClient c : peerClients.values()) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing a peer client: {}", e.toString());
      }
    }
    server.close();
  }

  /** What a replica knows of its group's leadership. */
  public record LeaderView(boolean isHosted, boolean isLeader, boolean isLeaderReady, String leaderId) {
    static final LeaderView NOT_HOSTED = new LeaderView(false, false, false, null);
  }

}
