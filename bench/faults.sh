#!/usr/bin/env bash
# Load with faults (issue 10): the whole platform on random loopback ports; SECONDS_PER_RUN
# (default 60) of mixed reads and writes through the gateway by WORKERS (8) closed-loop clients,
# while VICTIM (catalog-service) is stopped a quarter into the run and started again half way;
# REPETITIONS (3) times, with the heap after a full collection after each. Reports errors per
# operation before/during/after, and checks that acknowledged writes (catalog versions, config
# entries) are neither lost nor duplicated. Bounded, loopback only; everything it starts stops
# with it. Result: standalone/target/fault-load.md (copied into docs/benchmarks.md by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl standalone -am test -Dtest=FaultLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true \
  -Dcorelake.bench.seconds="${SECONDS_PER_RUN:-60}" -Dcorelake.bench.repetitions="${REPETITIONS:-3}" \
  -Dcorelake.bench.workers="${WORKERS:-8}" -Dcorelake.bench.victim="${VICTIM:-catalog-service}"
cat standalone/target/fault-load.md
