package io.raftq.server.cli;

import io.raftq.raft.ClusterMembers;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.raft.RaftSettings;
import io.raftq.server.NodeConfig;
import io.raftq.server.RaftqNode;
import io.raftq.server.clock.OffsetFileClock;
import io.raftq.server.clock.SteadyClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftq node start}: runs one node until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(
    name = "start",
    description = "Start a node. Runs in the foreground until SIGTERM or Ctrl-C, then stops cleanly.",
    mixinStandardHelpOptions = true,
    footer = {
      "%nExample (node n1 of a local 3-node cluster):",
      "  raftq node start --id n1 --data-dir data/n1 --raft-address 127.0.0.1:9191 \\",
      "    --client-address 127.0.0.1:9091 \\",
      "    --peers n1=127.0.0.1:9191/127.0.0.1:9091,n2=127.0.0.1:9192/127.0.0.1:9092,"
          + "n3=127.0.0.1:9193/127.0.0.1:9093",
      "%nA fourth node joining that cluster later (it takes its share of replicas by itself):",
      "  raftq node start --id n4 --data-dir data/n4 --raft-address 127.0.0.1:9194 \\",
      "    --client-address 127.0.0.1:9094 --join 127.0.0.1:9091",
      "%nEvery option can also come from --config FILE, a properties file with the option names as keys",
      "(id=n1, data-dir=data/n1, peers=..., ...); options on the command line win."
    })
