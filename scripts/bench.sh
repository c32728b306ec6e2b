#!/usr/bin/env bash
# `make bench`: the standard workloads W1, W2, W3 (docs/PERFORMANCE.md) on the peers, when their harness is present
# (../shared/bench-peers beside the repository), then on a fresh 3-node raftq cluster (separate processes on
# 127.0.0.1:9491-9493, Raft 9591-9593, so it does not collide with `make run`), after a JIT warm-up, plus a W3
# latency-vs-rate sweep; then writes target/bench/<stamp>/results.json and index.html and prints the summary table.
# Only the node processes it started are stopped, by pid. Knobs (environment): see docs/PERFORMANCE.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

peers="${BENCH_PEERS-rabbit nats}"     # '-' and not ':-': BENCH_PEERS= means no peers
warmup_seconds="${BENCH_WARMUP:-150}"
seconds="${BENCH_SECONDS:-30}"
w2_messages="${BENCH_W2_MESSAGES:-500000}"
sweep_seconds="${BENCH_SWEEP_SECONDS:-20}"
sweep_rates="${BENCH_SWEEP_RATES:-500 1000 2000 4000 8000 16000}"
run_warmup=5s                          # each workload's own warm-up, as in the workload definitions
peer_harness="$root/../shared/bench-peers"
bootstrap="127.0.0.1:9491,127.0.0.1:9492,127.0.0.1:9493"
cluster="n1=127.0.0.1:9591/127.0.0.1:9491,n2=127.0.0.1:9592/127.0.0.1:9492,n3=127.0.0.1:9593/127.0.0.1:9493"
node_java_opts="-Xmx1g -XX:MaxDirectMemorySize=1g -XX:+ExitOnOutOfMemoryError"   # as make run
workloads="${BENCH_WORKLOADS:-w1 w2 w3 sweep}"
consumer_args=()                       # how W2, W3 and the sweep consume: receive+ack batches, or --subscribe
if [ "${BENCH_SUBSCRIBE:-}" = 1 ]; then consumer_args=(--subscribe); fi

stamp="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
out="target/bench/$stamp"
mkdir -p "$out/peers" "$out/raftq" "$out/logs"
ln -sfn "$stamp" target/bench/latest
notes=()
node_pids=()

say() { echo "== $(date -u +%H:%M:%S) $*"; }

# --- peers -------------------------------------------------------------------------------------------------------

# Runs one peer's W1, W2 and W3 (peer-run.sh starts and stops its own cluster); its output goes to peers/PEER.log.
run_peer() {
  local peer=$1 work="$root/$out/peers/work"
  say "peer $peer: W1, W2, W3 on a fresh 3-node $peer cluster (a few minutes)"
  if ! bash "$peer_harness/peer-run.sh" "$peer" "$work" 2>&1 | tee "$out/peers/$peer.log"; then
    echo "warning: peer-run.sh $peer failed; see $out/peers/$peer.log" >&2
  fi
}

run_peers() {
  if [ -z "$peers" ]; then
    notes+=("peers skipped (BENCH_PEERS is empty): measuring raftq alone")
    return
  fi
  if [ ! -f "$peer_harness/peer-run.sh" ]; then
    echo "../shared/bench-peers not found: measuring raftq alone"
    notes+=("../shared/bench-peers not found: measured raftq alone")
    peers=""
    return
  fi
  for peer in $peers; do run_peer "$peer"; done
}

# --- raftq cluster -----------------------------------------------------------------------------------------------

