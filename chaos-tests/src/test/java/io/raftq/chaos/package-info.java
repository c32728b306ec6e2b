/**
 * Fault tests on real node processes. This first part holds the process fixture and the process-level smoke and
 * leader-kill tests; the Jepsen-style nemeses, histories and checkers build on the same fixture.
 */
package io.raftq.chaos;
