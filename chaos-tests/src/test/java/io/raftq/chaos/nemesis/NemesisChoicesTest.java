package io.raftq.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NemesisChoicesTest {
  @Test
  void everyNemesisComesUpOncePerRoundOfTheDeck() {
    ShuffledDeck deck = new ShuffledDeck(5, new SplittableRandom(7));
    for (int round = 0; round < 4; round++) {
      List<Integer> drawn = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        drawn.add(deck.next());
      }
      assertThat(drawn).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
  }

  @Test
  void theDeckIsShuffledBySeed() {
    List<Integer> a = draw(new ShuffledDeck(8, new SplittableRandom(1)), 8);
    List<Integer> same = draw(new ShuffledDeck(8, new SplittableRandom(1)), 8);
    List<Integer> other = draw(new ShuffledDeck(8, new SplittableRandom(2)), 8);
    assertThat(same).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void aCatchUpWipeHitsTheNodeThatIsCatchingUpAndNeverASecondOne() {
    List<Integer> members = List.of(0, 1, 2);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      assertThat(CatchUpWipeNemesis.safeTarget(Set.of(1), members, random)).hasValue(1);
    }
    assertThat(CatchUpWipeNemesis.safeTarget(Set.of(0, 2), members, random)).isEmpty();
    assertThat(CatchUpWipeNemesis.safeTarget(Set.of(), members, random).getAsInt()).isIn(members);
  }

  @Test
  void aNoOpFaultSaysWhyAndHitsNothingToHeal() {
    Fault noop = Fault.noop("no running partition leader known within 10 s");
    assertThat(noop.effective()).isFalse();
    assertThat(noop.targets()).isEmpty();
    assertThat(noop.detail()).contains("no running partition leader");
    assertThat(new Fault(List.of(1), "SIGKILL n2").effective()).isTrue();
  }

  private static List<Integer> draw(ShuffledDeck deck, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(deck.next());
    }
    return out;
  }
}
