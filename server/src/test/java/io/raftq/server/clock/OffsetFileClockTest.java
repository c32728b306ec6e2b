package io.raftq.server.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetFileClockTest {
  @TempDir Path dir;
  private long nanos;

  private OffsetFileClock clock(Path file) {
    return new OffsetFileClock(file, () -> 1_000_000L, () -> nanos);
  }

  @Test
  void missingFileMeansNoOffset() {
    assertThat(clock(dir.resolve("absent")).getAsLong()).isEqualTo(1_000_000L);
  }

  @Test
  void addsTheOffsetAndPicksUpChangesAfterTheRefreshInterval() throws Exception {
    Path file = dir.resolve("offset");
    Files.writeString(file, "-300000\n");
    OffsetFileClock clock = clock(file);
    assertThat(clock.getAsLong()).isEqualTo(700_000L);

    Files.writeString(file, "5000");
    nanos += OffsetFileClock.REFRESH_NANOS - 1;
    assertThat(clock.getAsLong()).as("cached within the interval").isEqualTo(700_000L);
    nanos += 1;
    assertThat(clock.getAsLong()).isEqualTo(1_005_000L);
  }

  @Test
  void aHalfWrittenFileKeepsThePreviousOffset() throws Exception {
    Path file = dir.resolve("offset");
    Files.writeString(file, "42");
    OffsetFileClock clock = clock(file);
    clock.getAsLong();
    Files.writeString(file, "4x");
    nanos += OffsetFileClock.REFRESH_NANOS;
    assertThat(clock.getAsLong()).isEqualTo(1_000_042L);
  }
}
