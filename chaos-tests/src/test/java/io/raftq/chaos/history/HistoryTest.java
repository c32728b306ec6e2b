package io.raftq.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HistoryTest {
  private static Op op(long index, String process, OpType type, String f) {
    return new Op(index, index * 10, process, type, f, null, null, null);
  }

  @Test
  void pairsInvocationsWithCompletionsPerProcess() {
    History h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, Map.of("msg", "a"))
        .invoke("1", Fn.RECEIVE, Map.of("group", "g"))
        .ok("1", Map.of("msgs", List.of()))
        .ok("0", Map.of("partition", 0L, "offset", 0L))
        .build();

    Op send = h.ops().get(0);
    assertThat(h.completionOf(send)).contains(h.ops().get(3));
    assertThat(h.invocationOf(h.ops().get(2))).isEqualTo(h.ops().get(1));
    assertThat(h.completions(Fn.SEND, OpType.OK)).containsExactly(h.ops().get(3));
    assertThat(h.invocations(Fn.RECEIVE)).containsExactly(h.ops().get(1));
  }

  @Test
  void unfinishedInvocationHasNoCompletion() {
    History h = HistoryBuilder.withLogicalClock().invoke("0", Fn.SEND, null).build();

    assertThat(h.completionOf(h.ops().get(0))).isEmpty();
  }

  @Test
  void nemesisOpsPairAsInfoInfo() {
    History h = HistoryBuilder.withLogicalClock().nemesis("kill", "n1").nemesis("start", "all").build();

    assertThat(h.invocationOf(h.ops().get(3))).isEqualTo(h.ops().get(2));
  }

  @Test
  void rejectsCompletionWithoutInvocation() {
    assertThatThrownBy(() -> History.of(List.of(op(0, "0", OpType.OK, Fn.SEND))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an invocation");
  }

  @Test
  void rejectsSecondInvocationWhileOneIsOutstanding() {
    assertThatThrownBy(() -> History.of(List.of(op(0, "0", OpType.INVOKE, Fn.SEND), op(1, "0", OpType.INVOKE,
        Fn.SEND)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outstanding");
  }

  @Test
  void rejectsCompletionWithAnotherF() {
    assertThatThrownBy(() -> History.of(List.of(op(0, "0", OpType.INVOKE, Fn.SEND), op(1, "0", OpType.OK,
        Fn.ACK)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("completion f=ack");
  }

  @Test
  void rejectsReuseOfAProcessAfterInfo() {
    HistoryBuilder builder = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, null).info("0", "timeout")
        .invoke("0", Fn.SEND, null);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reused after an info");
  }

  @Test
  void processMayContinueAfterOkAndFail() {
    History h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, null).fail("0", "rejected")
        .invoke("0", Fn.SEND, null).ok("0", null)
        .invoke("0", Fn.SEND, null)
        .build();

    assertThat(h.size()).isEqualTo(5);
  }

  @Test
  void rejectsBadIndicesAndTimeGoingBackwards() {
    assertThatThrownBy(() -> History.of(List.of(op(1, "0", OpType.INVOKE, Fn.SEND))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index");
    Op later = new Op(0, 50, "0", OpType.INVOKE, Fn.SEND, null, null, null);
    Op earlier = new Op(1, 40, "0", OpType.OK, Fn.SEND, null, null, null);
    assertThatThrownBy(() -> History.of(List.of(later, earlier)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
  }
}
