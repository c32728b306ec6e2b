package io.raftq.cli;

import io.raftq.client.Producer;
import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends stdin lines through the asynchronous producer with up to {@link #WINDOW} sends outstanding, and prints
 * each result in input order: only the oldest send is ever waited for, so output never reorders and memory
 * stays bounded.
 */
final class SendPipeline {
  static final int WINDOW = 1000;

  /** Builds the message for one input line (numbered from 1). */
  interface MessageFactory {
    OutgoingMessage create(long lineNumber, byte[] payload);
  }

  private record Pending(long lineNumber, CompletableFuture<SendResult> result) {}

  private final Producer producer;
  private final String queue;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long succeeded;
  private long failed;

  SendPipeline(Producer producer, String queue, PrintWriter out, PrintWriter err) {
    this.producer = producer;
    this.queue = queue;
    this.out = out;
    this.err = err;
  }

  /** Returns {@link ExitCodes#OK}, {@link ExitCodes#PARTIAL} (some failed) or {@link ExitCodes#FAILED} (all). */
  int sendAll(ByteLines lines, MessageFactory messages) throws IOException {
    long lineNumber = 0;
    for (byte[] line = lines.next(); line != null; line = lines.next()) {
      lineNumber++;
      pending.add(new Pending(lineNumber, producer.send(queue, messages.create(lineNumber, line))));
      while (pending.size() >= WINDOW || (!pending.isEmpty() && pending.peek().result().isDone())) {
        printOldest();
      }
    }
    while (!pending.isEmpty()) {
      printOldest();
    }
    if (failed == 0) {
      return ExitCodes.OK;
    }
    return succeeded == 0 ? ExitCodes.FAILED : ExitCodes.PARTIAL;
  }

  private void printOldest() {
    Pending oldest = pending.poll();
    try {
      out.println(SendJson.result(oldest.result().join()));
      succeeded++;
    } catch (CompletionException e) {
      if (isFatal(e)) {
        throw e; // every later line would fail the same way: stop instead of printing it per line
      }
      failed++;
      out.println(SendJson.failure(oldest.lineNumber(), e));
      err.println("error: line " + oldest.lineNumber() + ": " + CliErrors.describe(e));
    }
  }

  private static boolean isFatal(CompletionException e) {
    return CliErrors.unwrap(e) instanceof RaftqException re && re.code() == ErrorCode.QUEUE_NOT_FOUND;
  }
}
