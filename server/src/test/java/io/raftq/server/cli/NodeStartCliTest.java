package io.raftq.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.protocol.netty.ConnectionLimits;
import io.raftq.raft.RaftSettings;
import io.raftq.server.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeStartCliTest {
  private static final String PEERS =
      "n1=127.0.0.1:9191/127.0.0.1:9091,n2=127.0.0.1:9192/127.0.0.1:9092,n3=127.0.0.1:9193/127.0.0.1:9093";

  @TempDir Path tmp;

  private static NodeStartCli parse(String... args) {
    NodeStartCli cli = new NodeStartCli();
    new CommandLine(cli).parseArgs(args);
    return cli;
  }

  @Test
  void commandLineOptionsMakeAConfigWithDefaults() throws Exception {
    NodeConfig c = parse("--id", "n2", "--data-dir", "d2", "--raft-address", "127.0.0.1:9192",
        "--client-address", "127.0.0.1:9092", "--peers", PEERS).config();
    assertThat(c.id()).isEqualTo("n2");
    assertThat(c.members().all()).hasSize(3);
    assertThat(c.transport()).isEqualTo(RaftSettings.Transport.GRPC);
    assertThat(c.maxMessageBytes()).isEqualTo(1 << 20);
    assertThat(c.electionTimeoutMin()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.balanceLeaders()).isTrue();
    assertThat(c.maxReceiveBytes()).isEqualTo(io.raftq.protocol.Limits.MAX_RECEIVE_BYTES);
    NodeConfig off = parse("--id", "n2", "--data-dir", "d2", "--raft-address", "127.0.0.1:9192",
        "--client-address", "127.0.0.1:9092", "--peers", PEERS, "--no-balance-leaders").config();
    assertThat(off.balanceLeaders()).isFalse();
  }

  @Test
  void aConfigFileGivesTheSameNamesAndTheCommandLineWins() throws Exception {
    Path file = tmp.resolve("n1.properties");
    Files.writeString(file, String.join("\n",
        "id=n1", "data-dir=data/n1", "raft-address=127.0.0.1:9191", "client-address=127.0.0.1:9091",
        "peers=" + PEERS, "raft-transport=netty", "snapshot-threshold=500", "election-timeout=2000-4000"));
    NodeConfig c = parse("--config", file.toString(), "--snapshot-threshold", "700").config();
    assertThat(c.id()).isEqualTo("n1");
    assertThat(c.transport()).isEqualTo(RaftSettings.Transport.NETTY);
    assertThat(c.snapshotThresholdEntries()).isEqualTo(700);
    assertThat(c.electionTimeoutMax()).isEqualTo(Duration.ofMillis(4000));
  }

  @Test
  void theReceiveByteBoundIsSetWithinOneFrame() throws Exception {
    String[] node = {"--id", "n1", "--data-dir", "d", "--raft-address", "127.0.0.1:9191",
        "--client-address", "127.0.0.1:9091", "--peers", PEERS, "--max-receive-bytes"};
    assertThat(parse(with(node, "65536")).config().maxReceiveBytes()).isEqualTo(65_536);
    assertThatThrownBy(() -> parse(with(node, "5000000")).config())
        .hasMessageContaining("--max-receive-bytes must be 1024..4193280");
    assertThatThrownBy(() -> parse(with(node, "100")).config()).hasMessageContaining("--max-receive-bytes");
  }

  private static String[] with(String[] args, String last) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  @Test
  void clientConnectionLimitsHaveDefaultsAndOptions() throws Exception {
    String[] base = {"--id", "n2", "--data-dir", "d2", "--raft-address", "127.0.0.1:9192",
        "--client-address", "127.0.0.1:9092", "--peers", PEERS};
    assertThat(parse(base).config().clientLimits()).isEqualTo(ConnectionLimits.DEFAULTS);
    String[] limited = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of(
        "--handshake-timeout", "3s", "--idle-timeout", "0", "--max-connections", "50",
        "--max-waiting-receives", "200")).toArray(String[]::new);
    Path file = tmp.resolve("limits.properties");
    Files.writeString(file, "max-bytes-in-flight=1048576\nmax-connections=7\n");
    NodeStartCli cli = parse(java.util.stream.Stream.concat(java.util.Arrays.stream(limited),
        java.util.stream.Stream.of("--config", file.toString())).toArray(String[]::new));
    assertThat(cli.config().clientLimits()).isEqualTo(
        new ConnectionLimits(Duration.ofSeconds(3), Duration.ZERO, 50, 200, 1 << 20));
    assertThatThrownBy(() -> parse(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.stream.Stream.of("--max-connections", "0")).toArray(String[]::new)).config())
        .hasMessageContaining("connection limits must be at least 1");
    assertThat(new CommandLine(new NodeStartCli()).getUsageMessage())
        .contains("--handshake-timeout", "--idle-timeout", "--max-connections", "--max-waiting-receives",
            "--max-bytes-in-flight");
  }

  @Test
  void mistakesNameTheOption() {
    assertThatThrownBy(() -> parse("--id", "n9", "--data-dir", "d", "--raft-address", "127.0.0.1:1",
        "--client-address", "127.0.0.1:2", "--peers", PEERS).config())
        .hasMessageContaining("--id n9 is not one of the --peers");
    assertThatThrownBy(() -> parse("--data-dir", "d").config()).hasMessageContaining("missing --id");
    assertThatThrownBy(() -> parse("--id", "n1", "--data-dir", "d", "--raft-address", "127.0.0.1:9191",
        "--client-address", "127.0.0.1:9091", "--peers", "n1=oops").config())
        .hasMessageContaining("bad peer 'n1=oops'");
  }
}
