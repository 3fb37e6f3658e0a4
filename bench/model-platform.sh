#!/usr/bin/env bash
# ai-model-service on the whole platform, in one run (see ModelPlatformBenchmark's Javadoc): the
# platform boots once on random loopback ports, the demo's journey syncs samples/customers.csv,
# trains the churn model (logistic regression) and promotes it to champion; then
#  - predictions: the same 1-row and 100-row requests through the gateway and straight to
#    ai-model-service, 1 and 4 concurrent callers (requests/s, p50/p99), ROUNDS rounds of
#    SECONDS_PER_MEASURE each after WARMUP seconds of warm-up;
#  - training: TRAININGS runs through the gateway (POST training-run → succeeded) alternating with
#    the same MLlib pipeline on plain Spark in the same JVM (medians).
#
#   bench/model-platform.sh                                  (about 4 minutes plus the build)
#   ROUNDS=5 SECONDS_PER_MEASURE=6 TRAININGS=5 bench/model-platform.sh
#
# Loopback only; everything the benchmark starts stops when it ends. Result:
# standalone/target/model-benchmark.md (copied into docs/benchmarks.md by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl standalone -am test -Dtest=ModelPlatformBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true \
  -Dcorelake.bench.seconds="${SECONDS_PER_MEASURE:-4}" -Dcorelake.bench.rounds="${ROUNDS:-3}" \
  -Dcorelake.bench.trainings="${TRAININGS:-3}" -Dcorelake.bench.warmup-seconds="${WARMUP:-12}"
cat standalone/target/model-benchmark.md
