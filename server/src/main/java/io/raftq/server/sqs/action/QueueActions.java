package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.Admin;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.QueueInfo;
import io.raftq.server.sqs.SqsError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The SQS actions on queues: lifecycle, attributes, tags and dead-letter sources. */
final class QueueActions {
  private static final int ALTER_ATTEMPTS = 5;

  private final Admin admin;
  private final QueueLookup lookup;
  private final QueueAddress address;

  QueueActions(Admin admin, QueueLookup lookup, QueueAddress address) {
    this.admin = admin;
    this.lookup = lookup;
    this.address = address;
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static String queueOf(SqsCall call) {
    return QueueAddress.queueOfUrl(call.params().string("QueueUrl"));
  }

  CompletableFuture<ObjectNode> createQueue(SqsCall call) {
    String name = call.params().string("QueueName");
    QueueAddress.checkNewName(name);
    QueueLookup.checkAccess(call, name);
    Map<String, String> requested = call.params().stringMap("Attributes");
    Map<String, String> tags = call.params().stringMap("tags");
    QueueAttributes.Creation c = QueueAttributes.forCreate(name, requested, tags);
    return checkDeadLetterQueue(call, c.settings().fifo(), c.settings().deadLetterQueue())
        .thenCompose(v -> {
          var s = c.settings();
          QueueOptions options = new QueueOptions(Duration.ofMillis(c.visibilityTimeoutMs()),
              QueueOptions.DEFAULT_DEDUP_WINDOW, Duration.ofMillis(s.defaultDelayMs()), s.maxReceives(),
              s.deadLetterQueue(), s.fifo(), null, Duration.ZERO, Duration.ZERO);
          return admin.createQueue(name, c.partitions(), options, s.attributes());
        })
        .handle((v, t) -> t)
        .thenCompose(t -> {
          lookup.forget(name);
          if (t == null) {
            return CompletableFuture.completedFuture(url(call, name));
          }
          SqsError e = Failures.toSqs(t);
          if (e.code() != SqsError.Code.QUEUE_NAME_EXISTS) {
            throw e;
          }
          return lookup.describe(call, name).thenApply(d -> {
            sameAsRequested(d.queue(), requested);
            return url(call, name);
          });
        });
  }

  /** CreateQueue of an existing queue succeeds only when it asks for what the queue already is. */
  private static void sameAsRequested(QueueInfo existing, Map<String, String> requested) {
    Map<String, String> rest = new LinkedHashMap<>(requested);
    boolean fifo = Boolean.parseBoolean(rest.remove("FifoQueue"));
    String partitions = rest.remove("RaftqPartitions");
    QueueInfo asked = QueueAttributes.apply(existing, rest);
    if (fifo != existing.settings().fifo() || (partitions != null
        && !partitions.trim().equals(Integer.toString(existing.partitions())))
        || !asked.settings().equals(existing.settings())
        || asked.visibilityTimeoutMs() != existing.visibilityTimeoutMs()) {
      throw new SqsError(SqsError.Code.QUEUE_NAME_EXISTS, "A queue already exists with the same name and a "
          + "different value for one of the attributes " + requested.keySet() + ".");
    }
  }

  private CompletableFuture<Void> checkDeadLetterQueue(SqsCall call, boolean fifo, String dlq) {
    if (dlq == null) {
      return CompletableFuture.completedFuture(null);
    }
    return lookup.describe(call, dlq).handle((d, t) -> {
      if (t != null) {
        SqsError e = Failures.toSqs(t);
        throw e.code() == SqsError.Code.NON_EXISTENT_QUEUE ? new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE,
            "Value for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.") : e;
      }
      if (d.queue().settings().fifo() != fifo) {
        throw new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE, "Value for parameter RedrivePolicy is invalid. "
            + "Reason: Dead-letter target owner should be same as the source and of the same queue type (FIFO or "
            + "standard).");
      }
      return null;
    });
  }

  private ObjectNode url(SqsCall call, String name) {
    ObjectNode out = object();
    out.put("QueueUrl", address.url(call.host(), name));
    return out;
  }

  CompletableFuture<ObjectNode> getQueueUrl(SqsCall call) {
    String name = call.params().string("QueueName");
    return lookup.describe(call, name).thenApply(d -> url(call, name));
  }

  CompletableFuture<ObjectNode> listQueues(SqsCall call) {
    String prefix = call.params().optionalString("QueueNamePrefix");
    Integer max = call.params().optionalInt("MaxResults", 1, 1000);
    String after = decodeToken(call.params().optionalString("NextToken"));
    return admin.listQueues().handle((queues, t) -> {
      if (t != null) {
        throw Failures.toSqs(t);
      }
      List<String> names = queues.stream().filter(q -> !q.settings().topic()).map(QueueInfo::name)
          .filter(n -> prefix == null || n.startsWith(prefix)).filter(n -> call.mayUse().test(n))
          .filter(n -> after == null || n.compareTo(after) > 0).sorted().toList();
      int limit = max == null ? 1000 : max;
      ObjectNode out = object();
      ArrayNode urls = out.putArray("QueueUrls");
      names.stream().limit(limit).forEach(n -> urls.add(address.url(call.host(), n)));
      if (max != null && names.size() > limit) {
        out.put("NextToken", Base64.getUrlEncoder().encodeToString(names.get(limit - 1)
            .getBytes(StandardCharsets.UTF_8)));
      }
      return out;
    });
  }

  private static String decodeToken(String token) {
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SqsError.invalidParameter("Invalid NextToken value.");
    }
  }

  CompletableFuture<ObjectNode> deleteQueue(SqsCall call) {
    String name = queueOf(call);
    QueueLookup.checkAccess(call, name);
    return admin.deleteQueue(name).handle((v, t) -> {
      lookup.forget(name);
      if (t != null) {
        throw Failures.toSqs(t);
      }
      return object();
    });
  }

  CompletableFuture<ObjectNode> purgeQueue(SqsCall call) {
    String name = queueOf(call);
    return lookup.info(call, name).thenCompose(q -> admin.purgeQueue(name)).handle((v, t) -> {
      if (t != null) {
        throw Failures.toSqs(t);
      }
      return object();
    });
  }

  CompletableFuture<ObjectNode> getQueueAttributes(SqsCall call) {
    String name = queueOf(call);
    List<String> names = call.params().strings("AttributeNames");
    return lookup.describe(call, name).thenApply(d -> {
      ObjectNode out = object();
      Map<String, String> attributes = QueueAttributes.render(d, address, names);
      if (!attributes.isEmpty()) {
        ObjectNode a = out.putObject("Attributes");
        attributes.forEach(a::put);
      }
      return out;
    });
  }

  CompletableFuture<ObjectNode> setQueueAttributes(SqsCall call) {
    String name = queueOf(call);
    Map<String, String> requested = call.params().stringMap("Attributes");
    return alter(call, name, q -> QueueAttributes.apply(q, requested), ALTER_ATTEMPTS);
  }

  CompletableFuture<ObjectNode> tagQueue(SqsCall call) {
    String name = queueOf(call);
    Map<String, String> tags = call.params().stringMap("Tags");
    return alter(call, name, q -> q.with(q.visibilityTimeoutMs(),
        q.settings().withAttributes(Tags.with(q.settings().attributes(), tags))), ALTER_ATTEMPTS);
  }

  CompletableFuture<ObjectNode> untagQueue(SqsCall call) {
    String name = queueOf(call);
    List<String> keys = call.params().strings("TagKeys");
    return alter(call, name, q -> q.with(q.visibilityTimeoutMs(),
        q.settings().withAttributes(Tags.without(q.settings().attributes(), keys))), ALTER_ATTEMPTS);
  }

  CompletableFuture<ObjectNode> listQueueTags(SqsCall call) {
    String name = queueOf(call);
    return lookup.describe(call, name).thenApply(d -> {
      ObjectNode out = object();
      Map<String, String> tags = Tags.of(d.queue().settings().attributes());
      if (!tags.isEmpty()) {
        ObjectNode t = out.putObject("Tags");
        tags.forEach(t::put);
      }
      return out;
    });
  }

  /** Read, change, write; a write that lost a race with another change of the queue is done again on the new one. */
  private CompletableFuture<ObjectNode> alter(SqsCall call, String name, Function<QueueInfo, QueueInfo> change,
      int attemptsLeft) {
    return lookup.describe(call, name).thenCompose(d -> {
      QueueInfo altered = change.apply(d.queue());
      String dlq = altered.settings().deadLetterQueue();
      boolean newDeadLetterQueue = dlq != null && !dlq.equals(d.queue().settings().deadLetterQueue());
      CompletableFuture<Void> checked = newDeadLetterQueue
          ? checkDeadLetterQueue(call, altered.settings().fifo(), dlq) : CompletableFuture.completedFuture(null);
      return checked.thenCompose(v -> admin.alterQueue(altered));
    }).handle((v, t) -> t).thenCompose(t -> {
      lookup.forget(name);
      if (t == null) {
        return CompletableFuture.completedFuture(object());
      }
      Throwable cause = Failures.unwrap(t);
      if (cause instanceof RaftqException e && e.code() == ErrorCode.CONFLICT && attemptsLeft > 1) {
        return alter(call, name, change, attemptsLeft - 1);
      }
      throw Failures.toSqs(t);
    });
  }

  CompletableFuture<ObjectNode> listDeadLetterSourceQueues(SqsCall call) {
    String name = queueOf(call);
    return lookup.describe(call, name).thenCompose(d -> admin.listQueues()).handle((queues, t) -> {
      if (t != null) {
        throw Failures.toSqs(t);
      }
      List<String> sources = new ArrayList<>();
      queues.stream().filter(q -> name.equals(q.settings().deadLetterQueue())).map(QueueInfo::name)
          .filter(n -> call.mayUse().test(n)).sorted().forEach(sources::add);
      ObjectNode out = object();
      ArrayNode urls = out.putArray("queueUrls");
      sources.forEach(n -> urls.add(address.url(call.host(), n)));
      return out;
    });
  }
}
