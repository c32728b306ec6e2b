/**
 * Pure history checkers, Java ports of the definitions in {@code shared/CHAOS-PLAN.md}: each reads a
 * {@link io.raftq.chaos.history.History} and returns a {@link io.raftq.chaos.checker.CheckResult}.
 */
package io.raftq.chaos.checker;
