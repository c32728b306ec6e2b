/**
 * The pure history model of a chaos run: {@link io.raftq.chaos.history.Op operations}, the ordered
 * {@link io.raftq.chaos.history.History} that pairs each invocation with its completion, and the {@code history.jsonl}
 * format. No I/O here except the JSON-lines file reader and writer.
 *
 * <p>Value shapes the checkers read (maps of strings, numbers and lists; extra keys are ignored):
 * <pre>
 * send    invoke {"queue":q, "msg":m [, "producerMsgId":id]}    ok {"partition":p, "offset":o}
 * receive invoke {"queue":q, "group":g, "max":n}               ok {"msgs":[{"msg":m, "partition":p, "offset":o
 *                                                                          [, "producerMsgId":id]}, ...]}
 * drain   like receive (the final reliable read; an info drain is an error)
 * ack     invoke {"queue":q, "group":g, "msg":m, "receipt":r}    ok / fail / info (value ignored)
 * nack    like ack
 * </pre>
 */
package io.raftq.chaos.history;
