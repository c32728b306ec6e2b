package io.raftq.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real raftq node processes started from the built artifact ({@code bin/raftq node start}), each with its own
 * data directory and log file under {@code target/}. Stops only the processes it started, by their handle:
 * {@link #kill9} is SIGKILL, {@link #stop} is SIGTERM (graceful).
 */
final class ProcessCluster implements AutoCloseable {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path LAUNCHER = REPO.resolve("bin/raftq");

  private final Path root;
  private final int size;
  private final int[] raftPorts;
  private final int[] clientPorts;
  private final Process[] processes;

  ProcessCluster(int size, String name) throws IOException {
    this.size = size;
    this.root = Path.of("target", "clusters", name + "-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(root);
    raftPorts = new int[size];
    clientPorts = new int[size];
    processes = new Process[size];
    for (int i = 0; i < size; i++) {
      raftPorts[i] = freePort();
      clientPorts[i] = freePort();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String id(int n) {
    return "n" + (n + 1);
  }

  String peers() {
    List<String> p = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      p.add(id(i) + "=127.0.0.1:" + raftPorts[i] + "/127.0.0.1:" + clientPorts[i]);
    }
    return String.join(",", p);
  }

  String bootstrap() {
    List<String> b = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      b.add("127.0.0.1:" + clientPorts[i]);
    }
    return String.join(",", b);
  }

  List<String> bootstrapList() {
    return List.of(bootstrap().split(","));
  }

  String clientAddress(int n) {
    return "127.0.0.1:" + clientPorts[n];
  }

  int indexOf(String nodeId) {
    return Integer.parseInt(nodeId.substring(1)) - 1;
  }

  void startAll() throws Exception {
    for (int i = 0; i < size; i++) {
      start(i);
    }
    for (int i = 0; i < size; i++) {
      awaitListening(i, Duration.ofSeconds(90));
    }
  }

  void start(int n) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "node", "start",
        "--id", id(n), "--data-dir", root.resolve(id(n)).toString(),
        "--raft-address", "127.0.0.1:" + raftPorts[n], "--client-address", clientAddress(n),
        "--peers", peers(), "--snapshot-threshold", "200", "--election-timeout", "1000-2000");
    pb.environment().put("RAFTQ_JAVA_OPTS", "-Xmx384m -XX:MaxDirectMemorySize=256m -XX:+UseSerialGC");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(id(n) + ".log").toFile()));
    processes[n] = pb.start();
  }

  void awaitListening(int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!processes[n].isAlive()) {
        throw new IllegalStateException(id(n) + " exited: " + tail(n));
      }
      try (Socket s = new Socket("127.0.0.1", clientPorts[n])) {
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
    throw new IllegalStateException(id(n) + " did not open its client port: " + tail(n));
  }

  String tail(int n) {
    try {
      List<String> lines = Files.readAllLines(root.resolve(id(n) + ".log"));
      return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream().collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** SIGKILL: no shutdown hook, no flush; what was not fsynced is lost, as in a crash. */
  void kill9(int n) throws InterruptedException {
    Process p = processes[n];
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM and wait for the graceful shutdown. */
  boolean stop(int n) throws InterruptedException {
    Process p = processes[n];
    if (p == null || !p.isAlive()) {
      return true;
    }
    p.destroy();
    boolean exited = p.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    return exited;
  }

  int exitCode(int n) {
    return processes[n].exitValue();
  }

  /** Runs {@code bin/raftq args...} against this cluster; returns exit code and stdout/stderr. */
  CliResult cli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(LAUNCHER.toString());
    cmd.addAll(List.of(args));
    cmd.add("--bootstrap");
    cmd.add(bootstrap());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("RAFTQ_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    Path out = Files.createTempFile(root, "cli", ".out");
    Path err = Files.createTempFile(root, "cli", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("cli timed out: " + cmd);
    }
    return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  record CliResult(int exitCode, String stdout, String stderr) {
    List<String> lines() {
      return stdout.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = 0; i < size; i++) {
      stop(i);
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.toString().endsWith(".log")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // logs stay for inspection
    }
  }
}
