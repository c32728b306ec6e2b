package io.raftq.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node process that dies by itself is noticed when it dies, with its exit code and last words. */
@Timeout(120)
class ChaosClusterTest {
  @Test
  void aNodeThatExitsByItselfIsNotedAndKillingItAfterwardsChangesNothing(@TempDir Path runDir) throws Exception {
    // A node start with an option the node refuses: the process exits by itself right away, with code 2.
    try (ChaosCluster cluster = new ChaosCluster(runDir, 1, null, List.of("--no-such-option"))) {
      cluster.start(0);
      await().atMost(Duration.ofSeconds(90)).until(() -> !cluster.unexpectedExits().isEmpty());

      String note = cluster.unexpectedExits().get(0);
      assertThat(note).startsWith("n1 exited by itself with code 2 at ")
          .contains("node.log ends:").contains("Unknown option: '--no-such-option'");
      assertThat(cluster.kill9(0)).isFalse();
      assertThat(cluster.pause(0)).isFalse();
      assertThat(cluster.stop(0)).isFalse();
      assertThat(cluster.unexpectedExits()).hasSize(1);
      assertThat(Files.readString(cluster.nodeDir(0).resolve("node.log"))).contains("Unknown option");
    }
  }
}