start_node() {
  local i=$1
  local jfr=""
  if [ "${BENCH_PROFILE:-}" = 1 ]; then   # a JFR profile per node, summarized at the end
    jfr="-XX:StartFlightRecording=filename=$out/logs/n$i.jfr,settings=profile,dumponexit=true"
  fi
  # Every GC pause goes to logs/nI-gc.log (the report sums them up); BENCH_JAVA_OPTS comes last, so it wins.
  local gc_log="-Xlog:gc:file=$out/logs/n$i-gc.log:uptime"
  RAFTQ_JAVA_OPTS="$node_java_opts $gc_log $jfr ${BENCH_JAVA_OPTS:-}" bin/raftq node start --id "n$i" --data-dir "$out/data/n$i" \
    --raft-address "127.0.0.1:959$i" --client-address "127.0.0.1:949$i" --peers "$cluster" \
    ${BENCH_NODE_ARGS:-} >"$out/logs/n$i.log" 2>&1 &
  node_pids+=("$!")
}

# Waits for "serving clients" in node i's log; fails if the node exits or takes more than 2 minutes.
await_node() {
  local i=$1 pid=${node_pids[$(($1 - 1))]}
  for _ in $(seq 1 240); do
    if grep -q "serving clients" "$out/logs/n$i.log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "node n$i exited; see $out/logs/n$i.log:" >&2; tail -20 "$out/logs/n$i.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "node n$i did not serve clients within 2 minutes; see $out/logs/n$i.log" >&2
  return 1
}

# Waits until the cluster answers a metadata request (its metadata group has a leader), up to a minute.
await_metadata() {
  for _ in $(seq 1 30); do
    if bin/raftq queue list --bootstrap "$bootstrap" >/dev/null 2>&1; then return 0; fi
    sleep 2
  done
  echo "the cluster did not answer 'queue list' within a minute; see $out/logs/" >&2
  return 1
}

start_cluster() {
  say "raftq: starting 3 nodes on $bootstrap (logs in $out/logs/)"
  for i in 1 2 3; do start_node "$i"; done
  for i in 1 2 3; do await_node "$i"; done
  await_metadata
  say "raftq: nodes up, pids ${node_pids[*]}"
}

