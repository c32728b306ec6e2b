package io.raftq.chaos.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real raftq node processes started from the built artifact ({@code bin/raftq node start}), each with its own data
 * directory, log file and clock-offset file under the run directory. With a {@link NetworkLab} each node runs in its
 * own network namespace and address; without one, all nodes share 127.0.0.1 on free ports and network faults are
 * unavailable. Process faults act on the node JVM's pid only: SIGKILL, SIGSTOP/SIGCONT, SIGTERM.
 */
public final class ChaosCluster implements AutoCloseable {
  public static final Path REPO = findRepo();
  private static final int RAFT_PORT = 9191;
  private static final int CLIENT_PORT = 9091;

  private final Path runDir;
  private final int size;
  /** Nodes 0..seeds-1 start the cluster (--peers); the rest are spares that join it later (--join). */
  private final int seeds;
  private final NetworkLab lab;
  private final List<String> extraNodeArgs;
  private final int[] raftPorts;
  private final int[] clientPorts;
  private final Process[] processes;
  private final boolean[] paused;
  /** Nodes taken out of the cluster on purpose (drained, removed, stopped): they stay down. */
  private final boolean[] retired;
  private final Thread killOnExit = new Thread(this::killAllNow, "chaos-cluster-cleanup");
  /** Processes this cluster is ending on purpose (SIGKILL, SIGTERM): their exit is expected. */
  private final java.util.Set<Process> endingOnPurpose =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Notes on node processes that exited without this cluster ending them, in the order they died. */
  private final List<String> unexpectedExits = new ArrayList<>();
  private final long createdNanos = System.nanoTime();
  /** Each node's data directory as a lazy file system, for the page-cache fault; null when not used. */
  private LazyFs[] lazyDataDirs;

  /**
   * @param lab the namespaces to run nodes in, or null to run them on loopback
   * @param extraNodeArgs appended to every {@code node start} command line
   */
  public ChaosCluster(Path runDir, int size, NetworkLab lab, List<String> extraNodeArgs) throws IOException {
    this(runDir, size, size, lab, extraNodeArgs);
  }

