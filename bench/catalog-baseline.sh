#!/usr/bin/env bash
# Benchmark: catalog-service start time and memory on JDK 17 and 25, all-in-one boot time, and
# GET /api/v1/datasets/{name} latency under a bounded loopback load, beside nginx serving the
# same JSON from a file (the raw baseline), all in one run. Results go to bench/results/ and are
# printed as a Markdown table for docs/benchmarks.md.
#
#   bench/catalog-baseline.sh            (needs the jars: ./corelake build)
#   RUNS=5 DURATION=30s bench/catalog-baseline.sh
#
# Loopback only; every server started here is stopped on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SERVICE_JAR="$ROOT/catalog-service/target/catalog-service-0.1.0-SNAPSHOT-exec.jar"
PLATFORM_JAR="$ROOT/standalone/target/standalone-0.1.0-SNAPSHOT.jar"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
PORT=18083
MGMT=19083
NGINX_PORT=18090
mkdir -p "$OUT"

for tool in wrk nginx /usr/bin/time curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing wrk, nginx and time (Debian packages)"
    apt-get update -qq && apt-get install -y -qq wrk nginx-light time >/dev/null
    break
  fi
done
[ -f "$SERVICE_JAR" ] && [ -f "$PLATFORM_JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests -Djacoco.skip=true install)

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

wait_for() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS --max-time 1 "$1" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.2
  done
}

# 1. catalog-service alone: start time (as Spring Boot reports it) and peak RSS, per JDK
start_once() { # java_home, run
  local log="$OUT/start-$(basename "$1")-$2.log" data
  data="$(mktemp -d)"
  /usr/bin/time -v -o "$log.time" "$1/bin/java" -jar "$SERVICE_JAR" --server.port=$PORT \
    --management.server.port=$MGMT --corelake.data-dir="$data" >"$log" 2>&1 &
  local pid=$!
  wait_for "http://127.0.0.1:$MGMT/actuator/health/readiness" 120
  kill -TERM "$(pgrep -P $pid java || echo $pid)" 2>/dev/null || kill -TERM $pid
  wait $pid 2>/dev/null || true
  rm -rf "$data"
  local started rss
  started=$(grep -o 'Started CatalogServiceApplication in [0-9.]*' "$log" | awk '{print $4}')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  echo "$started $rss"
}

declare -A START RSS
for jdk in "$JDK17" "$JDK25"; do
  [ -x "$jdk/bin/java" ] || continue
  name=$(basename "$jdk")
  : >"$OUT/start-$name.txt"
  for run in $(seq 1 "$RUNS"); do start_once "$jdk" "$run" >>"$OUT/start-$name.txt"; done
  START[$name]=$(awk '{print $1}' "$OUT/start-$name.txt" | median)
  RSS[$name]=$(awk '{print $2}' "$OUT/start-$name.txt" | median)
done

# 2. all-in-one boot time
: >"$OUT/platform-boot.txt"
for run in $(seq 1 "$RUNS"); do
  data="$(mktemp -d)"
  CORELAKE_DATA_DIR="$data" CORELAKE_CATALOG_PORT=$PORT CORELAKE_CATALOG_MANAGEMENT_PORT=$MGMT \
    java -jar "$PLATFORM_JAR" >"$OUT/platform-$run.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$MGMT/actuator/health/readiness" 120
  until grep -q 'Corelake is up in' "$OUT/platform-$run.log"; do sleep 0.2; done
  grep -o 'Corelake is up in [0-9]*' "$OUT/platform-$run.log" | awk '{print $5}' >>"$OUT/platform-boot.txt"
  kill -TERM $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
BOOT=$(median <"$OUT/platform-boot.txt")

# 3. latency of GET /api/v1/datasets/{name}: catalog-service vs nginx serving the same JSON
data="$(mktemp -d)"
java -jar "$SERVICE_JAR" --server.port=$PORT --management.server.port=$MGMT --corelake.data-dir="$data" \
  --logging.level.root=WARN >"$OUT/load-service.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$MGMT/actuator/health/readiness" 120
curl -fsS -H 'Content-Type: application/json' -d '{"name":"bench_orders","owner":"bench","tags":["bench"]}' \
  "http://127.0.0.1:$PORT/api/v1/datasets" >/dev/null
curl -fsS "http://127.0.0.1:$PORT/api/v1/datasets/bench_orders" >"$OUT/dataset.json"
# warm-up (JIT), not measured
wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$PORT/api/v1/datasets/bench_orders" >/dev/null

mkdir -p "$OUT/nginx/www/api/v1/datasets"
cp "$OUT/dataset.json" "$OUT/nginx/www/api/v1/datasets/bench_orders"
cat >"$OUT/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $OUT/nginx/www; }
}
NGINX
nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/api/v1/datasets/bench_orders" 10

measure() { # label url
  for run in $(seq 1 "$RUNS"); do
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$OUT/wrk-$1-$run.txt"
  done
  local p50 p99 rps
  p50=$(for f in "$OUT"/wrk-"$1"-*.txt; do awk '$1=="50%" {print $2}' "$f"; done | sed 's/us$/ 0.001/; s/ms$/ 1/; s/s$/ 1000/' | awk '{print $1*$2}' | median)
  p99=$(for f in "$OUT"/wrk-"$1"-*.txt; do awk '$1=="99%" {print $2}' "$f"; done | sed 's/us$/ 0.001/; s/ms$/ 1/; s/s$/ 1000/' | awk '{print $1*$2}' | median)
  rps=$(for f in "$OUT"/wrk-"$1"-*.txt; do awk '/Requests\/sec/ {print $2}' "$f"; done | median)
  echo "$p50 $p99 $rps"
}
read -r S50 S99 SRPS < <(measure service "http://127.0.0.1:$PORT/api/v1/datasets/bench_orders")
read -r N50 N99 NRPS < <(measure nginx "http://127.0.0.1:$NGINX_PORT/api/v1/datasets/bench_orders")
rm -rf "$data"

{
  echo "Run $(basename "$OUT") on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; medians of $RUNS runs"
  echo
  echo "| What | JDK 17 | JDK 25 |"
  echo "|---|---|---|"
  echo "| catalog-service start (s, Spring Boot's 'Started … in') | ${START[java-17-openjdk-amd64]:-n/a} | ${START[temurin-25-jdk-amd64]:-n/a} |"
  echo "| catalog-service peak RSS (MB) | $(( ${RSS[java-17-openjdk-amd64]:-0} / 1024 )) | $(( ${RSS[temurin-25-jdk-amd64]:-0} / 1024 )) |"
  echo
  echo "All-in-one boot (JDK $(java -version 2>&1 | awk -F'"' '/version/ {print $2}'), ms until every service is up): $BOOT"
  echo
  echo "GET /api/v1/datasets/{name}, wrk -t2 -c$CONNECTIONS -d$DURATION, loopback:"
  echo
  echo "| Target | p50 (ms) | p99 (ms) | requests/s |"
  echo "|---|---|---|---|"
  echo "| catalog-service (H2, JDK default) | $S50 | $S99 | $SRPS |"
  echo "| nginx, same JSON from a file (baseline) | $N50 | $N99 | $NRPS |"
  echo
  awk -v s="$S50" -v n="$N50" -v sr="$SRPS" -v nr="$NRPS" 'BEGIN {printf "Ratio catalog/nginx: p50 %.1fx, throughput %.2fx\n", s/n, sr/nr}'
} | tee "$OUT/summary.md"