# SIGTERM, then up to 30 s for a clean exit, then SIGKILL: only the pids this script started.
stop_nodes() {
  [ ${#node_pids[@]} -gt 0 ] || return 0
  say "stopping raftq nodes ${node_pids[*]}"
  for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local alive
  for _ in $(seq 1 60); do
    alive=0
    for pid in "${node_pids[@]}"; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done
    [ "$alive" = 1 ] || break
    sleep 0.5
  done
  for pid in "${node_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  node_pids=()
}

# The node data and the peers' work copy (gigabytes after a full run) are only kept with BENCH_KEEP_DATA=1;
# logs and results always are.
on_exit() {
  local status=$?
  set +e                      # clean up as far as possible, even if stdout is gone (closed pipe, hung-up terminal)
  trap - EXIT INT TERM HUP
  trap '' PIPE
  stop_nodes
  if [ -z "${BENCH_KEEP_DATA:-}" ]; then rm -rf "$out/data" "$out/peers/work"; fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

# --- raftq workloads ---------------------------------------------------------------------------------------------

# bench NAME MODE ARGS...: one `raftq bench` run; its JSON summary goes to raftq/NAME.json, its progress lines to
# the terminal and raftq/NAME.log. A failed run is reported and the bench goes on (the report marks it missing).
bench() {
  local name=$1 mode=$2 status=0
  shift 2
  echo "\$ raftq bench $mode $*" >"$out/raftq/$name.log"
  # stdout (the JSON) to its file, stderr (progress) through tee; with pipefail the status is raftq's.
  bin/raftq bench "$mode" --bootstrap "$bootstrap" --json "$@" 2>&1 >"$out/raftq/$name.json" \
    | tee -a "$out/raftq/$name.log" >&2 || status=$?
  if [ "$status" != 0 ]; then
    echo "warning: raftq bench $name exited with $status (3: some sends failed or the run fell short)" >&2
  fi
}

# Until the JIT has compiled the hot paths, a node is several times slower: figures are only taken after this.
warm_up() {
  if [ "$warmup_seconds" = 0 ]; then return 0; fi
  say "raftq: JIT warm-up, ${warmup_seconds}s of W1-like load"
  bench warmup produce --queue warmup --create-partitions 4 --producers 4 --in-flight 1000 --size 1024 \
    --duration "${warmup_seconds}s"
}

wants() { [[ " $workloads " == *" $1 "* ]]; }

run_raftq_workloads() {
  if wants w1; then
    say "raftq: W1"
    bench w1 produce --queue w1 --create-partitions 4 --producers 4 --in-flight 1000 --size 1024 \
      --duration "${seconds}s" --warmup "$run_warmup"
  fi
  if wants w2; then
    say "raftq: W2, preloading $w2_messages messages"
    bench w2-preload produce --queue w2 --create-partitions 4 --messages "$w2_messages"
    say "raftq: W2, consuming them"
    bench w2 consume --queue w2 --consumers 4 --messages "$w2_messages" ${consumer_args[@]+"${consumer_args[@]}"}
  fi
  if wants w3; then
    say "raftq: W3, 1 partition"
    bench w3-1p e2e --queue w3-1p --create-partitions 1 --producers 1 --consumers 1 --rate 2000 \
      --duration "${seconds}s" --warmup "$run_warmup" ${consumer_args[@]+"${consumer_args[@]}"}
    say "raftq: W3, 4 partitions"
    bench w3-4p e2e --queue w3-4p --create-partitions 4 --producers 1 --consumers 1 --rate 2000 \
      --duration "${seconds}s" --warmup "$run_warmup" ${consumer_args[@]+"${consumer_args[@]}"}
  fi
}

# W3 on 1 partition at rising rates until less than 90% of the target gets through (saturation; the rule is
# report.py's, see raftq_results.achieved_rate).
run_sweep() {
  wants sweep || return 0
  for rate in $sweep_rates; do
    say "raftq: W3 sweep at $rate msgs/s for ${sweep_seconds}s"
    bench "sweep-$rate" e2e --queue "sweep-$rate" --create-partitions 1 --producers 1 --consumers 1 \
      --rate "$rate" --duration "${sweep_seconds}s" --warmup "$run_warmup" ${consumer_args[@]+"${consumer_args[@]}"}
    if report_tool saturated "$out/raftq/sweep-$rate.json" "$rate"; then
      say "raftq: saturated at $rate msgs/s; sweep stops here"
      break
    fi
  done
}

report_tool() { PYTHONDONTWRITEBYTECODE=1 python3 scripts/bench/report.py "$@"; }

write_report() {
  say "report"
  local settings=(--setting "warmup_seconds=$warmup_seconds" --setting "seconds=$seconds"
    --setting "w2_messages=$w2_messages" --setting "sweep_seconds=$sweep_seconds"
    --setting "sweep_rates=$sweep_rates" --setting "node_args=${BENCH_NODE_ARGS:-}"
    --setting "java_opts=${BENCH_JAVA_OPTS:-}" --setting "workloads=$workloads"
    --setting "subscribe=${BENCH_SUBSCRIBE:-}")
  local note_args=()
  # ${a[@]+...}: an empty array is an unbound variable under set -u in older bash (macOS)
  for note in ${notes[@]+"${notes[@]}"}; do note_args+=(--note "$note"); done
  report_tool report "$out" --stamp "$stamp" --peers "$peers" "${settings[@]}" ${note_args[@]+"${note_args[@]}"}
  echo
  echo "results: $out/results.json and $out/index.html (also target/bench/latest/)"
}

say "bench $stamp: results in $out/"
run_peers
start_cluster
warm_up
run_raftq_workloads
run_sweep
stop_nodes
write_report
if [ "${BENCH_PROFILE:-}" = 1 ]; then
  python3 scripts/profile/jfr_summary.py "$out"/logs/n*.jfr > "$out/profile.txt" && say "profile: $out/profile.txt"
fi
