#!/usr/bin/env bash
# Starts a local 3-node raftq cluster on loopback as three OS processes (data under ./data/), prints how to use
# it, and stops all three cleanly (SIGTERM, then wait) on Ctrl-C. Only the processes it started are touched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
peers="n1=127.0.0.1:9191/127.0.0.1:9091,n2=127.0.0.1:9192/127.0.0.1:9092,n3=127.0.0.1:9193/127.0.0.1:9093"
heap="${RAFTQ_NODE_HEAP:-1g}"
pids=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping nodes: ${pids[*]}"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "all nodes stopped; data kept in ./data/ (make clean removes it)"
}
trap stop_all INT TERM EXIT

mkdir -p data
node_cmd() {
  echo "bin/raftq node start --id n$1 --data-dir data/n$1 --raft-address 127.0.0.1:919$1" \
    "--client-address 127.0.0.1:909$1 --sqs-address 127.0.0.1:932$(( $1 + 3 )) --peers $peers ${RAFTQ_NODE_ARGS:-}"
}
export RAFTQ_JAVA_OPTS="-Xmx$heap -XX:MaxDirectMemorySize=1g -XX:+ExitOnOutOfMemoryError ${RAFTQ_JAVA_OPTS:-}"
for i in 1 2 3; do
  $(node_cmd "$i") >"data/n$i.log" 2>&1 &
  pids+=("$!")
done

for i in 1 2 3; do
  for _ in $(seq 1 120); do
    if grep -q "serving clients" "data/n$i.log" 2>/dev/null; then break; fi
    if ! kill -0 "${pids[$((i-1))]}" 2>/dev/null; then
      echo "node n$i exited; see data/n$i.log:" >&2; tail -20 "data/n$i.log" >&2; exit 1
    fi
    sleep 0.5
  done
done

cat <<TXT
raftq local cluster is up: nodes n1 n2 n3 (pids ${pids[*]}), logs in data/n{1,2,3}.log
bootstrap: 127.0.0.1:9091,127.0.0.1:9092,127.0.0.1:9093
SQS API:   http://127.0.0.1:9324 (also :9325, :9326), any signature accepted; see docs/SQS.md

In another shell, try:
  bin/raftq queue create orders --partitions 4
  bin/raftq send orders --key customer-42 'hello raftq'
  bin/raftq receive orders --group billing --max 10 --wait 5s

To restart a node you killed (in another shell, from $root):
  $(node_cmd 1) >>data/n1.log 2>&1
  (same with 2 or 3 in place of the three 1s)

To grow the cluster, start a fourth node that joins it (it takes its share of replicas by itself):
  bin/raftq node start --id n4 --data-dir data/n4 --raft-address 127.0.0.1:9194 --client-address 127.0.0.1:9094 \\
    --join 127.0.0.1:9091,127.0.0.1:9092 >>data/n4.log 2>&1
and to shrink it again: bin/raftq cluster drain n4, wait for bin/raftq cluster status to show it empty,
then bin/raftq cluster remove n4 and stop it.

Press Ctrl-C to stop all three nodes.
TXT
wait