public final class NodeStartCli implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of these options.")
  Path configFile;

  @Option(names = "--id", paramLabel = "ID", description = "This node's id (1-64 of A-Z a-z 0-9 . _ -); one of --peers for a seed node.")
  String id;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where this node keeps its Raft logs and state.")
  Path dataDir;

  @Option(names = "--raft-address", paramLabel = "HOST:PORT", description = "Address for Raft traffic between nodes.")
  String raftAddress;

  @Option(names = "--client-address", paramLabel = "HOST:PORT", description = "Address clients connect to.")
  String clientAddress;

  @Option(names = "--peers", paramLabel = "ID=RAFT/CLIENT,...",
      description = "The seed nodes that start the cluster, this one included: ID=RAFTHOST:RAFTPORT/CLIENTHOST:CLIENTPORT,..."
          + " Every seed gets the same list; nodes added later use --join instead.")
  String peers;

  @Option(names = "--join", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Join a running cluster through the client address of any member (several for redundancy),"
          + " instead of --peers. The node registers itself, joins the metadata group (voting while it has fewer"
          + " than five voters, listening otherwise) and takes its share of partition replicas.")
  String join;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Failure zone of this node (rack, availability zone): a partition's replicas go to distinct"
          + " zones while there are enough.")
  String zone;

  @Option(names = "--replace-down-after", paramLabel = "DURATION", converter = io.raftq.cli.DurationConverter.class,
      description = "When a node has not answered for this long, re-create its replicas on the other nodes"
          + " (default: 10m; at least 5s). It gets replicas again when it comes back.")
  Duration replaceDownAfter;

  @Option(names = "--quiesce-after", paramLabel = "DURATION", converter = io.raftq.cli.DurationConverter.class,
      description = "Close a partition's Raft group on all its replicas once it has been idle this long (no"
          + " request, nothing applied, no receive waiting): it then costs no heartbeats, threads or memory, and"
          + " the next request opens it again, which takes an election (2-4 s). Default: 5m; 0: never; else at"
          + " least 10s.")
  Duration quiesceAfter;

  @Option(names = "--balance-leaders", negatable = true,
      description = "Every 10 s hand one partition this node leads to a caught-up replica leading two fewer of that"
          + " queue, so leaders spread out again after restarts and moves (default: on; --no-balance-leaders:"
          + " leaders stay where elections put them).")
  Boolean balanceLeaders;

  @Option(names = "--raft-transport", paramLabel = "grpc|netty",
      description = "Raft transport between nodes (default: ${DEFAULT-VALUE}; see docs/ARCHITECTURE.md).")
  String transport;

  @Option(names = "--snapshot-threshold", paramLabel = "ENTRIES",
      description = "Snapshot each partition and purge its Raft log every this many entries (default 20000).")
  Long snapshotThreshold;

  @Option(names = "--max-message-bytes", paramLabel = "BYTES",
      description = "Largest message payload accepted (default 1048576).")
  Integer maxMessageBytes;

  @Option(names = "--max-receive-bytes", paramLabel = "BYTES",
      description = "Byte bound of one receive answer per partition: messages as encoded, at least one whatever its"
          + " size (default and largest " + io.raftq.protocol.Limits.MAX_RECEIVE_BYTES + ", a 4 MiB frame less room"
          + " for its own fields; at least " + NodeConfig.MIN_RECEIVE_BYTES + "). A client asking for a larger"
          + " bound gets this one.")
  Integer maxReceiveBytes;

  @Option(names = "--handshake-timeout", paramLabel = "DURATION", converter = io.raftq.cli.DurationConverter.class,
      description = "Close a client connection that has not said Hello within this time (default: 10s).")
  Duration handshakeTimeout;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = io.raftq.cli.DurationConverter.class,
      description = "Close a client connection that sent no request for this long and has none outstanding (no"
          + " receive waiting); clients reconnect on their next request (default: 10m; 0: never).")
  Duration idleTimeout;

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Client connections served at once; the next is refused with OVERLOADED and closed (default:"
          + " 1000). Each client (and each node's own client) holds one connection per node.")
  Integer maxConnections;

  @Option(names = "--max-waiting-receives", paramLabel = "N",
      description = "Receives with a wait outstanding on one connection; more are answered OVERLOADED (retriable)"
          + " (default: 10000).")
  Integer maxWaitingReceives;

  @Option(names = "--max-bytes-in-flight", paramLabel = "BYTES",
      description = "Request bytes outstanding on one connection; a request beyond is answered OVERLOADED"
          + " (retriable; a request alone is always admitted) (default: 67108864).")
  Long maxBytesInFlight;

  @Option(names = "--election-timeout", paramLabel = "MIN_MS-MAX_MS",
      description = "Randomized Raft election timeout range in ms (default 1500-3000).")
  String electionTimeout;

  @Option(names = "--clock-offset-file", paramLabel = "FILE",
      description = "Testing aid: add the signed milliseconds in FILE to this node's clock (re-read every 100 ms)."
          + " Fault-injection tests jump one node's clock with it.")
  Path clockOffsetFile;

  @Option(names = "--sqs-address", paramLabel = "HOST:PORT",
      description = "Serve the SQS-compatible HTTP API (AWS JSON 1.0 and query protocols) here; off when not given."
          + " See docs/SQS.md.")
  String sqsAddress;

  @Option(names = "--sqs-credentials", paramLabel = "FILE",
      description = "Access keys the SQS API accepts, one per line: ACCESS_KEY_ID SECRET_ACCESS_KEY QUEUES (QUEUES:"
          + " * or name,prefix*,...). Requests must then carry a valid AWS Signature V4. Without this file any"
          + " signature is accepted (local development).")
  Path sqsCredentials;

  @Option(names = "--sqs-region", paramLabel = "REGION",
      description = "Region named in the SQS API's queue ARNs (default us-east-1).")
  String sqsRegion;

  @Option(names = "--sqs-account", paramLabel = "12_DIGITS",
      description = "Account id in the SQS API's queue URLs and ARNs (default 000000000000).")
  String sqsAccount;

  @Override
  public Integer call() throws Exception {
    NodeConfig config = config();
    RaftqNode node = clockOffsetFile == null
        ? RaftqNode.start(config)
        : RaftqNode.start(config, new SteadyClock(new OffsetFileClock(clockOffsetFile)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
      System.err.flush();
      // A JVM stopped by a signal exits 143 even after its hooks finish; the stop was clean, so say so.
      Runtime.getRuntime().halt(0);
    }, "shutdown"));
    System.err.println("raftq node " + config.id() + " serving clients on " + config.clientAddress()
        + " (Raft on " + config.raftAddress() + ", data in " + config.dataDir() + ")"
        + (config.sqs() == null ? "" : "; SQS API on http://" + config.sqs().address()));
    stopped.await();
    return 0;
  }

  /** The validated configuration from the options and the --config file. */
  NodeConfig config() throws java.io.IOException {
    return toConfig(loadProperties());
  }

  private Properties loadProperties() throws java.io.IOException {
    Properties p = new Properties();
    if (configFile != null) {
      try (var in = Files.newBufferedReader(configFile)) {
        p.load(in);
      }
    }
    return p;
  }

  private NodeConfig toConfig(Properties file) {
    String nodeId = pick(id, file, "id");
    Path dir = Path.of(pick(dataDir == null ? null : dataDir.toString(), file, "data-dir"));
    String joinVia = orDefault(join, file, "join", null);
    List<Member> members = new ArrayList<>();
    if (joinVia != null) {
      if (orDefault(peers, file, "peers", null) != null) {
        throw new IllegalArgumentException("give either --peers (a seed node) or --join (a node joining later)");
      }
      members.add(new Member(nodeId, HostPort.parse(pick(raftAddress, file, "raft-address")),
          HostPort.parse(pick(clientAddress, file, "client-address"))));
    } else {
      for (String spec : pick(peers, file, "peers").split(",")) {
        members.add(Member.parse(spec.trim()));
      }
    }
    String[] election = orDefault(electionTimeout, file, "election-timeout", "1500-3000").split("-");
    if (election.length != 2) {
      throw new IllegalArgumentException("--election-timeout must be MIN_MS-MAX_MS, e.g. 1500-3000");
    }
    return new NodeConfig(
        nodeId, dir,
        HostPort.parse(pick(raftAddress, file, "raft-address")),
        HostPort.parse(pick(clientAddress, file, "client-address")),
        new ClusterMembers(members),
        RaftSettings.Transport.valueOf(orDefault(transport, file, "raft-transport", "grpc").toUpperCase()),
        Long.parseLong(orDefault(str(snapshotThreshold), file, "snapshot-threshold",
            String.valueOf(RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD))),
        Integer.parseInt(orDefault(str(maxMessageBytes), file, "max-message-bytes",
            String.valueOf(NodeConfig.DEFAULT_MAX_MESSAGE_BYTES))),
        Duration.ofMillis(Long.parseLong(election[0].trim())),
        Duration.ofMillis(Long.parseLong(election[1].trim())), sqs(file),
        orDefault(zone, file, "zone", ""), joinVia == null ? null
            : java.util.Arrays.stream(joinVia.split(",")).map(String::trim).map(HostPort::parse).toList(),
        duration(replaceDownAfter, file, "replace-down-after", null),
        balanceLeaders != null ? balanceLeaders
            : Boolean.parseBoolean(file.getProperty("balance-leaders", "true")),
        duration(quiesceAfter, file, "quiesce-after", null),
        Integer.parseInt(orDefault(str(maxReceiveBytes), file, "max-receive-bytes", "0")),
        clientLimits(file));
  }

  private io.raftq.protocol.netty.ConnectionLimits clientLimits(Properties file) {
    io.raftq.protocol.netty.ConnectionLimits d = io.raftq.protocol.netty.ConnectionLimits.DEFAULTS;
    return new io.raftq.protocol.netty.ConnectionLimits(
        duration(handshakeTimeout, file, "handshake-timeout", d.handshakeTimeout()),
        duration(idleTimeout, file, "idle-timeout", d.idleTimeout()),
        Integer.parseInt(orDefault(str(maxConnections), file, "max-connections", str(d.maxConnections()))),
        Integer.parseInt(orDefault(str(maxWaitingReceives), file, "max-waiting-receives",
            str(d.maxWaitingReceives()))),
        Long.parseLong(orDefault(str(maxBytesInFlight), file, "max-bytes-in-flight", str(d.maxBytesInFlight()))));
  }

  /** The option's value, else the config file's, else {@code fallback}. */
  private static Duration duration(Duration cli, Properties file, String key, Duration fallback) {
    if (cli != null) {
      return cli;
    }
    String v = file.getProperty(key);
    return v == null ? fallback : new io.raftq.cli.DurationConverter().convert(v);
  }

  private io.raftq.server.sqs.SqsSettings sqs(Properties file) {
    String address = orDefault(sqsAddress, file, "sqs-address", null);
    if (address == null) {
      return null;
    }
    String credentials = orDefault(str(sqsCredentials), file, "sqs-credentials", null);
    if (credentials != null && !Files.isReadable(Path.of(credentials))) {
      throw new IllegalArgumentException("--sqs-credentials " + credentials + " is not a readable file");
    }
    return new io.raftq.server.sqs.SqsSettings(HostPort.parse(address),
        credentials == null ? null : Path.of(credentials), orDefault(sqsRegion, file, "sqs-region", null),
        orDefault(sqsAccount, file, "sqs-account", null));
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static String pick(String cli, Properties file, String key) {
    String v = orDefault(cli, file, key, null);
    if (v == null || v.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(new NodeStartCli()),
          "missing --" + key + " (give it on the command line or in --config)");
    }
    return v;
  }

  private static String orDefault(String cli, Properties file, String key, String fallback) {
    return cli != null ? cli : file.getProperty(key, fallback);
  }
}
