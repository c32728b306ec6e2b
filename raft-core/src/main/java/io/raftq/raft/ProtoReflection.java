package io.raftq.raft;

import java.lang.reflect.Modifier;
import org.apache.ratis.thirdparty.com.google.protobuf.GeneratedMessageV3;
import org.apache.ratis.thirdparty.com.google.protobuf.Message;

/**
 * Builds protobuf's reflection tables of Ratis' messages once, at start, on one thread. Protobuf builds a message's
 * table lazily, the first time the message is printed or read field by field. Ratis does that only on rare paths
 * (the text of a failed log check), from whichever server thread gets there first, while holding its log's
 * one-method-at-a-time guard. In the chaos suite (pause-random, seed 2537775896098153874) such a thread never came
 * back from building the table of {@code RaftConfigurationProto}, and every later append to that follower failed
 * with "Already running a method": the replica stayed behind for good. Built up front, the lazy path is never taken.
 */
final class ProtoReflection {
  private ProtoReflection() {}

  /** Builds the tables of every generated message declared in {@code outer}, nested ones too; returns how many. */
  static int initializeAll(Class<?> outer) {
    int count = 0;
    for (Class<?> c : outer.getDeclaredClasses()) {
      if (GeneratedMessageV3.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
        try {
          Message defaultInstance = (Message) c.getMethod("getDefaultInstance").invoke(null);
          defaultInstance.getAllFields(); // goes through the message's table, building it
          count++;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot initialize " + c.getName(), e);
        }
      }
      count += initializeAll(c);
    }
    return count;
  }
}
