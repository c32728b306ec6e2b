/**
 * The pure history model of a chaos run: {@link io.raftq.chaos.history.Op operations}, the ordered
 * {@link io.raftq.chaos.history.History} that pairs each invocation with its completion, and the {@code history.jsonl}
 * format. No I/O here except the JSON-lines file reader and writer.
 *
 * <p>Value shapes the checkers read (maps of strings, numbers and lists; extra keys are ignored):
 * <pre>
 * send    invoke {"queue":q, "msg":m [, "key":k] [, "producerMsgId":id]}
 *         ok     {"partition":p, "offset":o, "duplicate":bool}
 * receive invoke {"queue":q, "group":g, "max":n, "visibilityMs":v}
 *         ok     {"msgs":[{"msg":m, "partition":p, "offset":o, "epoch":e, "deliveries":d
 *                          [, "producerMsgId":id] [, "key":k]}, ...]}   (deliveries = 1 on the first delivery;
 *         the lease lasts visibilityMs from when the node applied the receive)
 * drain   like receive (the final reliable read; an info drain is an error)
 * ack     invoke {"queue":q, "group":g, "msg":m, "receipt":r, "partition":p, "offset":o, "epoch":e}
 *         ok {"outcome":"OK"|"ALREADY_ACKED"}; a stale receipt the node rejected is fail with error "INVALID"
 * nack    like ack [, "delayMs":d] (absent: 0) (ok outcome "OK" only)
 * commit  invoke {"queue":q, "group":g, "partition":p, "offset":o}   ok {"committed":c}
 *         (a stream group's offset commit; c is the group's committed offset after it)
 * stream-read
 *         invoke {"queue":q, "group":g, "partition":p, "from":o}
 *         ok     {"partition":p, "msgs":[{"msg":m, "offset":o}, ...], "nextOffset":n}
 *         (a stream group's read of one partition from offset o, leasing nothing; msgs in offset order, n is
 *         where the next read continues)
 * status  invoke {"queue":q, "partition":p, "node":n}   ok {"node":n, "appliedIndex":i, "digest":hex}
 *         (the final per-replica convergence probe, recorded by process "final"; the metadata group is probed
 *         as queue "(metadata)", partition 0)
 * </pre>
 *
 * <p>Delivered messages from a dead-letter queue also carry {@code "deadLetterDeliveries"}, {@code
 * "sourcePartition"} and {@code "sourceOffset"} (from the message's {@code raftq-dead-letter-*} headers), and FIFO
 * deliveries their {@code "key"}.
 *
 * <p>Nemesis ops (process {@code nemesis}, invocation and completion both {@code info}): {@code f} is
 * {@link Fn#FAULT} or {@link Fn#HEAL}; the value is {@code {"nemesis":name, "kind":kind, "targets":[nodes],
 * "detail":text}} where kind is one of partition, kill, pause, clock, disk, restart. A fault window runs from the
 * completion of a {@code fault} to the completion of the next {@code heal} with the same nemesis name
 * ({@link io.raftq.chaos.history.FaultWindows}).
 */
package io.raftq.chaos.history;
