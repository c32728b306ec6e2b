package io.raftq.chaos.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mount of lazyfs ({@code chaos-tests/src/main/c/lazyfs/lazyfs.c}): a directory whose writes go through to a
 * backing directory but can be forgotten back to each file's last fsync, as a power loss forgets the page cache. The
 * binary is compiled on first use with gcc against libfuse3; it needs root, {@code /dev/fuse}, gcc, pkg-config and
 * Debian's fuse3 and libfuse3-dev. {@link #close()} unmounts.
 */
public final class LazyFs implements AutoCloseable {
  private static final Path SOURCE = ChaosCluster.REPO.resolve("chaos-tests/src/main/c/lazyfs/lazyfs.c");
  private static final Path BINARY = ChaosCluster.REPO.resolve("chaos-tests/target/lazyfs/lazyfs");
  private static final String DROP = "lazyfs.drop";
  private static final String UNSYNCED = "lazyfs.unsynced";
  private static final Pattern COUNTS = Pattern.compile("files=(\\d+) bytes=(\\d+)");
  private static String buildError;

  private final Path mountpoint;
  private final Process process;
  private final Thread unmountOnExit;

  /** What a drop forgot: files that had unsynced writes, and how many bytes were written to them since. */
  public record Unsynced(int files, long bytes) {}

  private LazyFs(Path mountpoint, Process process) {
    this.mountpoint = mountpoint;
    this.process = process;
    this.unmountOnExit = new Thread(this::unmount, "lazyfs-unmount");
    Runtime.getRuntime().addShutdownHook(unmountOnExit);
  }

  /** Whether lazyfs can be mounted here: root, {@code /dev/fuse}, {@code fusermount3}, and the binary builds. */
  public static boolean available() {
    return unavailableReason() == null;
  }

  /** Why {@link #available()} is false, or null when it is true. */
  public static synchronized String unavailableReason() {
    if (!"0".equals(Shell.tryRun(List.of("id", "-u")).output()) || !Files.exists(Path.of("/dev/fuse"))) {
      return "the page-cache fault needs root and /dev/fuse";
    }
    if (!Shell.available("fusermount3", "-V")) {
      return "the page-cache fault needs fusermount3 (Debian package fuse3)";
    }
    return build();
  }

  /** Compiles the binary when it is missing or older than its source; returns the error, or null. */
  private static String build() {
    try {
      if (buildError == null && (!Files.exists(BINARY)
          || Files.getLastModifiedTime(BINARY).compareTo(Files.getLastModifiedTime(SOURCE)) < 0)) {
        Files.createDirectories(BINARY.getParent());
        Shell.Result flags = Shell.tryRun(List.of("pkg-config", "--cflags", "--libs", "fuse3"));
        if (flags.exitCode() != 0) {
          buildError = "lazyfs needs pkg-config and libfuse3-dev: " + flags.output();
          return buildError;
        }
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", BINARY.toString(),
            SOURCE.toString()));
        gcc.addAll(List.of(flags.output().split("\\s+")));
        Shell.Result r = Shell.tryRun(gcc);
        if (r.exitCode() != 0) {
          buildError = "cannot compile lazyfs (gcc, libfuse3-dev): " + r.output();
        }
      }
    } catch (IOException e) {
      buildError = "cannot build lazyfs: " + e;
    }
    return buildError;
  }

  /** Mounts a lazy view of {@code backing} on {@code mountpoint} (both created if missing); its log goes to {@code log}. */
  public static LazyFs mount(Path backing, Path mountpoint, Path log) throws IOException, InterruptedException {
    String reason = unavailableReason();
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    Files.createDirectories(backing);
    Files.createDirectories(mountpoint);
    // -f: stays in the foreground, so that this process is the file system; auto_unmount: the mount goes with it.
    Process p = new ProcessBuilder(BINARY.toString(), backing.toString(), mountpoint.toString(), "-f",
        "-o", "auto_unmount,max_threads=16")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    LazyFs fs = new LazyFs(mountpoint, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!fs.isMounted()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        fs.close();
        throw new IllegalStateException("lazyfs did not mount " + mountpoint + "; see " + log);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return fs;
  }

  public Path mountpoint() {
    return mountpoint;
  }

  private boolean isMounted() throws IOException {
    return !Files.getAttribute(mountpoint, "unix:dev").equals(Files.getAttribute(mountpoint.getParent(), "unix:dev"));
  }

  /** Files with writes not fsynced yet, and the bytes written to them since their last fsync. */
  public Unsynced unsynced() throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(mountpoint, UserDefinedFileAttributeView.class);
    ByteBuffer buf = ByteBuffer.allocate(64);
    view.read(UNSYNCED, buf);
    Matcher m = COUNTS.matcher(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
    if (!m.matches()) {
      throw new IOException("lazyfs answered " + new String(buf.array(), StandardCharsets.US_ASCII));
    }
    return new Unsynced(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  /**
   * Forgets every write not fsynced: each file is back at its content of its last fsync (empty if it never had one).
   * Writers must be stopped first. Returns what was forgotten.
   */
  public Unsynced dropUnsynced() throws IOException {
    Unsynced lost = unsynced();
    Files.getFileAttributeView(mountpoint, UserDefinedFileAttributeView.class)
        .write(DROP, ByteBuffer.wrap(new byte[] {1}));
    return lost;
  }

  /** Unmounts (nothing may use the mount any more) and waits for the file system process to end. */
  @Override
  public void close() {
    unmount();
    try {
      Runtime.getRuntime().removeShutdownHook(unmountOnExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook
    }
  }

  private void unmount() {
    if (!process.isAlive()) {
      return;
    }
    Shell.tryRun(List.of("fusermount3", "-u", mountpoint.toString()));
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        // Still busy: detach it lazily, so that no run leaves a mount behind.
        Shell.tryRun(List.of("fusermount3", "-u", "-z", mountpoint.toString()));
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted unmounting " + mountpoint));
    }
  }
}
