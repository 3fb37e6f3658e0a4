#!/usr/bin/env bash
# Gateway benchmark, all in one run on loopback, same backend (catalog-service
# GET /api/v1/datasets/{name}) reached three ways:
#   direct            the catalog-service itself
#   gateway           through gateway-service (its own JVM, default settings; the rate limit is
#                     checked on every request but set too high to refuse any)
#   nginx             through nginx as a reverse proxy (Debian package, keep-alive upstream)
# each twice: without JWT (catalog token checks off, gateway edge checks off) and with JWT
# (RS256 checked by catalog-service, and by the gateway at the edge; nginx passes it on).
#
#  1. saturation: wrk -t2 -cCONNECTIONS -dDURATION --latency, the six targets taking turns, RUNS runs;
#  2. at half of nginx's saturation rate (per JWT mode): bench/RateLoad.java, a bounded Java
#     generator with a fixed arrival rate that measures from each request's due time (wrk2 is
#     not packaged), RUNS runs per target; "added" latency = target - direct, same rate.
#  3. PROFILE=1: a JFR recording of the gateway under saturation with JWT, top frames printed.
#
#   bench/gateway.sh                 (builds the jars with `mvn package` when missing)
#   RUNS=3 DURATION=15s CONNECTIONS=16 RATE_SECONDS=20 bench/gateway.sh
#   JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java bench/gateway.sh   (another JDK for every JVM)
#
# Results go to bench/results/gateway-<time>/ (raw outputs, summary.md). Loopback only; every
# process started here is stopped on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
RATE_SECONDS="${RATE_SECONDS:-20}"
WARMUP_MIN="${WARMUP_MIN:-30}"
WARMUP_MAX="${WARMUP_MAX:-90}"
PROFILE="${PROFILE:-1}"
# The JDK the images ship (docker/Dockerfile: Temurin 25, where request handling runs on virtual
# threads) when it is installed, else JAVA_HOME's or the default one. JAVA=... overrides.
if [ -z "${JAVA:-}" ]; then
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  [ -n "${JAVA_HOME:-}" ] || JAVA="$(readlink -f "$(command -v java)")"
  for jdk in /usr/lib/jvm/temurin-25*; do [ -x "$jdk/bin/java" ] && JAVA="$jdk/bin/java" && break; done
fi
V=0.1.0-SNAPSHOT
CATALOG_JAR="$ROOT/catalog-service/target/catalog-service-$V-exec.jar"
GATEWAY_JAR="$ROOT/gateway-service/target/gateway-service-$V-exec.jar"
AUTH_JAR="$ROOT/auth-service/target/auth-service-$V-exec.jar"
ADMIN_PASSWORD="bench-admin-Passphrase-42"
AUTH=28081; CAT_OPEN=28083; CAT_JWT=28084; GW_OPEN=28080; GW_JWT=28090; NG_OPEN=28180; NG_JWT=28190
OUT="$ROOT/bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing wrk and nginx (Debian packages)"
    apt-get update -qq && apt-get install -y -qq wrk nginx-light curl >/dev/null
    break
  fi
done
if [ ! -f "$CATALOG_JAR" ] || [ ! -f "$GATEWAY_JAR" ] || [ ! -f "$AUTH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests -Djacoco.skip=true -pl auth-service,catalog-service,gateway-service -am package)
fi

PIDS=(); DIRS=()
declare -A PID
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "${DIRS[@]:-}"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS --max-time 1 "$1" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.3
  done
}
start_jvm() { # name jar port args…   (own JVM, own data dir, WARN logs)
  local name=$1 jar=$2 port=$3 dir; shift 3
  dir="$(mktemp -d)"; DIRS+=("$dir")
  "$JAVA" -XX:+UseG1GC -jar "$jar" --server.port="$port" --management.server.port=$((port + 1000)) \
    --corelake.data-dir="$dir" --logging.level.root=WARN --corelake.config.client.enabled=false "$@" \
    >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  PID[$name]=$!
}

