#!/usr/bin/env bash
# ai-model-service online predictions against plain Spark, in one run (see ModelServingBenchmark's
# Javadoc): single-row and 100-row predict latency (p50/p99, one caller) and requests per second
# (four callers), called directly over loopback HTTP, vs. the same warm PipelineModel's transform.
#
#   bench/models.sh                  (400 calls per measure)
#   CALLS=1000 bench/models.sh
#
# Loopback only; everything the benchmark starts is stopped when it ends. Results:
# ai-model-service/target/model-benchmark.md (copied into docs/benchmarks.md by hand).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CALLS="${CALLS:-400}"
HEAP="${HEAP:-2g}"
cd "$ROOT"
OPENS="$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' ai-model-service/pom.xml)"
mvn -B -o -q -pl ai-model-service -am test -Dtest=ModelServingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcorelake.bench.calls="$CALLS" \
  "-Dcorelake.test.argLine=-Xshare:off -Xmx$HEAP $OPENS"
cat ai-model-service/target/model-benchmark.md
