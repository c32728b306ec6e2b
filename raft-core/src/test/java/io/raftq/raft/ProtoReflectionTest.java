package io.raftq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.thirdparty.com.google.protobuf.Descriptors.Descriptor;
import org.junit.jupiter.api.Test;

class ProtoReflectionTest {
  @Test
  void everyMessageOfRaftProtosIsInitializedNestedOnesToo() {
    int messages = 0;
    Deque<Descriptor> todo = new ArrayDeque<>(RaftProtos.getDescriptor().getMessageTypes());
    while (!todo.isEmpty()) {
      Descriptor d = todo.pop();
      if (!d.getOptions().getMapEntry()) { // map entries have no generated class of their own
        messages++;
      }
      todo.addAll(d.getNestedTypes());
    }
    assertThat(messages).isGreaterThan(50);
    assertThat(ProtoReflection.initializeAll(RaftProtos.class)).isEqualTo(messages);
  }
}
