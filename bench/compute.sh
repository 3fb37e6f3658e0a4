#!/usr/bin/env bash
# compute-service against plain Spark, in one run (see ComputeBenchmark's Javadoc): submit-to-result
# latency vs. a warm plain SparkSession, 4 concurrent jobs vs. 4 sequential, SparkSession start time,
# and peak RSS during a 10-million-row aggregation with the service's JVM capped at 2 GiB of heap.
#
#   bench/compute.sh                 (10 runs)
#   RUNS=20 bench/compute.sh
#
# Loopback only; everything the benchmark starts is stopped when it ends. Results:
# compute-service/target/compute-benchmark.md (copied into docs/benchmarks.md by hand).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-10}"
HEAP="${HEAP:-2g}"
cd "$ROOT"
OPENS="$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' compute-service/pom.xml)"
mvn -B -o -q -pl compute-service -am test -Dtest=ComputeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcorelake.bench.runs="$RUNS" \
  "-Dcorelake.test.argLine=-Xshare:off -Xmx$HEAP $OPENS"
cat compute-service/target/compute-benchmark.md
