#!/usr/bin/env bash
# Sync benchmark: JDBC -> Parquet and CSV -> Parquet through data-sync-service against a plain
# JDBC read loop and a plain file copy into the same lake, each in a JVM of its own (-Xmx256m),
# interleaved, medians of several rounds. Result: data-sync-service/target/sync-benchmark.md
#   ROWS (default 2000000), ROUNDS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-2000000}"
ROUNDS="${ROUNDS:-3}"
mvn -B -o -q -pl data-sync-service -am test -Dtest=SyncBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcorelake.bench=true \
  -Dcorelake.bench.rows="$ROWS" -Dcorelake.bench.rounds="$ROUNDS"
cat data-sync-service/target/sync-benchmark.md
