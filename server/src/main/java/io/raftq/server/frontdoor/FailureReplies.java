package io.raftq.server.frontdoor;

import io.raftq.protocol.netty.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every request answered: whatever fails while the front door serves a request (a throw on the event loop, a
 * future completed exceptionally, an exception thrown inside a callback on another thread) becomes its error
 * reply, mapped by {@link RaftErrors#toError}. Handlers run their steps through it instead of calling
 * {@code whenComplete} bare, where a throw would be swallowed and the client left waiting for its own timeout.
 * Replies are first-wins, so a step that answered and then threw leaves its answer standing.
 */
final class FailureReplies {
  private final RaftErrors errors;

  FailureReplies(RaftErrors errors) {
    this.errors = errors;
  }

  /** Answers {@code ctx} with the error for {@code failure}. */
  void fail(RequestContext ctx, Throwable failure) {
    ctx.reply(errors.toError(failure));
  }

  /** Runs {@code step}; anything it throws answers {@code ctx}. */
  void guard(RequestContext ctx, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      fail(ctx, e);
    }
  }

  /** A {@code whenComplete} callback that answers {@code ctx} with anything {@code callback} throws. */
  <T> BiConsumer<T, Throwable> guarded(RequestContext ctx, BiConsumer<T, Throwable> callback) {
    return (value, failure) -> guard(ctx, () -> callback.accept(value, failure));
  }

  /** When {@code future} completes: its failure answers {@code ctx}; its value goes to {@code then}, guarded. */
  <T> void onSuccess(RequestContext ctx, CompletableFuture<T> future, Consumer<T> then) {
    future.whenComplete(guarded(ctx, (value, failure) -> {
      if (failure != null) {
        fail(ctx, failure);
      } else {
        then.accept(value);
      }
    }));
  }
}
