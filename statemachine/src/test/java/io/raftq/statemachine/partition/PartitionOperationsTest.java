package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Purges and key releases of a client's operation ({@link Once}) are applied once per id. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartitionOperationsTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void aRetriedPurgeAnswersTheFirstCountAndKeepsWhatWasSentSince() {
    f.at(1_000).send("a", "b", "c");
    assertThat(f.applyOne(new Once("op-1", new Purge()))).isEqualTo(new Removed(3));
    f.send("sent-after-the-purge");

    assertThat(f.at(2_000).applyOne(new Once("op-1", new Purge()))).isEqualTo(new Removed(3));

    assertThat(f.receive("g", 10)).extracting(LeasedMessage::id).containsExactly("sent-after-the-purge");
  }

  @Test
  void anotherPurgeIsAppliedAndARestartedReplicaAnswersTheSame() {
    f.send("a", "b");
    f.applyOne(new Once("op-1", new Purge()));
    f.send("c");

    f.restart();
    assertThat(f.applyOne(new Once("op-1", new Purge()))).isEqualTo(new Removed(2));
    assertThat(f.applyOne(new Once("op-2", new Purge()))).isEqualTo(new Removed(1));
    assertThat(f.applyOne(new Purge())).as("without an id, as before").isEqualTo(new Removed(0));
  }

  @Test
  void anOperationIsForgottenAfterItsWindowOrBehindTheNewestMaxOperations() {
    f.at(1_000).send("a");
    f.applyOne(new Once("op-old", new Purge()));
    f.send("b");
    for (int i = 0; i < PartitionOperations.MAX_OPERATIONS - 1; i++) {
      f.applyOne(new Once("op-" + i, new Purge()));
    }
    assertThat(f.applyOne(new Once("op-old", new Purge()))).as("still one of the newest MAX_OPERATIONS").isEqualTo(new Removed(1));
    f.applyOne(new Once("op-new", new Purge()));
    assertThat(f.applyOne(new Once("op-old", new Purge()))).as("pushed out: applied again").isEqualTo(new Removed(0));

    f.send("c");
    assertThat(f.at(1_000 + PartitionOperations.WINDOW_MS - 1).applyOne(new Once("op-new", new Purge())))
        .isEqualTo(new Removed(0));
    f.at(1_000 + PartitionOperations.WINDOW_MS).applyOne(new Once("op-trigger", new Purge()));
    f.send("d");
    assertThat(f.applyOne(new Once("op-new", new Purge()))).as("expired: applied again").isEqualTo(new Removed(1));
  }

  @Test
  void aRejectedReleaseIsNotRemembered() {
    assertThat(f.applyOne(new Once("op-1", new ReleaseKey("g", "k", false)))).isInstanceOf(Rejected.class);
    assertThat(f.countKeys(PartitionKeys.OPERATIONS)).isZero();
  }

  @Test
  void removingMessagesIsIdempotentWithoutAnId() {
    f.send("a", "b", "c");
    assertThat(f.applyOne(new RemoveMessages(List.of(0L, 2L)))).isEqualTo(new Removed(2));
    List<String> once = f.dump();

    assertThat(f.applyOne(new RemoveMessages(List.of(0L, 2L)))).as("a retry removes nothing more")
        .isEqualTo(new Removed(0));
    assertThat(f.dump()).isEqualTo(once);
  }

  @Test
  void theCodecCarriesTheIdAndRefusesOtherCommandsAndBadIds() {
    List<PartitionCommand> commands = List.of(new Once("op-1", new Purge()),
        new Once("op-2", new ReleaseKey("g", "k", true)));
    assertThat(PartitionCodec.decodeCommands(ByteBuffer.wrap(PartitionCodec.encodeCommands(commands))))
        .isEqualTo(commands);

    assertThatThrownBy(() -> new Once("op", new CommitOffset("g", 1, false)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartitionCodec.encodeCommands(List.of(new Once("", new Purge()))))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wrapsAck = {0, 1, 17, 0, 0, 0, 1, 'x', 3, 0, 0, 0, 1, 'g', 0, 0, 0, 0};
    assertThatThrownBy(() -> PartitionCodec.decodeCommands(ByteBuffer.wrap(wrapsAck)))
        .isInstanceOf(InvalidCommandException.class);
  }
}