  /** A cluster of {@code seeds} nodes with {@code size - seeds} spares that {@link #start} joins to it. */
  public ChaosCluster(Path runDir, int size, int seeds, NetworkLab lab, List<String> extraNodeArgs)
      throws IOException {
    if (seeds < 1 || seeds > size) {
      throw new IllegalArgumentException("seeds must be 1.." + size);
    }
    this.runDir = runDir;
    this.size = size;
    this.seeds = seeds;
    this.lab = lab;
    this.extraNodeArgs = List.copyOf(extraNodeArgs);
    this.raftPorts = new int[size];
    this.clientPorts = new int[size];
    this.processes = new Process[size];
    this.paused = new boolean[size];
    this.retired = new boolean[size];
    for (int n = 0; n < size; n++) {
      raftPorts[n] = lab == null ? freePort() : RAFT_PORT;
      clientPorts[n] = lab == null ? freePort() : CLIENT_PORT;
      Files.createDirectories(nodeDir(n));
    }
    // An interrupted test run (Ctrl-C, a timeout) must not leave node processes behind.
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  private static Path findRepo() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("bin/raftq"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("bin/raftq not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int size() {
    return size;
  }

  public int seeds() {
    return seeds;
  }

  public boolean hasNetworkLab() {
    return lab != null;
  }

  /** The namespaces, for network faults; throws when the cluster runs on loopback. */
  public NetworkLab lab() {
    if (lab == null) {
      throw new IllegalStateException("this cluster runs on loopback: no network faults");
    }
    return lab;
  }

  public String id(int n) {
    return "n" + (n + 1);
  }

  public int indexOf(String nodeId) {
    return Integer.parseInt(nodeId.substring(1)) - 1;
  }

  private String host(int n) {
    return lab == null ? "127.0.0.1" : NetworkLab.ip(n);
  }

  public String clientAddress(int n) {
    return host(n) + ":" + clientPorts[n];
  }

  public List<String> clientAddresses() {
    List<String> all = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      all.add(clientAddress(n));
    }
    return all;
  }

  /** The node whose client address is {@code address}, or -1. */
  public int indexOfAddress(String address) {
    return clientAddresses().indexOf(address);
  }

  public Path nodeDir(int n) {
    return runDir.resolve("nodes").resolve(id(n));
  }

  private Path dataDir(int n) {
    return nodeDir(n).resolve("data");
  }

  private Path clockFile(int n) {
    return nodeDir(n).resolve("clock-offset-ms");
  }

  private String peers() {
    List<String> p = new ArrayList<>();
    for (int n = 0; n < seeds; n++) {
      p.add(id(n) + "=" + host(n) + ":" + raftPorts[n] + "/" + clientAddress(n));
    }
    return String.join(",", p);
  }

  /** Starts the seed nodes (spares join later through {@link #start}). */
  public void startAll(Duration timeout) throws InterruptedException {
    for (int n = 0; n < seeds; n++) {
      start(n);
    }
    for (int n = 0; n < seeds; n++) {
      awaitListening(n, timeout);
    }
  }

  /** Starts node {@code n} on its existing data (a no-op when it runs or was retired). */
  public synchronized void start(int n) {
    if (isAlive(n) || retired[n]) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/raftq").toString(), "node", "start",
        "--id", id(n), "--data-dir", dataDir(n).toString(),
        "--raft-address", host(n) + ":" + raftPorts[n], "--client-address", clientAddress(n),
        "--clock-offset-file", clockFile(n).toString()));
    if (n < seeds) {
      cmd.addAll(List.of("--peers", peers()));
    } else {
      cmd.addAll(List.of("--join", String.join(",", clientAddresses().subList(0, seeds))));
    }
    cmd.addAll(extraNodeArgs);
    ProcessBuilder pb = new ProcessBuilder(lab == null ? cmd : lab.inNamespace(n, cmd));
    pb.environment().put("RAFTQ_JAVA_OPTS",
        "-Xmx384m -XX:MaxDirectMemorySize=256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir(n).resolve("node.log").toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + id(n), e);
    }
    processes[n] = p;
    paused[n] = false;
    p.onExit().thenAccept(done -> exited(n, done));
  }

  /**
   * Called when a node process has exited: unless this cluster ended it (kill, stop, retire, close), it died by
   * itself, which fails the run even if a later heal restarted it. The note is taken now, while the node's log
   * still ends with its own last words.
   */
  private void exited(int n, Process p) {
    synchronized (this) {
      if (endingOnPurpose.remove(p)) {
        return;
      }
    }
    String note = String.format("%s exited by itself with code %d at %.1f s", id(n), p.exitValue(),
        (System.nanoTime() - createdNanos) / 1e9) + logTail(n, 40);
    System.out.println("chaos: UNEXPECTED EXIT " + note);
    synchronized (this) {
      unexpectedExits.add(note);
    }
  }

  /** The node processes that exited without this cluster ending them: exit code, time and the end of the log. */
  public synchronized List<String> unexpectedExits() {
    return List.copyOf(unexpectedExits);
  }

  /** Marks {@code n}'s process as ended on purpose and returns it, or null when it does not run. */
  private synchronized Process endOnPurpose(int n) {
    Process p = processes[n];
    if (p == null || !p.isAlive()) {
      return null;
    }
    endingOnPurpose.add(p);
    return p;
  }

  /**
   * Mounts every node's data directory as lazyfs over {@code data.backing} beside it, so that {@link
   * #loseUnsyncedWrites} can drop what a node did not fsync. Call before starting nodes; {@link #close} unmounts.
   */
  public synchronized void useLazyDataDirs() throws IOException, InterruptedException {
    lazyDataDirs = new LazyFs[size];
    for (int n = 0; n < size; n++) {
      lazyDataDirs[n] = LazyFs.mount(lazyBackingDir(n), dataDir(n), nodeDir(n).resolve("lazyfs.log"));
    }
  }

  private Path lazyBackingDir(int n) {
    return nodeDir(n).resolve("data.backing");
  }

  /**
   * Forgets every write of stopped node {@code n} that it did not fsync, as a power loss forgets the page cache:
   * each file is back at its last fsynced content. Needs {@link #useLazyDataDirs}. Returns what was lost.
   */
  public LazyFs.Unsynced loseUnsyncedWrites(int n) throws IOException {
    requireStopped(n, "drop the unsynced writes of");
    if (lazyDataDirs == null) {
      throw new IllegalStateException("data directories are not lazy: call useLazyDataDirs before starting nodes");
    }
    return lazyDataDirs[n].dropUnsynced();
  }

  /** Waits until node {@code n} accepts connections on its client port. */
  public void awaitListening(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isAlive(n)) {
        throw new IllegalStateException(id(n) + " exited; see " + nodeDir(n).resolve("node.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host(n), clientPorts[n]), 1000);
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
    throw new IllegalStateException(id(n) + " did not open its client port within " + timeout);
  }

  public synchronized boolean isAlive(int n) {
    return processes[n] != null && processes[n].isAlive();
  }

  public synchronized boolean isPaused(int n) {
    return paused[n];
  }

  /**
   * SIGKILL: no shutdown hook, no flush; the page cache survives, as in a process crash. Returns whether the node
   * was running (false: the kill changed nothing).
   */
  public boolean kill9(int n) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = endOnPurpose(n);
      paused[n] = false;
    }
    if (p == null) {
      return false;
    }
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    return true;
  }

  /** SIGTERM and wait for the graceful stop; SIGKILL after 30 s. Returns whether the node was running. */
  public boolean stop(int n) throws InterruptedException {
    Process p = endOnPurpose(n);
    if (p == null) {
      return false;
    }
    resume(n);
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    return true;
  }

  /** Stops a node that left the cluster for good; it is not started again and not expected to be alive. */
  public void retire(int n) throws InterruptedException {
    synchronized (this) {
      retired[n] = true;
    }
    stop(n);
  }

  public synchronized boolean isRetired(int n) {
    return retired[n];
  }

  /** Whether node {@code n} should be running now: started at some point and not retired. */
  public synchronized boolean isMember(int n) {
    return processes[n] != null && !retired[n];
  }

  /**
   * Why member {@code n} is not running although it should be: its exit code and the end of its log, so that a
   * failed run in CI (where the run directory is gone) still says how a node died. Empty while it runs.
   */
  public synchronized Optional<String> deathNote(int n, int lines) {
    if (!isMember(n) || isAlive(n)) {
      return Optional.empty();
    }
    return Optional.of(id(n) + " exited with code " + processes[n].exitValue() + logTail(n, lines));
  }

  /** {@code "; node.log ends:"} and the last {@code lines} lines of node {@code n}'s log, indented. */
  private String logTail(int n, int lines) {
    StringBuilder tail = new StringBuilder();
    try {
      List<String> log = Files.readAllLines(nodeDir(n).resolve("node.log"));
      tail.append("; node.log ends:");
      log.subList(Math.max(0, log.size() - lines), log.size()).forEach(l -> tail.append("\n  ").append(l));
    } catch (IOException | UncheckedIOException e) {
      tail.append("; node.log unreadable: ").append(e);
    }
    return tail.toString();
  }

  /** SIGSTOP: the JVM freezes mid-flight, as in a long GC pause or a VM stall. Returns whether it was running. */
  public synchronized boolean pause(int n) {
    if (isAlive(n) && !paused[n]) {
      Shell.run("kill", "-STOP", String.valueOf(processes[n].pid()));
      paused[n] = true;
      return true;
    }
    return false;
  }

  public synchronized void resume(int n) {
    if (isAlive(n) && paused[n]) {
      Shell.run("kill", "-CONT", String.valueOf(processes[n].pid()));
    }
    paused[n] = false;
  }

  /** Deletes a stopped node's data directory: it rejoins empty and catches up from the others. */
  public void wipe(int n) throws IOException {
    requireStopped(n, "wipe");
    deleteTree(dataDir(n));
  }

  /**
   * Cuts the last {@code bytes} (at most the whole file) off the newest open Raft log segment of every group of a
   * stopped node, as a crash mid-write would. Returns how many segments were truncated.
   */
  public int truncateRaftLogTails(int n, long bytes) throws IOException {
    requireStopped(n, "truncate");
    Path groups = dataDir(n).resolve("raft").resolve("groups");
    if (!Files.isDirectory(groups)) {
      return 0;
    }
    int truncated = 0;
    try (Stream<Path> files = Files.walk(groups)) {
      for (Path segment : files.filter(p -> p.getFileName().toString().startsWith("log_inprogress_")).toList()) {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
          if (f.length() > 0) {
            f.setLength(Math.max(0, f.length() - bytes));
            truncated++;
          }
        }
      }
    }
    return truncated;
  }

  /** Sets node {@code n}'s clock offset; the node picks it up within 100 ms. */
  public void setClockOffset(int n, long offsetMs) throws IOException {
    Path tmp = clockFile(n).resolveSibling("clock-offset-ms.tmp");
    Files.writeString(tmp, Long.toString(offsetMs));
    Files.move(tmp, clockFile(n), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void requireStopped(int n, String what) {
    if (isAlive(n)) {
      throw new IllegalStateException("cannot " + what + " " + id(n) + " while it runs");
    }
  }

  /** Removes the nodes' data directories (their logs stay), for runs that passed. */
  public void deleteData() throws IOException {
    for (int n = 0; n < size; n++) {
      requireStopped(n, "delete the data of");
      deleteTree(dataDir(n));
      deleteTree(lazyBackingDir(n));
    }
  }

  /** Deletes {@code dir} and everything under it (nothing when it does not exist). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops every node this cluster started (SIGCONT first, then SIGTERM, SIGKILL after 30 s). */
  @Override
  public void close() throws InterruptedException {
    for (int n = 0; n < size; n++) {
      stop(n);
    }
    unmountLazyDataDirs();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook
    }
  }

  private synchronized void unmountLazyDataDirs() {
    if (lazyDataDirs != null) {
      for (LazyFs fs : lazyDataDirs) {
        if (fs != null) {
          fs.close();
        }
      }
    }
  }

  /** SIGKILL every node process this cluster started, at JVM exit. */
  private void killAllNow() {
    for (Process p : processes) {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
