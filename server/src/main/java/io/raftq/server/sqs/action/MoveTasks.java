package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.RaftqClient;
import io.raftq.client.Redrive;
import io.raftq.client.RedriveFilter;
import io.raftq.server.sqs.SqsError;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * StartMessageMoveTask and ListMessageMoveTasks: a move is a raftq {@link Redrive} of a dead-letter queue, to
 * each message's source queue or to a destination, run on this node. Tasks are remembered by the node that runs
 * them (the last 20 per gateway), not by the cluster.
 */
final class MoveTasks {
  private static final int KEPT = 20;

  private static final class Task {
    final String handle = UUID.randomUUID().toString();
    final String source;
    final String destination;
    final Integer rate;
    final long startedAtMs;
    final AtomicLong moved = new AtomicLong();
    volatile String status = "RUNNING";
    volatile String failure;

    Task(String source, String destination, Integer rate, long startedAtMs) {
      this.source = source;
      this.destination = destination;
      this.rate = rate;
      this.startedAtMs = startedAtMs;
    }
  }

  private final RaftqClient client;
  private final QueueLookup lookup;
  private final QueueAddress address;
  private final ExecutorService runner;
  private final LongSupplier clockMs;
  private final Deque<Task> tasks = new ConcurrentLinkedDeque<>();

  MoveTasks(RaftqClient client, QueueLookup lookup, QueueAddress address, ExecutorService runner,
      LongSupplier clockMs) {
    this.client = client;
    this.lookup = lookup;
    this.address = address;
    this.runner = runner;
    this.clockMs = clockMs;
  }

  CompletableFuture<ObjectNode> start(SqsCall call) {
    String source = QueueAddress.queueOfArn(call.params().string("SourceArn"), "SourceArn");
    String destinationArn = call.params().optionalString("DestinationArn");
    String destination = destinationArn == null ? null : QueueAddress.queueOfArn(destinationArn, "DestinationArn");
    Integer rate = call.params().optionalInt("MaxNumberOfMessagesPerSecond", 1, 500);
    CompletableFuture<?> checked = lookup.describe(call, source);
    if (destination != null) {
      checked = checked.thenCompose(d -> lookup.describe(call, destination));
    } else {
      // Each message goes back to the queue it came from, which may be any queue: the key must be allowed them all.
      checked = checked.thenCompose(d -> client.admin().listQueues()).thenApply(queues -> {
        for (var q : queues) {
          if (!call.mayUse().test(q.name())) {
            throw new SqsError(SqsError.Code.ACCESS_DENIED, "Access to the resource " + q.name() + " is denied: "
                + "without DestinationArn messages return to their source queues; give a DestinationArn.");
          }
        }
        return queues;
      });
    }
    return checked.thenApply(v -> {
      Task task = new Task(source, destination, rate, clockMs.getAsLong());
      synchronized (tasks) {
        for (Task t : tasks) {
          if (t.source.equals(source) && t.status.equals("RUNNING")) {
            throw SqsError.invalidParameter("There is already a task running. Only one active task is allowed for "
                + "each source queue arn at a given time.");
          }
        }
        tasks.addFirst(task);
        // Forget the oldest finished tasks; a running one is kept, so its source stays guarded.
        var it = tasks.descendingIterator();
        while (tasks.size() > KEPT && it.hasNext()) {
          if (!it.next().status.equals("RUNNING")) {
            it.remove();
          }
        }
      }
      runner.execute(() -> run(task));
      ObjectNode out = QueueActions.object();
      out.put("TaskHandle", task.handle);
      return out;
    });
  }

  private void run(Task task) {
    try {
      new Redrive(client, clockMs).run(new Redrive.Options(task.source, task.destination, RedriveFilter.ALL, 0,
          task.rate == null ? 0 : task.rate, false), e -> {
            if (e.outcome() == Redrive.Outcome.MOVED) {
              task.moved.incrementAndGet();
            }
          });
      task.status = "COMPLETED";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.failure = "the node stopped";
      task.status = "FAILED";
    } catch (RuntimeException e) {
      task.failure = String.valueOf(Failures.toSqs(e).getMessage());
      task.status = "FAILED";
    }
  }

  CompletableFuture<ObjectNode> list(SqsCall call) {
    String source = QueueAddress.queueOfArn(call.params().string("SourceArn"), "SourceArn");
    Integer maxResults = call.params().optionalInt("MaxResults", 1, 10);
    int max = maxResults == null ? 1 : maxResults;
    return lookup.describe(call, source).thenApply(d -> {
      List<Task> matching = new ArrayList<>();
      for (Task t : tasks) {
        if (t.source.equals(source) && matching.size() < max) {
          matching.add(t);
        }
      }
      ObjectNode out = QueueActions.object();
      ArrayNode results = out.putArray("Results");
      for (Task t : matching) {
        ObjectNode r = results.addObject();
        if (t.status.equals("RUNNING")) {
          r.put("TaskHandle", t.handle);
        }
        r.put("Status", t.status);
        r.put("SourceArn", address.arn(t.source));
        if (t.destination != null) {
          r.put("DestinationArn", address.arn(t.destination));
        }
        if (t.rate != null) {
          r.put("MaxNumberOfMessagesPerSecond", t.rate);
        }
        r.put("ApproximateNumberOfMessagesMoved", t.moved.get());
        if (t.failure != null) {
          r.put("FailureReason", t.failure);
        }
        r.put("StartedTimestamp", t.startedAtMs);
      }
      return out;
    });
  }
}
