package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/**
 * The SQS API driven by the real AWS SDK for Java v2 against a real 3-node cluster (real Ratis, RocksDB and
 * sockets) that checks Signature V4 against a credentials file. The SDK verifies every MD5 it is sent, so each
 * send and receive here also checks the digests. Each test uses its own queues; the SDK talks to different nodes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SqsSdkEndToEndTest {
  static final String KEY = "AKIDRAFTQTEST";
  static final String SECRET = "raftq/secret+key";
  static final String LIMITED_KEY = "AKIDLIMITED";
  static Path credentials;
  /** HOME of the AWS CLI runs: no user's config or credentials leak in. */
  static Path cliHome;
  static LocalCluster cluster;
  static SqsClient sqs;

  @BeforeAll
  static void startCluster() throws Exception {
    credentials = Files.createTempFile("sqs-credentials", ".txt");
    Files.writeString(credentials, "# test keys\n" + KEY + " " + SECRET + " *\n" + LIMITED_KEY
        + " other-secret orders-*\n");
    cliHome = Files.createTempDirectory("aws-home");
    cluster = new LocalCluster(3, 50, true, credentials);
    sqs = client(1, KEY, SECRET);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (sqs != null) {
      sqs.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    Files.deleteIfExists(credentials);
    try (var files = Files.walk(cliHome)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static SqsClient client(int node, String key, String secret) {
    return SqsClient.builder().endpointOverride(cluster.sqsEndpoint(node)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  private static String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  @Test
  void queuesAreCreatedFoundListedAlteredTaggedAndDeleted() {
    String url = sqs.createQueue(r -> r.queueName("orders-life")
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45", QueueAttributeName.DELAY_SECONDS, "2"))
        .tags(Map.of("team", "payments"))).queueUrl();
    assertThat(url).isEqualTo(cluster.sqsEndpoint(1) + "/000000000000/orders-life");

    assertThat(sqs.createQueue(r -> r.queueName("orders-life")
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl())
        .as("creating it again with the same attributes answers its URL").isEqualTo(url);
    assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("orders-life")
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "46"))))
        .isInstanceOf(QueueNameExistsException.class);
    assertThat(sqs.getQueueUrl(r -> r.queueName("orders-life")).queueUrl()).isEqualTo(url);
    assertThat(sqs.listQueues(r -> r.queueNamePrefix("orders-li")).queueUrls()).containsExactly(url);

    Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    assertThat(attributes).containsEntry("VisibilityTimeout", "45").containsEntry("DelaySeconds", "2")
        .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:orders-life")
        .containsEntry("MaximumMessageSize", "262144").containsKey("CreatedTimestamp");

    sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "90",
        QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "3", QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "2048")));
    // The node answering reads its own metadata replica, which applies a change a moment after the leader (as in
    // SQS, where attribute changes may take a while to show).
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS))
        .attributesAsStrings()).containsExactlyInAnyOrderEntriesOf(Map.of("VisibilityTimeout", "90",
            "ReceiveMessageWaitTimeSeconds", "3")));
    assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(2049))))
        .isInstanceOf(SqsException.class).hasMessageContaining("shorter than 2048 bytes");
    assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(
        Map.of("NoSuchAttribute", "1")))).isInstanceOf(InvalidAttributeNameException.class);

    sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("env", "test")));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sqs.listQueueTags(r -> r.queueUrl(url))
        .tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "env", "test")));
    sqs.untagQueue(r -> r.queueUrl(url).tagKeys("team"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sqs.listQueueTags(r -> r.queueUrl(url))
        .tags()).containsExactlyEntriesOf(Map.of("env", "test")));

    sqs.sendMessage(b -> b.queueUrl(url).messageBody("to purge"));
    sqs.purgeQueue(r -> r.queueUrl(url));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(3)).messages()).as("purged").isEmpty();

    sqs.deleteQueue(r -> r.queueUrl(url));
    // The node that answers reads its own metadata replica, which may apply the deletion a moment later (SQS
    // itself says a deleted queue may be seen for up to 60 s).
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> !(e instanceof QueueDoesNotExistException))
        .until(() -> {
          try {
            sqs.getQueueUrl(r -> r.queueName("orders-life"));
            return false;
          } catch (QueueDoesNotExistException e) {
            return true;
          }
        });
    assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("orders-life")))
        .isInstanceOf(QueueDoesNotExistException.class)
        .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode())
            .isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
  }

  @Test
  void listQueuesPagesThroughEveryQueue() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create("paged-" + i, Map.of(QueueAttributeName.DELAY_SECONDS, "0")));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      var page = sqs.listQueues(r -> r.queueNamePrefix("paged-").maxResults(2).nextToken(next));
      seen.addAll(page.queueUrls());
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void messagesCarryEveryAttributeTypeAndSystemAttributes() {
    String url = create("attrs", Map.of());
    Map<String, MessageAttributeValue> sent = Map.of(
        "text", MessageAttributeValue.builder().dataType("String").stringValue("héllo").build(),
        "count", MessageAttributeValue.builder().dataType("Number").stringValue("-12.5e3").build(),
        "blob", MessageAttributeValue.builder().dataType("Binary")
            .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).build(),
        "order.kind", MessageAttributeValue.builder().dataType("String.order-kind").stringValue("express").build());
    SendMessageResponse r = sqs.sendMessage(b -> b.queueUrl(url).messageBody("body ✓").messageAttributes(sent));
    assertThat(r.md5OfMessageAttributes()).isNotNull();

    Message m = receiveOne(url, b -> b.messageAttributeNames("All").messageSystemAttributeNames(
        MessageSystemAttributeName.ALL));
    assertThat(m.body()).isEqualTo("body ✓");
    assertThat(m.messageId()).isEqualTo(r.messageId());
    assertThat(m.messageAttributes()).isEqualTo(sent);
    assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1")
        .containsEntry("SenderId", KEY).containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
    long sentAt = Long.parseLong(m.attributesAsStrings().get("SentTimestamp"));
    assertThat(sentAt).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 1_000);

    Message only = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0).build()).messages().stream()
        .findFirst().orElse(null);
    // The message is still in flight (30 s default visibility), so an immediate receive finds nothing.
    assertThat(only).isNull();
    sleep(2_000);
    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    Message again = receiveOne(url, b -> b.messageAttributeNames("count", "order.*")
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
    assertThat(again.messageAttributes()).as("by name and by prefix").containsOnlyKeys("count", "order.kind");
    assertThat(again.receiptHandle()).as("each receive gets its own handle").isNotEqualTo(m.receiptHandle());
    assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
    long first = Long.parseLong(m.attributesAsStrings().get("ApproximateFirstReceiveTimestamp"));
    assertThat(Long.parseLong(again.attributesAsStrings().get("ApproximateFirstReceiveTimestamp")))
        .as("the first receive's time (from the delivery history), not the second's, 2 s later")
        .isCloseTo(first, org.assertj.core.api.Assertions.within(1_000L));
    assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())
        .visibilityTimeout(10))).as("the first handle is stale").isInstanceOf(MessageNotInflightException.class);

    String other = create("attrs-other", Map.of());
    sqs.sendMessage(b -> b.queueUrl(other).messageBody("same place, other queue"));
    assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(other).receiptHandle(again.receiptHandle())))
        .as("a handle settles only in its own queue").isInstanceOf(ReceiptHandleIsInvalidException.class);
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("not-a-handle")))
        .isInstanceOf(ReceiptHandleIsInvalidException.class);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Message receiveOne(String url,
      java.util.function.Consumer<software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest.Builder> more) {
    ReceiveMessageResponse r = sqs.receiveMessage(b -> {
      b.queueUrl(url).waitTimeSeconds(5);
      more.accept(b);
    });
    assertThat(r.messages()).hasSize(1);
    return r.messages().get(0);
  }

  @Test
  void aLongPollReturnsAMessageSentWhileItWaits() throws Exception {
    String url = create("long-poll", Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20"));
    try (SqsClient other = client(2, KEY, SECRET)) {
      CompletableFuture<ReceiveMessageResponse> waiting = CompletableFuture.supplyAsync(
          () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)));
      Thread.sleep(1_500);
      assertThat(waiting).as("the queue's ReceiveMessageWaitTimeSeconds makes an empty receive wait").isNotDone();
      other.sendMessage(b -> b.queueUrl(url).messageBody("late"));
      assertThat(waiting.get(15, TimeUnit.SECONDS).messages()).extracting(Message::body).containsExactly("late");
    }
  }

  @Test
  void batchesReportEachEntryAndRefuseMalformedBatchesWhole() {
    String url = create("batches", Map.of());
    SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("a").messageBody("one").build(),
        SendMessageBatchRequestEntry.builder().id("b").messageBody("two").messageAttributes(Map.of("AWS.bad",
            MessageAttributeValue.builder().dataType("String").stringValue("x").build())).build(),
        SendMessageBatchRequestEntry.builder().id("c").messageBody("three").delaySeconds(0).build()));
    assertThat(sent.successful()).extracting(e -> e.id()).containsExactlyInAnyOrder("a", "c");
    assertThat(sent.failed()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("b");
      assertThat(f.senderFault()).isTrue();
      assertThat(f.code()).isEqualTo("InvalidParameterValue");
    });

    List<Message> received = new ArrayList<>();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages());
      return received.size() >= 2;
    });
    assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("one", "three");

    DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("x").receiptHandle(received.get(0).receiptHandle()),
        e -> e.id("y").receiptHandle("garbage")));
    assertThat(deleted.successful()).extracting(e -> e.id()).containsExactly("x");
    assertThat(deleted.failed()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("y");
      assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
    });
    ChangeMessageVisibilityBatchResponse changed = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
        e -> e.id("p").receiptHandle(received.get(1).receiptHandle()).visibilityTimeout(0),
        e -> e.id("q").receiptHandle(received.get(0).receiptHandle()).visibilityTimeout(0)));
    assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("p");
    assertThat(changed.failed()).singleElement().satisfies(f -> {
      assertThat(f.id()).as("the deleted message is not in flight").isEqualTo("q");
      assertThat(f.code()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight");
    });

    assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("same").messageBody("1").build(),
        SendMessageBatchRequestEntry.builder().id("same").messageBody("2").build())))
        .isInstanceOf(BatchEntryIdsNotDistinctException.class);
    List<SendMessageBatchRequestEntry> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m").build());
    }
    assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(eleven)))
        .isInstanceOf(TooManyEntriesInBatchRequestException.class);
    assertThatThrownBy(() -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(List.of())))
        .isInstanceOf(EmptyBatchRequestException.class);
  }

  @Test
  void fifoQueuesKeepEachGroupInOrderAndDeduplicate() {
    String url = create("jobs.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    assertThatThrownBy(() -> create("plain.fifo", Map.of())).isInstanceOf(SqsException.class);
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      for (String group : List.of("g1", "g2", "g3")) {
        String body = group + "-" + i;
        ids.put(body, sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group)).messageId());
      }
    }
    SendMessageResponse again = sqs.sendMessage(b -> b.queueUrl(url).messageBody("g1-0").messageGroupId("g1"));
    assertThat(again.messageId()).as("content-based dedup: the resend is the first send").isEqualTo(ids.get("g1-0"));
    SendMessageResponse explicit = sqs.sendMessage(b -> b.queueUrl(url).messageBody("other body").messageGroupId("g1")
        .messageDeduplicationId("dedup-1"));
    assertThat(sqs.sendMessage(b -> b.queueUrl(url).messageBody("changed body").messageGroupId("g1")
        .messageDeduplicationId("dedup-1")).messageId()).isEqualTo(explicit.messageId());
    assertThat(explicit.sequenceNumber()).isNotBlank();
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("no group")))
        .isInstanceOf(SqsException.class).hasMessageContaining("MessageGroupId");

    Map<String, List<String>> byGroup = new HashMap<>();
    int total = 0;
    while (total < 16) {
      ReceiveMessageResponse r = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
              MessageSystemAttributeName.SEQUENCE_NUMBER));
      assertThat(r.messages()).as("16 distinct messages, then nothing").isNotEmpty();
      for (Message m : r.messages()) {
        byGroup.computeIfAbsent(m.attributesAsStrings().get("MessageGroupId"), g -> new ArrayList<>()).add(m.body());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        total++;
      }
    }
    assertThat(byGroup.get("g1")).containsExactly("g1-0", "g1-1", "g1-2", "g1-3", "g1-4", "other body");
    assertThat(byGroup.get("g2")).containsExactly("g2-0", "g2-1", "g2-2", "g2-3", "g2-4");
    assertThat(byGroup.get("g3")).containsExactly("g3-0", "g3-1", "g3-2", "g3-3", "g3-4");
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();

    SendMessageResponse afterDelete = sqs.sendMessage(b -> b.queueUrl(url).messageBody("third body")
        .messageGroupId("g1").messageDeduplicationId("dedup-1"));
    assertThat(afterDelete.messageId()).as("received and deleted: a resend still answers the first send's id")
        .isEqualTo(explicit.messageId());
    assertThat(afterDelete.sequenceNumber()).isEqualTo(explicit.sequenceNumber());
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
  }

  @Test
  void aMessageReceivedTooOftenMovesToTheDeadLetterQueueAndARedriveBringsItBack() {
    String dlqUrl = create("work-dlq", Map.of());
    String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributesAsStrings().get("QueueArn");
    String url = create("work", Map.of(QueueAttributeName.REDRIVE_POLICY,
        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
        .attributesAsStrings().get("RedrivePolicy")).contains(dlqArn).contains("\"maxReceiveCount\":2");
    assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlqUrl)).queueUrls()).containsExactly(url);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));

    for (int receive = 1; receive <= 2; receive++) {
      Message m = receiveOne(url, b -> b.visibilityTimeout(0));
      assertThat(m.body()).isEqualTo("poison");
    }
    // As in SQS, the receive that would deliver it a third time moves it instead.
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    Message dead = receiveOne(dlqUrl, b -> b.messageSystemAttributeNames(MessageSystemAttributeName.ALL)
        .waitTimeSeconds(20));
    assertThat(dead.body()).isEqualTo("poison");
    assertThat(dead.attributesAsStrings()).containsEntry("DeadLetterQueueSourceArn",
        "arn:aws:sqs:us-east-1:000000000000:work");
    sqs.changeMessageVisibility(b -> b.queueUrl(dlqUrl).receiptHandle(dead.receiptHandle()).visibilityTimeout(0));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();

    String task = sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn)).taskHandle();
    assertThat(task).isNotBlank();
    await().atMost(Duration.ofSeconds(30)).until(() -> sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results()
        .get(0).status().equals("COMPLETED"));
    assertThat(sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results().get(0)
        .approximateNumberOfMessagesMoved()).isEqualTo(1);
    Message back = receiveOne(url, b -> b.messageSystemAttributeNames(MessageSystemAttributeName.ALL));
    assertThat(back.body()).isEqualTo("poison");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(back.receiptHandle()));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages()).isEmpty();
  }

  @Test
  void badSignaturesUnknownKeysAndOtherQueuesAreRefused() throws Exception {
    create("orders-signed", Map.of());
    try (SqsClient wrongSecret = client(0, KEY, "not-the-secret");
        SqsClient unknown = client(0, "AKIDNOBODY", SECRET);
        SqsClient limited = client(2, LIMITED_KEY, "other-secret")) {
      assertThatThrownBy(() -> wrongSecret.listQueues()).isInstanceOf(SqsException.class)
          .satisfies(e -> assertError(e, 403, "SignatureDoesNotMatch"));
      assertThatThrownBy(() -> unknown.listQueues()).isInstanceOf(SqsException.class)
          .satisfies(e -> assertError(e, 403, "InvalidClientTokenId"));
      assertThat(limited.getQueueUrl(r -> r.queueName("orders-signed")).queueUrl()).endsWith("/orders-signed");
      assertThatThrownBy(() -> limited.createQueue(r -> r.queueName("not-mine"))).isInstanceOf(SqsException.class)
          .satisfies(e -> assertError(e, 403, "AccessDenied"));
      assertThat(limited.listQueues().queueUrls()).allMatch(u -> u.contains("/orders-"));
      limited.createQueue(r -> r.queueName("orders-dead"));
      assertThatThrownBy(() -> limited.startMessageMoveTask(r -> r.sourceArn(
          "arn:aws:sqs:us-east-1:000000000000:orders-dead"))).as("a move back to any source needs every queue")
          .isInstanceOf(SqsException.class).satisfies(e -> assertError(e, 403, "AccessDenied"));
    }

    HttpClient http = HttpClient.newHttpClient();
    URI endpoint = cluster.sqsEndpoint(0);
    String body = "{}";
    HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(endpoint)
        .header("X-Amz-Target", "AmazonSQS.ListQueues").header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-query-error")).hasValue("MissingAuthenticationToken;Sender");

    HttpResponse<String> fresh = http.send(signed(endpoint, body, Clock.systemUTC()),
        HttpResponse.BodyHandlers.ofString());
    assertThat(fresh.statusCode()).as("the SDK's own signer, now: %s", fresh.body()).isEqualTo(200);
    HttpResponse<String> expired = http.send(signed(endpoint, body,
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20))), HttpResponse.BodyHandlers.ofString());
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(expired.headers().firstValue("x-amzn-query-error")).hasValue("RequestExpired;Sender");
    assertThat(expired.body()).contains("Signature expired");
  }

  /**
   * The stock AWS CLI (Debian's awscli package, version 2.9, which still speaks SQS's query protocol: form
   * parameters in, XML out) drives the same cluster, signing with Signature V4 as it always does.
   */
  @Test
  void theStockAwsCliDrivesTheQueryProtocol() throws Exception {
    Path aws = Path.of(System.getenv().getOrDefault("RAFTQ_AWS_CLI", "/usr/bin/aws"));
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(aws),
        "no AWS CLI at " + aws + " (.ci/run installs Debian's awscli)");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String url = json.readTree(cli(aws, 0, "create-queue", "--queue-name", "cli-queue", "--attributes",
        "VisibilityTimeout=20,DelaySeconds=0")).get("QueueUrl").asText();
    assertThat(url).endsWith("/000000000000/cli-queue");
    var sent = json.readTree(cli(aws, 0, "send-message", "--queue-url", url, "--message-body", "hello <cli> & co",
        "--message-attributes", "{\"n\":{\"DataType\":\"Number\",\"StringValue\":\"7\"},"
            + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAEC\"}}"));
    assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo(md5Hex("hello <cli> & co"));

    var received = json.readTree(cli(aws, 0, "receive-message", "--queue-url", url, "--attribute-names", "All",
        "--message-attribute-names", "All", "--wait-time-seconds", "5")).get("Messages").get(0);
    assertThat(received.get("Body").asText()).isEqualTo("hello <cli> & co");
    assertThat(received.get("MessageId").asText()).isEqualTo(sent.get("MessageId").asText());
    assertThat(received.get("Attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(received.get("MessageAttributes").get("n").get("StringValue").asText()).isEqualTo("7");
    assertThat(received.get("MD5OfMessageAttributes").asText()).isEqualTo(sent.get("MD5OfMessageAttributes")
        .asText());
    cli(aws, 0, "delete-message", "--queue-url", url, "--receipt-handle", received.get("ReceiptHandle").asText());

    var attributes = json.readTree(cli(aws, 0, "get-queue-attributes", "--queue-url", url, "--attribute-names",
        "All")).get("Attributes");
    assertThat(attributes.get("VisibilityTimeout").asText()).isEqualTo("20");
    assertThat(attributes.get("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");
    assertThat(cli(aws, 0, "list-queues", "--queue-name-prefix", "cli-")).contains(url);

    Process missing = cliProcess(aws, 0, "get-queue-url", "--queue-name", "no-such-queue");
    String err = new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(missing.waitFor()).isNotZero();
    assertThat(err).contains("AWS.SimpleQueueService.NonExistentQueue");
  }

  private static String cli(Path aws, int node, String... args) throws Exception {
    Process p = cliProcess(aws, node, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("aws sqs %s: %s", String.join(" ", args), err).isZero();
    return out;
  }

  private static Process cliProcess(Path aws, int node, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(aws.toString(), "sqs", "--endpoint-url",
        cluster.sqsEndpoint(node).toString(), "--output", "json"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", cliHome.toString());
    pb.environment().put("AWS_ACCESS_KEY_ID", KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_PAGER", "");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  private static String md5Hex(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void malformedRequestsGetTypedErrorsAndTheNodeKeepsServing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI endpoint = cluster.sqsEndpoint(2);
    Map<String, String[]> cases = Map.of(
        "{not json", new String[] {"AmazonSQS.ListQueues", "400", "InvalidParameterValue;Sender"},
        "[1,2]", new String[] {"AmazonSQS.ListQueues", "400", "InvalidParameterValue;Sender"},
        "{}", new String[] {"AmazonSQS.NoSuchAction", "400", "InvalidAction;Sender"},
        "{\"MessageBody\":\"x\"}", new String[] {"AmazonSQS.SendMessage", "400", "MissingParameter;Sender"},
        "{\"QueueUrl\":\"http://h/000000000000/none\",\"MessageBody\":\"x\"}",
        new String[] {"AmazonSQS.SendMessage", "400", "AWS.SimpleQueueService.NonExistentQueue;Sender"},
        "{\"QueueUrl\":\"not a url\",\"ReceiptHandle\":\"x\"}",
        new String[] {"AmazonSQS.DeleteMessage", "400", "AWS.SimpleQueueService.NonExistentQueue;Sender"},
        "{\"QueueName\":\"bad name!\"}", new String[] {"AmazonSQS.CreateQueue", "400", "InvalidParameterValue;Sender"},
        "{\"QueueUrl\":\"http://h/000000000000/x\",\"MaxNumberOfMessages\":\"lots\"}",
        new String[] {"AmazonSQS.ReceiveMessage", "400", "InvalidParameterValue;Sender"});
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      HttpResponse<String> r = http.send(signed(endpoint, c.getValue()[0], c.getKey(), Clock.systemUTC()),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s: %s", c.getValue()[0], c.getKey(), r.body())
          .isEqualTo(Integer.parseInt(c.getValue()[1]));
      assertThat(r.headers().firstValue("x-amzn-query-error")).as(c.getKey()).hasValue(c.getValue()[2]);
    }
    assertThat(client(2, KEY, SECRET).listQueues().sdkHttpResponse().isSuccessful()).isTrue();
  }

  private static void assertError(Throwable e, int status, String code) {
    SqsException s = (SqsException) e;
    assertThat(s.statusCode()).isEqualTo(status);
    assertThat(s.awsErrorDetails().errorCode()).isEqualTo(code);
  }

  private static HttpRequest signed(URI endpoint, String body, Clock clock) {
    return signed(endpoint, "AmazonSQS.ListQueues", body, clock);
  }

  /** A JSON-protocol request signed by the SDK's Signature V4 signer at {@code clock}'s time. */
  private static HttpRequest signed(URI endpoint, String target, String body, Clock clock) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .putHeader("X-Amz-Target", target).putHeader("Content-Type", "application/x-amz-json-1.0")
        .build();
    SignedRequest s = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create(KEY, SECRET))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
    s.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) {
        values.forEach(v -> b.header(name, v));
      }
    });
    return b.build();
  }

}
