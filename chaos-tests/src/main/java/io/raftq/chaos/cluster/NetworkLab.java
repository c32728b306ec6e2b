package io.raftq.chaos.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * One Linux network namespace per node, each joined to a bridge in the root namespace by a veth pair, so that
 * iptables rules inside a node's namespace can cut its links to chosen peers (both ways, one way, or a random
 * share of packets) while the test harness, on the bridge address {@link #HOST_IP}, still reaches every node.
 * Addresses are in 198.18.0.0/24, the range reserved for network testing (RFC 2544); only these namespaces hold
 * them. Needs root, {@code ip} and {@code iptables}; {@link #close()} removes everything this lab created.
 */
public final class NetworkLab implements AutoCloseable {
  public static final String HOST_IP = "198.18.0.1";
  private static final String PREFIX = "rqc";
  private static final String BRIDGE = PREFIX + "br0";

  private final int size;
  private final Thread cleanupOnExit = new Thread(this::removeAll, "network-lab-cleanup");
  private boolean closed;

  private NetworkLab(int size) {
    this.size = size;
  }

  /** {@code -Dchaos.networkLab=off} makes the lab unavailable, as without root: to try the skip rule as root. */
  static final String SWITCH = "chaos.networkLab";

  /** Whether this process can build a lab: root, with {@code ip} and {@code iptables} installed. */
  public static boolean available() {
    return !switchedOff() && "0".equals(Shell.tryRun(List.of("id", "-u")).output())
        && Shell.available("ip", "-V") && Shell.available("iptables", "--version");
  }

  private static boolean switchedOff() {
    return "off".equals(System.getProperty(SWITCH));
  }

  /** Why {@link #available()} is false, for failure and skip messages. */
  public static String unavailableReason() {
    if (switchedOff()) {
      return "network faults switched off by -D" + SWITCH + "=off";
    }
    return "network faults need root with iproute2 and iptables (uid=" + Shell.tryRun(List.of("id", "-u")).output()
        + ", ip=" + Shell.available("ip", "-V") + ", iptables=" + Shell.available("iptables", "--version") + ")";
  }

  /** Creates the bridge and one namespace per node, first removing leftovers of an interrupted earlier lab. */
  public static NetworkLab create(int size) {
    NetworkLab lab = new NetworkLab(size);
    lab.removeAll();
    Runtime.getRuntime().addShutdownHook(lab.cleanupOnExit);
    try {
      Shell.run("ip", "link", "add", BRIDGE, "type", "bridge");
      Shell.run("ip", "addr", "add", HOST_IP + "/24", "dev", BRIDGE);
      Shell.run("ip", "link", "set", BRIDGE, "up");
      for (int n = 0; n < size; n++) {
        String ns = namespace(n);
        String hostSide = PREFIX + "-v" + n;
        Shell.run("ip", "netns", "add", ns);
        Shell.run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Shell.run("ip", "link", "set", hostSide, "master", BRIDGE, "up");
        Shell.run("ip", "-n", ns, "addr", "add", ip(n) + "/24", "dev", "eth0");
        Shell.run("ip", "-n", ns, "link", "set", "eth0", "up");
        Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
      }
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  static String namespace(int n) {
    return PREFIX + "-n" + (n + 1);
  }

  /** Node {@code n}'s address (n from 0). */
  public static String ip(int n) {
    return "198.18.0." + (11 + n);
  }

  public int size() {
    return size;
  }

  /** {@code command} wrapped to run inside node {@code n}'s namespace (same pid: {@code ip netns exec} execs). */
  public List<String> inNamespace(int n, List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(n)));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Node {@code to} stops hearing node {@code from} (a one-way cut: {@code to} can still send to it). */
  public void drop(int to, int from) {
    iptables(to, "-A", "INPUT", "-s", ip(from), "-j", "DROP");
  }

  /** Node {@code to} loses a random share of the packets from node {@code from}. */
  public void dropRandomly(int to, int from, double probability) {
    iptables(to, "-A", "INPUT", "-s", ip(from), "-m", "statistic", "--mode", "random",
        "--probability", String.valueOf(probability), "-j", "DROP");
  }

  /** Removes every rule: all links work again. */
  public void heal() {
    for (int n = 0; n < size; n++) {
      iptables(n, "-F", "INPUT");
    }
  }

  private void iptables(int n, String... args) {
    List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
    cmd.addAll(List.of(args));
    Shell.run(inNamespace(n, cmd));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    removeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
  }

  /**
   * Deletes our namespaces, our veth pairs and the bridge; absent ones are fine. A deleted namespace lives on (with
   * its veth end) until the last process in it has exited, so the host ends are deleted explicitly too: a lab
   * created right after an interrupted run would otherwise find them taken.
   */
  private void removeAll() {
    for (String line : Shell.tryRun(List.of("ip", "netns", "list")).output().split("\n")) {
      String ns = line.split(" ")[0].trim();
      if (ns.startsWith(PREFIX + "-n")) {
        Shell.tryRun(List.of("ip", "netns", "delete", ns));
      }
    }
    for (String line : Shell.tryRun(List.of("ip", "-br", "link")).output().split("\n")) {
      String link = line.split("[@ ]")[0].trim();
      if (link.startsWith(PREFIX + "-v")) {
        Shell.tryRun(List.of("ip", "link", "delete", link));
      }
    }
    Shell.tryRun(List.of("ip", "link", "delete", BRIDGE));
  }
}
