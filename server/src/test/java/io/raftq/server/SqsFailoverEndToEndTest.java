package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.client.RaftqClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An application written for SQS (the AWS SDK for Java v2, a send loop and a receive-and-delete loop, retrying
 * what fails as such applications do) keeps running while the leader of its queue's partition is killed, and
 * every message the SDK saw acknowledged is received. Real 3-node cluster, real Ratis, RocksDB and sockets.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SqsFailoverEndToEndTest {
  private static final int MESSAGES = 400;

  @Test
  void killingThePartitionLeaderDuringAnSdkLoopLosesNoAcknowledgedMessage() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, 1_000, true, null);
        RaftqClient raftq = cluster.client()) {
      List<SqsClient> sdk = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        sdk.add(SqsClient.builder().endpointOverride(cluster.sqsEndpoint(n)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("app", "secret")))
            .httpClientBuilder(ApacheHttpClient.builder()).build());
      }
      String url = sdk.get(0).createQueue(r -> r.queueName("failover").attributesWithStrings(Map.of(
          QueueAttributeName.VISIBILITY_TIMEOUT.toString(), "5", "RaftqPartitions", "1"))).queueUrl();
      int[] endpoint = {cluster.indexOf(leaderOf(raftq)) == 0 ? 1 : 0};

      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> received = ConcurrentHashMap.newKeySet();
      AtomicBoolean sending = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger failedSends = new java.util.concurrent.atomic.AtomicInteger();
      Thread producer = new Thread(() -> {
        for (int i = 0; i < MESSAGES; i++) {
          String body = "m-" + i;
          long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (System.nanoTime() < giveUp) {
            try {
              sdk.get(endpoint[0]).sendMessage(b -> b.queueUrl(url).messageBody(body));
              acknowledged.add(body);
              break;
            } catch (RuntimeException e) {
              failedSends.incrementAndGet();
              pause(200); // unacknowledged: the application sends it again
            }
          }
        }
        sending.set(false);
      }, "sqs-producer");
      Thread consumer = new Thread(() -> {
        while (sending.get() || !received.containsAll(acknowledged)) {
          try {
            List<Message> batch = sdk.get(endpoint[0]).receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
            batch.forEach(m -> received.add(m.body()));
            if (!batch.isEmpty()) {
              List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
              for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("e" + i)
                    .receiptHandle(batch.get(i).receiptHandle()).build());
              }
              sdk.get(endpoint[0]).deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
            }
          } catch (RuntimeException e) {
            pause(200); // undeleted messages come back after their visibility timeout
          }
        }
      }, "sqs-consumer");
      producer.start();
      consumer.start();

      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= MESSAGES / 4);
      String leader = leaderOf(raftq);
      int victim = cluster.indexOf(leader);
      if (endpoint[0] == victim) {
        endpoint[0] = (victim + 1) % 3;
      }
      cluster.stop(victim);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String l = leaderOf(raftq);
        return l != null && !l.equals(leader);
      });

      producer.join(TimeUnit.SECONDS.toMillis(150));
      await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(acknowledged));
      consumer.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(acknowledged).as("the SDK saw every send acknowledged in the end").hasSize(MESSAGES);
      assertThat(received).containsAll(acknowledged);
      System.out.printf("SQS failover: %d sends acknowledged, %d attempts failed and were retried, %d distinct "
          + "bodies received%n", acknowledged.size(), failedSends.get(), received.size());
      sdk.forEach(SqsClient::close);
      cluster.start(victim);
    }
  }

  private static String leaderOf(RaftqClient raftq) {
    try {
      return raftq.admin().describeQueue("failover").join().partitions().get(0).leaderNodeId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
