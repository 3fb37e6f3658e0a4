#!/usr/bin/env bash
# Sync benchmark: JDBC -> Parquet and CSV -> Parquet through data-sync-service against a plain
# JDBC read loop and a plain file copy into the same lake, each in a JVM of its own (-Xmx256m),
# interleaved, medians of several rounds. Result: data-sync-service/target/sync-benchmark.md
# Each measured JVM first does the same work WARMUP times unmeasured (compiled code, as in a
# long-running service). Every JVM runs on the JDK the images ship (Temurin 25) when it is
# installed, else on JAVA_HOME's; JAVA_HOME=... picks another.
#   ROWS (default 2000000), ROUNDS (default 3), WARMUP (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-2000000}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-1}"
if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/temurin-25*; do [ -x "$jdk/bin/java" ] && export JAVA_HOME="$jdk" && break; done
fi
mvn -B -o -q -pl data-sync-service -am test -Dtest=SyncBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcorelake.bench=true \
  -Dcorelake.bench.rows="$ROWS" -Dcorelake.bench.rounds="$ROUNDS" -Dcorelake.bench.warmup="$WARMUP"
cat data-sync-service/target/sync-benchmark.md
