/**
 * Pure history checkers, Java ports of Jepsen's queue checkers (see docs/SEMANTICS.md): each reads a
 * {@link io.raftq.chaos.history.History} and returns a {@link io.raftq.chaos.checker.CheckResult}.
 */
package io.raftq.chaos.checker;
