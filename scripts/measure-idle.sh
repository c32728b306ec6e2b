#!/usr/bin/env bash
# Idle cost of partitions: starts a fresh 3-node cluster on loopback (ports 9291-9293 / 9391-9393, data in a temp
# dir), creates one queue of N partitions (each a Raft group on all three nodes), waits SETTLE seconds, then samples
# each node's CPU time over WINDOW seconds and prints threads, RSS and idle CPU per node. Stops only the processes
# it started. Usage: scripts/measure-idle.sh N [SETTLE] [WINDOW]; QUIESCE_AFTER=30s (or 0 for never) sets the nodes'
# --quiesce-after (default: theirs, 5m); KEEP_LOGS=DIR keeps the nodes' logs there; WAKE=N then sends N messages
# over all partitions at once and times them (what waking quiescent partitions costs a burst of traffic).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:?usage: measure-idle.sh PARTITIONS [SETTLE_S] [WINDOW_S]}"
settle="${2:-60}"
window="${3:-60}"
dir="$(mktemp -d /tmp/raftq-idle.XXXXXX)"
peers="m1=127.0.0.1:9291/127.0.0.1:9391,m2=127.0.0.1:9292/127.0.0.1:9392,m3=127.0.0.1:9293/127.0.0.1:9393"
export RAFTQ_JAVA_OPTS="-Xmx1g -XX:MaxDirectMemorySize=4g -XX:+ExitOnOutOfMemoryError"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS" && cp "$dir"/*.log "$KEEP_LOGS"/; fi
  rm -rf "$dir"
}
trap cleanup EXIT
for i in 1 2 3; do
  "$root/bin/raftq" node start --id "m$i" --data-dir "$dir/m$i" --raft-address "127.0.0.1:929$i" \
    --client-address "127.0.0.1:939$i" --peers "$peers" ${QUIESCE_AFTER:+--quiesce-after "$QUIESCE_AFTER"} \
    >"$dir/m$i.log" 2>&1 &
  pids+=("$!")
done
export RAFTQ_BOOTSTRAP=127.0.0.1:9391,127.0.0.1:9392,127.0.0.1:9393
for _ in $(seq 1 120); do
  "$root/bin/raftq" queue list >/dev/null 2>&1 && break
  sleep 1
done
# A create of many partitions may outlast the client's timeout and be retried: QUEUE_EXISTS then means it worked.
"$root/bin/raftq" queue create idle --partitions "$n" >/dev/null 2>&1 || true
"$root/bin/raftq" queue describe idle >/dev/null
sleep "$settle"
# The node JVM is the launcher's child (exec'd), so the pid we hold is the JVM.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A before
for pid in "${pids[@]}"; do before[$pid]=$(ticks "$pid"); done
sleep "$window"
hz=$(getconf CLK_TCK)
for i in 0 1 2; do
  pid=${pids[$i]}
  used=$(( $(ticks "$pid") - before[$pid] ))
  cpu=$(awk -v u="$used" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.1f", 100 * u / hz / w }')
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  quiet=$(grep -c "is quiescent" "$dir/m$((i+1)).log" || true)
  echo "partitions=$n node=m$((i+1)) idle_cpu=${cpu}% threads=$threads rss=${rss}MiB quiesced_here=$quiet"
done
if [ -n "${WAKE:-}" ]; then
  start=$(date +%s.%N)
  "$root/bin/raftq" bench produce --queue idle --messages "$WAKE" --producers 1 --in-flight 1000 --size 100 --json \
    > "$dir/wake.json" 2>&1 || true
  took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "wake: $WAKE sends over $n partitions took ${took}s; bench summary: $(grep '^{' "$dir/wake.json" | tail -1)"
fi