# auth-service issues the tokens (long-lived enough for the whole run)
start_jvm auth "$AUTH_JAR" $AUTH --corelake.auth.admin-password="$ADMIN_PASSWORD" --corelake.auth.access-token-ttl=2h
wait_for "http://127.0.0.1:$((AUTH + 1000))/actuator/health/readiness" 180
# catalog-service twice: token checks off, and on (the platform default)
start_jvm catalog-open "$CATALOG_JAR" $CAT_OPEN --corelake.platform.security.enabled=false
start_jvm catalog-jwt "$CATALOG_JAR" $CAT_JWT --corelake.platform.security.auth-url="http://127.0.0.1:$AUTH"
wait_for "http://127.0.0.1:$((CAT_OPEN + 1000))/actuator/health/readiness" 180
wait_for "http://127.0.0.1:$((CAT_JWT + 1000))/actuator/health/readiness" 180
# the gateway twice, each routing /api/v1/datasets/** to its catalog-service; the rate limiter runs
# but its allowance is out of reach
gateway_args() { # catalog-port
  echo --corelake.gateway.services.catalog-service.url="http://127.0.0.1:$1" \
    --corelake.gateway.rate-limits.groups.default.capacity=1000000000 \
    --corelake.platform.security.auth-url="http://127.0.0.1:$AUTH"
}
# shellcheck disable=SC2046
start_jvm gateway-open "$GATEWAY_JAR" $GW_OPEN $(gateway_args $CAT_OPEN) --corelake.platform.security.enabled=false
# shellcheck disable=SC2046
start_jvm gateway-jwt "$GATEWAY_JAR" $GW_JWT $(gateway_args $CAT_JWT)
wait_for "http://127.0.0.1:$((GW_OPEN + 1000))/actuator/health/readiness" 180
wait_for "http://127.0.0.1:$((GW_JWT + 1000))/actuator/health/readiness" 180

