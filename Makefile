# raftq: `make run` starts a local 3-node cluster, `make test` runs the test suite.
MVN ?= mvn -B
JAR := server/target/raftq.jar

.PHONY: build test run clean chaos bench bench-selftest help

help:
	@echo "make build  - compile and assemble $(JAR) (+ server/target/lib/)"
	@echo "make test   - unit, integration and process-level tests (what CI runs)"
	@echo "make run    - start a local 3-node cluster on 127.0.0.1:9091-9093 (Ctrl-C stops it)"
	@echo "make chaos  - the long fault-injection runs (not part of make test)"
	@echo "make bench  - W1-W3 on the peers (if ../shared/bench-peers exists) and a fresh raftq cluster, ~20 min;"
	@echo "              report in target/bench/latest/ (knobs: docs/PERFORMANCE.md)"
	@echo "make bench-selftest - unit tests of the bench report (parser, ratios)"
	@echo "make clean  - remove build output and ./data/"

build: $(JAR)

$(JAR): $(shell find . -path ./data -prune -o \( -name '*.java' -o -name pom.xml \) -print 2>/dev/null)
	$(MVN) -q install -DskipTests

test:
	$(MVN) install

run: build
	scripts/run-local-cluster.sh

# SCENARIOS=a,b selects matrix scenarios, SEED=N replays a seed, NODE_ARGS="--opt v" adds node options;
# reports land in chaos-tests/target/chaos/.
chaos: build
	$(MVN) -pl chaos-tests verify -Dgroups=chaos-long -DexcludedGroups= \
	  -Dchaos.scenarios="$(SCENARIOS)" -Dchaos.seed="$(SEED)" -Dchaos.nodeArgs="$(NODE_ARGS)"

# BENCH_PEERS="rabbit nats" (empty: none), BENCH_WARMUP=150, BENCH_SECONDS=30, BENCH_W2_MESSAGES=500000,
# BENCH_SWEEP_SECONDS=20 (see docs/PERFORMANCE.md); results land in target/bench/<stamp>/.
bench: build
	scripts/bench.sh

bench-selftest:
	PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s scripts/bench -p 'test_*.py'

clean:
	$(MVN) -q clean
	rm -rf data
