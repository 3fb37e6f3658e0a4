#!/usr/bin/env bash
# Benchmark, all in one run on loopback:
#  - catalog-service start time and peak RSS on JDK 17 and 25; all-in-one boot time;
#  - GET /api/v1/datasets/{name}: catalog-service checking tokens (RS256, the platform default)
#    vs. the same service, same JVM settings, with token checks off vs. nginx serving the same
#    JSON from a file (each service alone in its JVM; tokens come from the all-in-one auth-service);
#  - JWKS fetches by catalog-service during that load (should be one per refresh period);
#  - access tokens issued per second (client_credentials) by auth-service.
# Results go to bench/results/<time>/ and summary.md there (copied into docs/benchmarks.md).
#
#   bench/baseline.sh                    (builds the jars when missing)
#   RUNS=5 DURATION=30s bench/baseline.sh
#   LOAD_ONLY=1 bench/baseline.sh        (skips the start-time and boot sections)
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
OPEN_PORT=18084
OPEN_MGMT=19084
SECURED_PORT=18085
SECURED_MGMT=19085
AUTH_PORT=18081
AUTH_MGMT=19081
ADMIN_PASSWORD="bench-admin-Passphrase-42"
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
[ -f "$SERVICE_JAR" ] && [ -f "$PLATFORM_JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests -Djacoco.skip=true package)

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
    --management.server.port=$MGMT --corelake.data-dir="$data" --corelake.config.client.enabled=false \
    >"$log" 2>&1 &
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
BOOT=skipped
if [ "${LOAD_ONLY:-0}" != 1 ]; then
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
    CORELAKE_AUTH_PORT=$AUTH_PORT CORELAKE_AUTH_MANAGEMENT_PORT=$AUTH_MGMT \
    CORELAKE_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -jar "$PLATFORM_JAR" >"$OUT/platform-$run.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$MGMT/actuator/health/readiness" 120
  until grep -q 'Corelake is up in' "$OUT/platform-$run.log"; do sleep 0.2; done
  grep -o 'Corelake is up in [0-9]*' "$OUT/platform-$run.log" | awk '{print $5}' >>"$OUT/platform-boot.txt"
  kill -TERM $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
BOOT=$(median <"$OUT/platform-boot.txt")
fi

# 3. latency of GET /api/v1/datasets/{name}: catalog-service checking tokens vs. the same
#    service with token checks off vs. nginx serving the same JSON. Tokens come from
#    auth-service running alone (not the all-in-one, whose other services would add their
#    background work to the machine under measurement).
data="$(mktemp -d)"
AUTH_JAR="$ROOT/auth-service/target/auth-service-0.1.0-SNAPSHOT-exec.jar"
CORELAKE_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -jar "$AUTH_JAR" --server.port=$AUTH_PORT \
  --management.server.port=$AUTH_MGMT --corelake.data-dir="$data" --logging.level.root=WARN \
  >"$OUT/load-auth.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$AUTH_MGMT/actuator/health/readiness" 120
token() { curl -fsS "$@" "http://127.0.0.1:$AUTH_PORT/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
TOKEN=$(token -d grant_type=password -d username=admin --data-urlencode "password=$ADMIN_PASSWORD")

start_alone() { # port mgmt log extra-args…  (catalog-service alone, its own JVM and database)
  local port=$1 mgmt=$2 log=$3 dir; shift 3
  dir="$(mktemp -d)"; DIRS+=("$dir")
  java -jar "$SERVICE_JAR" --server.port="$port" --management.server.port="$mgmt" \
    --corelake.data-dir="$dir" --logging.level.root=WARN --corelake.config.client.enabled=false "$@" \
    >"$OUT/$log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$mgmt/actuator/health/readiness" 120
}
DIRS=()
jwks_fetches() { # how often auth-service has served its JWKS so far
  curl -fsS "http://127.0.0.1:$AUTH_MGMT/actuator/prometheus" \
    | awk '/^http_server_requests_seconds_count/ && /jwks/ {n += $NF} END {print n + 0}'
}
start_alone $OPEN_PORT $OPEN_MGMT load-open-service.log --corelake.platform.security.enabled=false
curl -fsS -H 'Content-Type: application/json' -d '{"name":"bench_orders","owner":"bench","tags":["bench"]}' \
  "http://127.0.0.1:$OPEN_PORT/api/v1/datasets" >/dev/null
curl -fsS "http://127.0.0.1:$OPEN_PORT/api/v1/datasets/bench_orders" >"$OUT/dataset.json"
start_alone $SECURED_PORT $SECURED_MGMT load-secured-service.log \
  --corelake.platform.security.auth-url="http://127.0.0.1:$AUTH_PORT"
JWKS_BEFORE=$(jwks_fetches)
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench_orders","owner":"bench","tags":["bench"]}' "http://127.0.0.1:$SECURED_PORT/api/v1/datasets" >/dev/null

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

to_ms() { sed 's/us$/ 0.001/; s/ms$/ 1/; s/\([0-9.]\)s$/\1 1000/' | awk '{print $1*$2}'; }
warm() { wrk -t2 -c"$CONNECTIONS" -d10s "$@" >/dev/null; }   # JIT warm-up, not measured
once() { # label run url [wrk args…]
  local label=$1 run=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$OUT/wrk-$label-$run.txt"
}
summarise() { # label -> "p50 p99 rps" (medians over the runs)
  local label=$1 p50 p99 rps
  p50=$(for f in "$OUT"/wrk-"$label"-*.txt; do awk '$1=="50%" {print $2}' "$f"; done | to_ms | median)
  p99=$(for f in "$OUT"/wrk-"$label"-*.txt; do awk '$1=="99%" {print $2}' "$f"; done | to_ms | median)
  rps=$(for f in "$OUT"/wrk-"$label"-*.txt; do awk '/Requests\/sec/ {print $2}' "$f"; done | median)
  echo "$p50 $p99 $rps"
}
measure() { # label url [wrk args…]: warm up, then RUNS runs
  local label=$1; shift
  warm "$@"
  for run in $(seq 1 "$RUNS"); do once "$label" "$run" "$@"; done
  summarise "$label"
}
SECURED_URL="http://127.0.0.1:$SECURED_PORT/api/v1/datasets/bench_orders"
OPEN_URL="http://127.0.0.1:$OPEN_PORT/api/v1/datasets/bench_orders"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/api/v1/datasets/bench_orders"
# the three targets take turns, run by run, so that a change in the machine's load hits all alike
warm -H "Authorization: Bearer $TOKEN" "$SECURED_URL"
warm "$OPEN_URL"
warm "$NGINX_URL"
for run in $(seq 1 "$RUNS"); do
  once secured "$run" -H "Authorization: Bearer $TOKEN" "$SECURED_URL"
  once open "$run" "$OPEN_URL"
  once nginx "$run" "$NGINX_URL"
done
JWKS_AFTER=$(jwks_fetches)
read -r S50 S99 SRPS < <(summarise secured)
read -r O50 O99 ORPS < <(summarise open)
read -r N50 N99 NRPS < <(summarise nginx)

# 4. tokens issued per second: client_credentials (client secrets are 256-bit random, stored as SHA-256)
CLIENT_JSON=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench-client","scopes":["catalog.read"]}' "http://127.0.0.1:$AUTH_PORT/api/v1/auth/clients")
SECRET=$(echo "$CLIENT_JSON" | sed 's/.*"clientSecret":"\([^"]*\)".*/\1/')
cat >"$OUT/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&client_id=bench-client&client_secret=$SECRET"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
read -r T50 T99 TRPS < <(measure tokens "http://127.0.0.1:$AUTH_PORT/api/v1/auth/token" -s "$OUT/token.lua")
grep -q '"access_token"' < <(curl -fsS -d grant_type=client_credentials -d client_id=bench-client \
  --data-urlencode "client_secret=$SECRET" "http://127.0.0.1:$AUTH_PORT/api/v1/auth/token") \
  || echo "WARNING: the token endpoint did not issue a token with the benchmark client" >&2
rm -rf "$data" "${DIRS[@]}"

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
  echo "GET /api/v1/datasets/{name}, wrk -t2 -c$CONNECTIONS -d$DURATION after a 10 s warm-up, loopback:"
  echo
  echo "| Target | p50 (ms) | p99 (ms) | requests/s |"
  echo "|---|---|---|---|"
  echo "| catalog-service alone, RS256 token checked (platform default) | $S50 | $S99 | $SRPS |"
  echo "| catalog-service alone, token checks off (baseline) | $O50 | $O99 | $ORPS |"
  echo "| nginx, same JSON from a file | $N50 | $N99 | $NRPS |"
  echo
  awk -v s="$SRPS" -v o="$ORPS" -v n="$NRPS" 'BEGIN {printf "Throughput: protected/unprotected %.2fx; unprotected/nginx %.2fx\n", s/o, o/n}'
  echo
  echo "JWKS fetches by the token-checking catalog-service from its first request to the end of the load: $((JWKS_AFTER - JWKS_BEFORE))"
  echo
  echo "Tokens issued (client_credentials; secrets checked against their SHA-256): median $TRPS/s, p50 $T50 ms, p99 $T99 ms"
} | tee "$OUT/summary.md"