TOKEN=$(curl -fsS -d grant_type=password -d username=admin --data-urlencode "password=$ADMIN_PASSWORD" \
  "http://127.0.0.1:$AUTH/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
AUTHZ="Authorization: Bearer $TOKEN"
BODY='{"name":"bench_orders","owner":"admin","tags":["bench"],"description":"gateway benchmark"}'
curl -fsS -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$CAT_OPEN/api/v1/datasets" >/dev/null
curl -fsS -H "$AUTHZ" -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$CAT_JWT/api/v1/datasets" >/dev/null

mkdir -p "$OUT/nginx"
cat >"$OUT/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  upstream catalog_open { server 127.0.0.1:$CAT_OPEN; keepalive 64; }
  upstream catalog_jwt { server 127.0.0.1:$CAT_JWT; keepalive 64; }
  server { listen 127.0.0.1:$NG_OPEN;
    location / { proxy_pass http://catalog_open; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$http_host; } }
  server { listen 127.0.0.1:$NG_JWT;
    location / { proxy_pass http://catalog_jwt; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$http_host; } }
}
NGINX
nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" &
PIDS+=($!)
P=/api/v1/datasets/bench_orders
declare -A URL HDR
URL[direct-open]="http://127.0.0.1:$CAT_OPEN$P";  HDR[direct-open]="X-Bench: 1"
URL[gateway-open]="http://127.0.0.1:$GW_OPEN$P";  HDR[gateway-open]="X-Bench: 1"
URL[nginx-open]="http://127.0.0.1:$NG_OPEN$P";    HDR[nginx-open]="X-Bench: 1"
URL[direct-jwt]="http://127.0.0.1:$CAT_JWT$P";    HDR[direct-jwt]="$AUTHZ"
URL[gateway-jwt]="http://127.0.0.1:$GW_JWT$P";    HDR[gateway-jwt]="$AUTHZ"
URL[nginx-jwt]="http://127.0.0.1:$NG_JWT$P";      HDR[nginx-jwt]="$AUTHZ"
TARGETS=(direct-open gateway-open nginx-open direct-jwt gateway-jwt nginx-jwt)
for t in "${TARGETS[@]}"; do
  wait_for "${URL[$t]}" 30 2>/dev/null || curl -fsS -H "${HDR[$t]}" "${URL[$t]}" >/dev/null
  curl -fsS -H "${HDR[$t]}" "${URL[$t]}" >"$OUT/body-$t.json"
done
cmp -s "$OUT/body-direct-open.json" "$OUT/body-gateway-open.json" || echo "WARNING: gateway answer differs" >&2

to_ms() { sed 's/us$/ 0.001/; s/ms$/ 1/; s/\([0-9.]\)s$/\1 1000/' | awk '{print $1*$2}'; }
# Each target is warmed until the JIT has settled: 5 s rounds of saturation, at least WARMUP_MIN
# seconds and until two rounds in a row are within 5 % of each other (at most WARMUP_MAX seconds). The gateway runs far more code
# than catalog-service alone and its compiler was still busy after 20 s on two cores.
echo "warming up (JIT) until throughput settles, not measured"
warm() { # target
  local prev=0 now elapsed=0
  while [ "$elapsed" -lt "$WARMUP_MAX" ]; do
    now=$(wrk -t2 -c"$CONNECTIONS" -d5s -H "${HDR[$1]}" "${URL[$1]}" | awk '/Requests\/sec/ {printf "%d", $2}')
    elapsed=$((elapsed + 5))
    if [ "$elapsed" -ge "$WARMUP_MIN" ] && [ "$prev" -gt 0 ] && awk -v a="$prev" -v b="$now" 'BEGIN {d = (b - a) / a; exit !(d < 0.05 && d > -0.05)}'; then
      break
    fi
    prev=$now
  done
  echo "  $1 warm after ${elapsed}s (last round ${now} requests/s)"
}
for t in "${TARGETS[@]}"; do warm "$t"; done
echo "1. saturation: wrk -t2 -c$CONNECTIONS -d$DURATION, $RUNS runs, targets taking turns"
ticks() { local n=0 p; for p in "$@"; do n=$((n + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$n"; }
NGINX_WORKER=$(pgrep -P "${PIDS[-1]}" | head -1)
declare -A PROXY_PID BACKEND_PID
PROXY_PID[gateway-open]=${PID[gateway-open]}; PROXY_PID[gateway-jwt]=${PID[gateway-jwt]}
PROXY_PID[nginx-open]=$NGINX_WORKER; PROXY_PID[nginx-jwt]=$NGINX_WORKER
for t in "${TARGETS[@]}"; do BACKEND_PID[$t]=${PID[catalog-${t#*-}]}; done
for run in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do
    b0=$(ticks "${BACKEND_PID[$t]}"); p0=$(ticks "${PROXY_PID[$t]:-$$}")
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "${HDR[$t]}" "${URL[$t]}" >"$OUT/wrk-$t-$run.txt"
    b1=$(ticks "${BACKEND_PID[$t]}"); p1=$(ticks "${PROXY_PID[$t]:-$$}")
    n=$(awk '/requests in/ {print $1}' "$OUT/wrk-$t-$run.txt")
    # CPU milliseconds per request: the proxy (gateway JVM or nginx worker), the catalog-service
    awk -v p=$((p1 - p0)) -v b=$((b1 - b0)) -v n="$n" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.3f %.3f\n", p * 1000 / hz / n, b * 1000 / hz / n}' >"$OUT/cpu-$t-$run.txt"
  done
done
declare -A RPS P50 P99 PCPU BCPU
for t in "${TARGETS[@]}"; do
  RPS[$t]=$(for f in "$OUT"/wrk-"$t"-*.txt; do awk '/Requests\/sec/ {print $2}' "$f"; done | median)
  P50[$t]=$(for f in "$OUT"/wrk-"$t"-*.txt; do awk '$1=="50%" {print $2}' "$f"; done | to_ms | median)
  P99[$t]=$(for f in "$OUT"/wrk-"$t"-*.txt; do awk '$1=="99%" {print $2}' "$f"; done | to_ms | median)
  PCPU[$t]=$(cat "$OUT"/cpu-"$t"-*.txt | awk '{print $1}' | median)
  BCPU[$t]=$(cat "$OUT"/cpu-"$t"-*.txt | awk '{print $2}' | median)
  non2xx=$(cat "$OUT"/wrk-"$t"-*.txt | awk '/Non-2xx/ {n += $NF} END {print n + 0}')
  [ "$non2xx" = 0 ] || echo "WARNING: $t answered $non2xx non-2xx responses" >&2
done

# 2. half of nginx's saturation rate, per JWT mode
declare -A RATE
RATE[open]=$(awk -v r="${RPS[nginx-open]}" 'BEGIN {printf "%d", r / 2}')
RATE[jwt]=$(awk -v r="${RPS[nginx-jwt]}" 'BEGIN {printf "%d", r / 2}')
echo "2. fixed rate: ${RATE[open]}/s (open), ${RATE[jwt]}/s (JWT), ${RATE_SECONDS}s, $RUNS runs"
declare -A R50 R99 RACH RERR
for run in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do
    mode=${t#*-}
    "$JAVA" "$ROOT/bench/RateLoad.java" "${URL[$t]}" "${RATE[$mode]}" "$RATE_SECONDS" 64 "${HDR[$t]}" \
      >"$OUT/rate-$t-$run.txt"
  done
done
for t in "${TARGETS[@]}"; do
  RACH[$t]=$(cat "$OUT"/rate-"$t"-*.txt | awk '{print $1}' | median)
  R50[$t]=$(cat "$OUT"/rate-"$t"-*.txt | awk '{print $2}' | median)
  R99[$t]=$(cat "$OUT"/rate-"$t"-*.txt | awk '{print $4}' | median)
  RERR[$t]=$(cat "$OUT"/rate-"$t"-*.txt | awk '{n += $7} END {print n + 0}')
done

# 3. where the gateway's time goes (JWT, saturation)
if [ "$PROFILE" = 1 ] && [ -x "$(dirname "$JAVA")/jcmd" ]; then
  JDK_BIN="$(dirname "$JAVA")"
  "$JDK_BIN/jcmd" "${PID[gateway-jwt]}" JFR.start name=bench settings=profile filename="$OUT/gateway-jwt.jfr" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "$AUTHZ" "${URL[gateway-jwt]}" >/dev/null
  "$JDK_BIN/jcmd" "${PID[gateway-jwt]}" JFR.stop name=bench >/dev/null
  # top frames of the gateway's own CPU samples, by package (one level of detail)
  "$JDK_BIN/jfr" print --events jdk.ExecutionSample "$OUT/gateway-jwt.jfr" \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); print}' \
    | sort | uniq -c | sort -rn | head -25 >"$OUT/profile-top-frames.txt" || true
  "$JDK_BIN/jfr" print --events jdk.ExecutionSample "$OUT/gateway-jwt.jfr" \
    | awk '/stackTrace = \[/ {inside=1; hit=""; next} inside && /^[ \t]*\]/ {print (hit=="" ? "other" : hit); inside=0; next}
           inside && hit=="" {
             if ($0 ~ /nimbus|oauth2\.jwt|JwtDecoder|RSA|Signature/) hit="JWT validation (decode, RS256 verify, claims)";
             else if ($0 ~ /hc\.client5|hc\.core5/) hit="upstream HTTP client (Apache HttpClient 5)";
             else if ($0 ~ /coyote|tomcat|catalina/) hit="Tomcat (gateway side)";
             else if ($0 ~ /springframework\.security/) hit="Spring Security filters";
             else if ($0 ~ /cloud\.gateway/) hit="Spring Cloud Gateway proxy";
             else if ($0 ~ /bucket4j|resilience4j/) hit="resilience4j / bucket4j";
             else if ($0 ~ /springframework\.web|springframework\.http/) hit="Spring MVC / HTTP";
           }' | sort | uniq -c | sort -rn >"$OUT/profile-by-area.txt" || true
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }
{
  echo "Run $(basename "$OUT") on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load average at start: $LOAD_AT_START, at end: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); medians of $RUNS runs"
  echo
  echo "Saturation (wrk -t2 -c$CONNECTIONS -d$DURATION after each target's warm-up, targets taking turns):"
  echo
  echo "| Target | JWT | requests/s | p50 (ms) | p99 (ms) | proxy CPU ms/request | catalog CPU ms/request |"
  echo "|---|---|---|---|---|---|---|"
  for t in "${TARGETS[@]}"; do
    proxy=${PCPU[$t]}; [ "${t%-*}" = direct ] && proxy="-"
    echo "| ${t%-*} | ${t#*-} | ${RPS[$t]} | ${P50[$t]} | ${P99[$t]} | $proxy | ${BCPU[$t]} |"
  done
  echo
  echo "- gateway / nginx throughput: open $(ratio "${RPS[gateway-open]}" "${RPS[nginx-open]}")x, JWT $(ratio "${RPS[gateway-jwt]}" "${RPS[nginx-jwt]}")x (target >= 0.6)"
  echo "- gateway / direct throughput: open $(ratio "${RPS[gateway-open]}" "${RPS[direct-open]}")x, JWT $(ratio "${RPS[gateway-jwt]}" "${RPS[direct-jwt]}")x"
  echo "- JWT cost through the gateway (gateway JWT / gateway open): $(ratio "${RPS[gateway-jwt]}" "${RPS[gateway-open]}")x; direct: $(ratio "${RPS[direct-jwt]}" "${RPS[direct-open]}")x; nginx: $(ratio "${RPS[nginx-jwt]}" "${RPS[nginx-open]}")x"
  echo
  echo "Fixed rate, half of nginx's saturation (bench/RateLoad.java, 64 connections, ${RATE_SECONDS}s, first 2 s not counted):"
  echo
  echo "| Target | JWT | rate (/s) | achieved | p50 (ms) | p99 (ms) | added p50 | added p99 | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for t in "${TARGETS[@]}"; do
    mode=${t#*-}
    echo "| ${t%-*} | $mode | ${RATE[$mode]} | ${RACH[$t]} | ${R50[$t]} | ${R99[$t]} | $(minus "${R50[$t]}" "${R50[direct-$mode]}") | $(minus "${R99[$t]}" "${R99[direct-$mode]}") | ${RERR[$t]} |"
  done
  if [ -s "$OUT/profile-by-area.txt" ]; then
    echo
    echo "Gateway CPU samples under saturation with JWT (JFR, first matching frame from the top):"
    echo
    echo '```'
    cat "$OUT/profile-by-area.txt"
    echo '```'
  fi
} | tee "$OUT/summary.md"
