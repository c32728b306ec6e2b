/**
 * The run report, CHAOS-PLAN §6.6: turns a {@link io.raftq.chaos.history.History} and the checkers' verdicts into
 * the files a run leaves behind ({@code history.jsonl}, {@code results.json}, a self-contained {@code report.html}
 * with inline SVG charts) and an {@code index.html} over many runs. Reads the history and checker packages; nothing
 * depends on this one.
 */
package io.raftq.chaos.report;
