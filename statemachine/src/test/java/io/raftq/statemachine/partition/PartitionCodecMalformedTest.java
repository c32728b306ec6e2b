package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.PartitionCodecTest.ALL_COMMANDS;
import static io.raftq.statemachine.partition.PartitionCodecTest.ALL_RESULTS;
import static io.raftq.statemachine.partition.PartitionCodecTest.truncations;
import static io.raftq.statemachine.partition.PartitionCodecTest.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed bodies end in {@link InvalidCommandException} and nothing else: no other exception, no huge
 * allocation. The fuzz cases use fixed seeds; a failure names the input in hex, so it can be replayed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartitionCodecMalformedTest {
  private static final Function<ByteBuffer, ?> COMMANDS = PartitionCodec::decodeCommands;
  private static final Function<ByteBuffer, ?> RESULTS = PartitionCodec::decodeResults;

  @Test
  void commandsTruncatedAtEveryByteAreInvalid() {
    for (byte[] prefix : truncations(PartitionCodec.encodeCommands(ALL_COMMANDS))) {
      assertInvalid(COMMANDS, prefix);
    }
  }

  @Test
  void resultsTruncatedAtEveryByteAreInvalid() {
    for (byte[] prefix : truncations(PartitionCodec.encodeResults(ALL_RESULTS))) {
      assertInvalid(RESULTS, prefix);
    }
  }

  @Test
  void trailingBytesAreInvalid() {
    byte[] commands = PartitionCodec.encodeCommands(ALL_COMMANDS);
    byte[] results = PartitionCodec.encodeResults(ALL_RESULTS);

    assertInvalid(COMMANDS, Arrays.copyOf(commands, commands.length + 1));
    assertInvalid(RESULTS, Arrays.copyOf(results, results.length + 1));
  }

  @Test
  void unknownTypeBytesAreInvalid() {
    for (String type : List.of("00", "06", "7f", "ff")) {
      assertInvalid(COMMANDS, unhex("0001" + type));
    }
    for (String type : List.of("00", "05", "ff")) {
      assertInvalid(RESULTS, unhex("0001" + type));
    }
  }

  @Test
  void hugeOrNegativeLengthsAreInvalid() {
    // A Receive whose group length claims 2 GiB, then -2, then more than remains.
    assertInvalid(COMMANDS, unhex("0001" + "02" + "7fffffff" + "67"));
    assertInvalid(COMMANDS, unhex("0001" + "02" + "fffffffe" + "67"));
    assertInvalid(COMMANDS, unhex("0001" + "02" + "00000010" + "67"));
    // Counts: more messages than the cap, more than the bytes could hold, negative.
    assertInvalid(COMMANDS, unhex("0001" + "01" + "7fffffff"));
    assertInvalid(COMMANDS, unhex("0001" + "01" + "000186a0" + "00".repeat(64)));
    assertInvalid(COMMANDS, unhex("0001" + "03" + "00000001" + "67" + "ffffffff"));
    assertInvalid(COMMANDS, unhex("0001" + "03" + "00000001" + "67" + "000186a1"));
    // Header count above the cap, and a payload length beyond the body.
    assertInvalid(COMMANDS, unhex("0001" + "01" + "00000001" + "ffffffff" + "ffffffff" + "ffff" + "00".repeat(16)));
    assertInvalid(COMMANDS, unhex("0001" + "01" + "00000001" + "ffffffff" + "ffffffff" + "0000" + "7fffffff"));
    // More commands than bytes.
    assertInvalid(COMMANDS, unhex("ffff" + "02"));
    assertInvalid(RESULTS, unhex("0001" + "02" + "7fffffff"));
    assertInvalid(RESULTS, unhex("0001" + "04" + "80000000"));
  }

  @Test
  void nullWhereAValueIsRequiredIsInvalid() {
    assertInvalid(COMMANDS, unhex("0001" + "02" + "ffffffff" + "00000001" + "0000000000000001"));
    assertInvalid(COMMANDS, unhex("0001" + "01" + "00000001" + "ffffffff" + "ffffffff" + "0000" + "ffffffff"
        + "0000000000000000"));
    assertInvalid(RESULTS, unhex("0001" + "04" + "ffffffff"));
  }

  @Test
  void malformedUtf8AndBadEnumBytesAreInvalid() {
    assertInvalid(COMMANDS, unhex("0001" + "02" + "00000002" + "c328" + "00000001" + "0000000000000001"));
    assertInvalid(RESULTS, unhex("0001" + "03" + "00000001" + "03"));
    assertInvalid(RESULTS, unhex("0001" + "01" + "00000001" + "00000001" + "61" + "0000000000000000" + "02"));
  }

  @Test
  void randomGarbageIsDecodedOrInvalidNeverAnythingElse() {
    Random random = new Random(0x5EED);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(48)];
      random.nextBytes(garbage);
      if (garbage.length >= 3 && random.nextBoolean()) {
        // Mostly-plausible prefix so decoding gets past the first bytes.
        garbage[0] = 0;
        garbage[1] = 1;
        garbage[2] = (byte) (1 + random.nextInt(5));
      }
      decodesOrInvalid(COMMANDS, garbage);
      decodesOrInvalid(RESULTS, garbage);
    }
  }

  @Test
  void mutatedValidBodiesAreDecodedCanonicallyOrInvalid() {
    byte[] valid = PartitionCodec.encodeCommands(ALL_COMMANDS);
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] mutated = valid.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      Object decoded = decodesOrInvalid(COMMANDS, mutated);
      if (decoded != null) {
        // Whatever decodes is canonical: it encodes back to exactly the same bytes.
        @SuppressWarnings("unchecked")
        List<PartitionCommand> commands = (List<PartitionCommand>) decoded;
        assertThat(PartitionCodec.encodeCommands(commands)).isEqualTo(mutated);
      }
    }
  }

  private static void assertInvalid(Function<ByteBuffer, ?> decoder, byte[] body) {
    assertThatThrownBy(() -> decoder.apply(ByteBuffer.wrap(body)))
        .as("decoding %s", PartitionCodecTest.hex(body))
        .isInstanceOf(InvalidCommandException.class);
  }

  /** The decoded value, or null when the body was rejected with {@link InvalidCommandException}. */
  private static Object decodesOrInvalid(Function<ByteBuffer, ?> decoder, byte[] body) {
    try {
      return decoder.apply(ByteBuffer.wrap(body));
    } catch (InvalidCommandException expected) {
      return null;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("decoding " + PartitionCodecTest.hex(body) + " threw " + e, e);
    }
  }
}
