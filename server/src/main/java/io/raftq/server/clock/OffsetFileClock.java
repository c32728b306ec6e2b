package io.raftq.server.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The wall clock plus an offset in milliseconds read from a file, so that fault-injection tests can jump one
 * node's clock without touching the machine's (the kernel clock is shared by every node on the box). The file
 * holds one signed integer; a missing or empty file means 0. It is re-read at most every
 * {@value #REFRESH_NANOS} ns so that stamping Raft entries stays cheap.
 *
 * <p>Only the leader's stamp in each log entry reads this clock, and the state machine keeps its time monotonic
 * ({@code max(last, stamp)}), so a jump moves lease deadlines but never makes replicas diverge.
 */
public final class OffsetFileClock implements LongSupplier {
  static final long REFRESH_NANOS = 100_000_000L;

  private final Path file;
  private final LongSupplier wallMs;
  private final LongSupplier monotonicNanos;
  private long offsetMs;
  private long readAtNanos;
  private boolean read;

  public OffsetFileClock(Path file) {
    this(file, System::currentTimeMillis, System::nanoTime);
  }

  OffsetFileClock(Path file, LongSupplier wallMs, LongSupplier monotonicNanos) {
    this.file = file;
    this.wallMs = wallMs;
    this.monotonicNanos = monotonicNanos;
  }

  @Override
  public synchronized long getAsLong() {
    long now = monotonicNanos.getAsLong();
    if (!read || now - readAtNanos >= REFRESH_NANOS) {
      offsetMs = readOffset();
      readAtNanos = now;
      read = true;
    }
    return wallMs.getAsLong() + offsetMs;
  }

  /** Parses the file's content; an unreadable number keeps the previous offset (a half-written file). */
  private long readOffset() {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      return offsetMs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read clock offset file " + file, e);
    }
  }
}
