package io.raftq.raft;

import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;

/** A group leader's view of its followers, read from Ratis (for the stuck-follower watchdog and leader balance). */
final class LeaderFollowers {
  private LeaderFollowers() {}

  /**
   * The leader's view of each follower, or null when it cannot be read consistently. Ratis lists the followers'
   * answers (role info) and their indices in the same order of its log appenders.
   */
  static List<StuckFollowerDetector.Follower> of(DivisionInfo info) {
    RoleInfoProto role = info.getRoleInfoProto();
    long[] match = info.getFollowerMatchIndices();
    long[] next = info.getFollowerNextIndices();
    if (role == null || !role.hasLeaderInfo() || match == null || next == null) {
      return null;
    }
    List<ServerRpcProto> rpc = role.getLeaderInfo().getFollowerInfoList();
    if (rpc.size() != match.length || rpc.size() != next.length) {
      return null; // membership changed between the reads
    }
    List<StuckFollowerDetector.Follower> out = new ArrayList<>(rpc.size());
    for (int i = 0; i < rpc.size(); i++) {
      out.add(new StuckFollowerDetector.Follower(rpc.get(i).getId().getId().toStringUtf8(), match[i], next[i],
          rpc.get(i).getLastRpcElapsedTimeMs()));
    }
    return out;
  }
}
