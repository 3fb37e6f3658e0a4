#!/usr/bin/env bash
# Peak RSS of compute-service in its image, under its manifest's memory and CPU limits
# (k8s/base/compute-service.yaml), during a 10-million-row aggregation (issue 7's benchmark list).
#
#   mvn -B -o -q package -DskipTests -Djacoco.skip=true -pl compute-service,catalog-service -am
#   bench/compute-container.sh
#
# What it does, all on loopback, everything it starts stopped when it ends:
#   1. the container engine and base image exactly as docker/smoke.sh (podman from Debian packages
#      and a debootstrap base when no registry is reachable; it reuses smoke.sh's cached base);
#   2. catalog-service as a plain host JVM from its jar (security off, as in bench/gateway.sh's
#      open pair), a lake directory on the host;
#   3. compute-service in its image with the manifest's --memory/--cpus and JAVA_MEMORY_OPTS/JAVA_OPTS,
#      host networking, the lake mounted at the same path (file: URIs agree), /tmp a host directory
#      (an emptyDir in Kubernetes: disk, not memory), security off;
#   4. a compute SQL job writes the 10M-row dataset from range() (SqlGuard allows it), then the
#      aggregation (1,000 groups) runs over it through the REST API;
#   5. while each job runs, VmRSS of the container's PID 1 (the JVM) and the container cgroup's
#      memory usage are sampled every SAMPLE_MS; VmHWM is reset before each job (clear_refs 5).
# Prints a Markdown report (also $WORK/report.md): RSS before (the same-run baseline), peak RSS,
# peak cgroup usage, heap max, job durations, OOMKilled, load average.
#
# Environment: CORELAKE_BENCH_DIR (default /var/tmp/corelake-compute-bench), ROWS (10000000),
# NGROUPS (1000), SAMPLE_MS (200), JOB_SECONDS (bound per job, 900), READY_SECONDS (240),
# CORELAKE_SMOKE_DIR (where smoke.sh caches the base image, /var/tmp/corelake-smoke).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${CORELAKE_BENCH_DIR:-/var/tmp/corelake-compute-bench}"
SMOKE="${CORELAKE_SMOKE_DIR:-/var/tmp/corelake-smoke}"
ROWS="${ROWS:-10000000}"
NGROUPS="${NGROUPS:-1000}"
SAMPLE_MS="${SAMPLE_MS:-200}"
JOB_SECONDS="${JOB_SECONDS:-900}"
READY_SECONDS="${READY_SECONDS:-240}"
LOCAL_BASE="localhost/corelake-base:17"
NAME="corelake-compute-bench-$$"
CATALOG_PORT=18283 CATALOG_MGMT=19283 COMPUTE_PORT=18285 COMPUTE_MGMT=19285

log() { echo "bench: $*" >&2; }
die() { echo "bench: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: the engine runs rootful and the script reads /proc of the container's JVM"
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool missing"; done
python3 -c 'import yaml' 2>/dev/null || die "python3-yaml missing (docker/smoke.sh installs it)"

# ---------------------------------------------------------------- engine and base image
if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
	ENGINE=docker
else
	ENGINE=podman
	command -v podman >/dev/null 2>&1 || die "no docker and no podman: run docker/smoke.sh compute-service once (it installs podman)"
	mkdir -p "$WORK"
	# as docker/smoke.sh: runc, cgroupfs, ulimits a JVM can live with; a file of our own
	cat > "$WORK/containers.conf" <<-'EOF'
		[containers]
		default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
		[engine]
		runtime = "runc"
		cgroup_manager = "cgroupfs"
		events_logger = "file"
	EOF
	export CONTAINERS_CONF="$WORK/containers.conf"
fi
engine() { "$ENGINE" "$@"; }
image_exists() { engine image inspect "$1" >/dev/null 2>&1; }

PINNED="$(sed -n 's/^ARG BASE_IMAGE=//p' "$ROOT/docker/Dockerfile" | head -n 1)"
if [ -n "${CORELAKE_BASE_IMAGE:-}" ]; then
	BASE="$CORELAKE_BASE_IMAGE"
elif image_exists "$PINNED"; then
	BASE="$PINNED"
else
	if ! image_exists "$LOCAL_BASE" && [ -s "$SMOKE/corelake-base-17.tar" ]; then
		engine load -q -i "$SMOKE/corelake-base-17.tar" >/dev/null
	fi
	image_exists "$LOCAL_BASE" || die "no base image: run docker/smoke.sh compute-service once (it builds $LOCAL_BASE)"
	BASE="$LOCAL_BASE"
fi

jar_of() {
	local jar
	for jar in "$ROOT/$1/target/$1"-*-exec.jar; do [ -f "$jar" ] && { echo "$jar"; return 0; }; done
	die "$1: no $1/target/$1-*-exec.jar; build it first (see the top of this script)"
}
COMPUTE_JAR="$(jar_of compute-service)"
CATALOG_JAR="$(jar_of catalog-service)"

# ---------------------------------------------------------------- the manifest's limits and JVM options
mkdir -p "$WORK"
read -r MEMORY CPUS < <(python3 - "$ROOT/k8s/base/compute-service.yaml" "$WORK/compute.env" <<-'EOF'
	import sys, yaml
	units = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3, "K": 1000, "M": 1000**2, "G": 1000**3}
	def quantity(value):
	    value = str(value)
	    for suffix, factor in units.items():
	        if value.endswith(suffix):
	            return int(float(value[: -len(suffix)]) * factor)
	    return int(float(value))
	def cpus(value):
	    value = str(value)
	    return float(value[:-1]) / 1000 if value.endswith("m") else float(value)
	with open(sys.argv[1]) as f:
	    for doc in yaml.safe_load_all(f):
	        if doc and doc.get("kind") == "Deployment":
	            container = next(c for c in doc["spec"]["template"]["spec"]["containers"] if c["name"] == "compute-service")
	            with open(sys.argv[2], "w") as out:
	                for e in container.get("env", []):
	                    if e["name"].startswith("JAVA_") and "value" in e:
	                        out.write(f"{e['name']}={e['value']}\n")
	            limits = container["resources"]["limits"]
	            print(quantity(limits["memory"]), cpus(limits["cpu"]))
	EOF
)
[ -n "${MEMORY:-}" ] || die "no compute-service Deployment limits in k8s/base/compute-service.yaml"

# ---------------------------------------------------------------- cleanup
CATALOG_PID=""
SAMPLER_PID=""
cleanup() {
	[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
	engine rm -f -t 5 "$NAME" >/dev/null 2>&1 || true
	if [ -n "$CATALOG_PID" ]; then kill "$CATALOG_PID" 2>/dev/null || true; wait "$CATALOG_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

RUN="$WORK/run-$$"
rm -rf "$WORK"/run-*
mkdir -p "$RUN/lake" "$RUN/catalog" "$RUN/tmp"
# the container runs as 10001 (the image's user) and writes the lake; the host catalog reads it
chmod 0777 "$RUN/lake" "$RUN/tmp"
chown 10001:10001 "$RUN/lake" "$RUN/tmp"
LAKE_URI="file:$RUN/lake"

# ---------------------------------------------------------------- catalog-service (host JVM)
log "catalog-service: host JVM on :$CATALOG_PORT"
(
	umask 000
	export CORELAKE_CATALOG_PORT=$CATALOG_PORT CORELAKE_CATALOG_MANAGEMENT_PORT=$CATALOG_MGMT \
		CORELAKE_DATADIR="$RUN/catalog" CORELAKE_LAKE_URI="$LAKE_URI" \
		CORELAKE_PLATFORM_SECURITY_ENABLED=false CORELAKE_CONFIG_CLIENT_URI=http://127.0.0.1:1
	exec java -Xmx512m -jar "$CATALOG_JAR" --corelake.data-dir="$RUN/catalog" > "$RUN/catalog.log" 2>&1
) &
CATALOG_PID=$!

wait_ready() { # name url pid-check-command
	local name="$1" url="$2" started=$SECONDS
	until curl -fsS --max-time 2 "$url" >/dev/null 2>&1; do
		"${@:3}" || die "$name: not running any more"
		[ $((SECONDS - started)) -lt "$READY_SECONDS" ] || die "$name: not ready within $READY_SECONDS s"
		sleep 1
	done
	echo $((SECONDS - started))
}
catalog_alive() { kill -0 "$CATALOG_PID" 2>/dev/null || { tail -n 30 "$RUN/catalog.log" >&2; return 1; }; }

# ---------------------------------------------------------------- compute-service (container)
log "compute-service: image from $BASE"
engine build -q -f "$ROOT/docker/Dockerfile" --build-arg MODULE=compute-service --build-arg JAR_SOURCE=prebuilt \
	--build-arg BASE_IMAGE="$BASE" -t corelake/compute-service:bench "$ROOT" >/dev/null || die "image build failed"

wait_ready catalog-service "http://127.0.0.1:$CATALOG_MGMT/actuator/health/readiness" catalog_alive >/dev/null

log "compute-service: run with --memory $((MEMORY / 1048576))m --cpus $CPUS"
engine run -d --name "$NAME" --network host --memory "$MEMORY" --memory-swap "$MEMORY" --cpus "$CPUS" \
	--read-only -v "$RUN/tmp:/tmp" -v "$RUN/lake:$RUN/lake" --restart no --env-file "$WORK/compute.env" \
	-e CORELAKE_COMPUTE_PORT=$COMPUTE_PORT -e CORELAKE_COMPUTE_MANAGEMENT_PORT=$COMPUTE_MGMT \
	-e CORELAKE_DATADIR=/tmp/corelake -e CORELAKE_LAKE_URI="$LAKE_URI" \
	-e CORELAKE_CATALOG_URL="http://127.0.0.1:$CATALOG_PORT" \
	-e CORELAKE_PLATFORM_SECURITY_ENABLED=false -e CORELAKE_CONFIG_CLIENT_URI=http://127.0.0.1:1 \
	corelake/compute-service:bench >/dev/null || die "the container did not start"

state() { engine inspect -f '{{.State.Status}} {{.State.OOMKilled}} {{.State.ExitCode}}' "$NAME" 2>/dev/null; }
compute_alive() {
	case "$(state)" in
		"running false "*) return 0 ;;
		*) engine logs --tail 40 "$NAME" >&2 || true; log "container state: $(state)"; return 1 ;;
	esac
}
READY_AFTER="$(wait_ready compute-service "http://127.0.0.1:$COMPUTE_MGMT/actuator/health/readiness" compute_alive)"
PID="$(engine inspect -f '{{.State.Pid}}' "$NAME")"
CGROUP_DIR="/sys/fs/cgroup$(awk -F: '$2 == "" || $2 ~ /memory/ { print $3; exit }' "/proc/$PID/cgroup")"
if [ -r "$CGROUP_DIR/memory.current" ]; then CG_FILE="$CGROUP_DIR/memory.current"
elif [ -r "/sys/fs/cgroup/memory${CGROUP_DIR#/sys/fs/cgroup}/memory.usage_in_bytes" ]; then
	CG_FILE="/sys/fs/cgroup/memory${CGROUP_DIR#/sys/fs/cgroup}/memory.usage_in_bytes"
else CG_FILE=""; fi

mib() { awk -v key="$1:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
metric_mb() {
	curl -fsS --max-time 5 "http://127.0.0.1:$COMPUTE_MGMT/actuator/metrics/$1" 2>/dev/null \
		| python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"] / 1048576))' \
		2>/dev/null || echo "?"
}
HEAP_MAX="$(metric_mb 'jvm.memory.max?tag=area:heap')"

# samples "rss-KiB cgroup-bytes" lines into a file until killed
sample() {
	local out="$1"
	: > "$out"
	while true; do
		local rss cg=0
		rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status" 2>/dev/null || echo 0)"
		[ -n "$CG_FILE" ] && cg="$(cat "$CG_FILE" 2>/dev/null || echo 0)"
		echo "$rss $cg" >> "$out"
		sleep "$(awk -v ms="$SAMPLE_MS" 'BEGIN { print ms / 1000 }')"
	done
}

json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# run_job label sql output: submits, samples until finished; sets JOB_* variables
run_job() {
	local label="$1" sql="$2" output="$3" body id started state="" samples="$RUN/samples-$1"
	echo 5 > "/proc/$PID/clear_refs" # VmHWM := VmRSS
	JOB_RSS_BEFORE="$(mib VmRSS)"
	sample "$samples" &
	SAMPLER_PID=$!
	body="$(python3 -c 'import json,sys; print(json.dumps({"sql": sys.argv[1], "output": sys.argv[2]}))' "$sql" "$output")"
	started=$SECONDS
	local answer
	answer="$(curl -sS --max-time 30 -H 'Content-Type: application/json' -d "$body" \
		"http://127.0.0.1:$COMPUTE_PORT/api/v1/compute/jobs")"
	id="$(json 'd["id"]' <<< "$answer" 2>/dev/null)" || die "$label: submission refused: $answer"
	while true; do
		compute_alive || break
		state="$(curl -fsS --max-time 10 "http://127.0.0.1:$COMPUTE_PORT/api/v1/compute/jobs/$id" | json 'd["state"]')" || state=unknown
		case "$state" in succeeded | failed | cancelled | timed-out) break ;; esac
		[ $((SECONDS - started)) -lt "$JOB_SECONDS" ] || { state="still $state after $JOB_SECONDS s"; break; }
		sleep 0.5
	done
	kill "$SAMPLER_PID" 2>/dev/null || true
	wait "$SAMPLER_PID" 2>/dev/null || true
	SAMPLER_PID=""
	JOB_STATE="${state:-unknown}"
	JOB_WALL=$((SECONDS - started))
	JOB_SPAN="?"
	JOB_PEAK_RSS="?"
	if compute_alive; then
		JOB_PEAK_RSS="$(mib VmHWM)"
		local view
		view="$(curl -fsS --max-time 10 "http://127.0.0.1:$COMPUTE_PORT/api/v1/compute/jobs/$id")"
		JOB_SPAN="$(json '__import__("datetime").datetime.fromisoformat(d["finishedAt"].replace("Z","+00:00")).timestamp() * 1000 - __import__("datetime").datetime.fromisoformat(d["startedAt"].replace("Z","+00:00")).timestamp() * 1000' <<< "$view" 2>/dev/null | awk '{ printf "%.0f", $1 }')" || JOB_SPAN="?"
		[ "$JOB_STATE" = succeeded ] || log "$label: job $id ended $JOB_STATE: $(json 'd.get("error")' <<< "$view")"
	fi
	JOB_SAMPLED_RSS="$(awk '{ if ($1 > m) m = $1 } END { printf "%.0f", m / 1024 }' "$samples")"
	JOB_CGROUP_PEAK="$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1048576 }' "$samples")"
	JOB_SAMPLES="$(wc -l < "$samples")"
	JOB_LOAD="$(cut -d ' ' -f 1-3 /proc/loadavg)"
	log "$label: $JOB_STATE in ${JOB_WALL} s (job ${JOB_SPAN} ms), RSS before ${JOB_RSS_BEFORE} MiB, peak ${JOB_PEAK_RSS} MiB (sampled ${JOB_SAMPLED_RSS}), cgroup peak ${JOB_CGROUP_PEAK} MiB, load ${JOB_LOAD}"
	echo "| $label | $JOB_STATE | ${JOB_SPAN} ms | ${JOB_WALL} s | $JOB_RSS_BEFORE | $JOB_PEAK_RSS | $JOB_SAMPLED_RSS ($JOB_SAMPLES samples) | $JOB_CGROUP_PEAK | $JOB_LOAD |" >> "$RUN/rows.md"
}

IDLE_RSS="$(mib VmRSS)"
UPTIME_BEFORE="$(uptime)"
: > "$RUN/rows.md"
run_job "write ${ROWS} rows (range)" \
	"select id, cast(id % $NGROUPS as int) as k, cast(id % 9973 as double) as v from range(0, $ROWS)" big
[ "$JOB_STATE" = succeeded ] || die "the seeding job did not succeed ($JOB_STATE)"
run_job "aggregate ${ROWS} rows → ${NGROUPS} groups" \
	"select k, count(*) as n, sum(v) as total, avg(v) as mean, max(id) as last from big group by k" big_by_k
AGG_STATE="$JOB_STATE"
UPTIME_AFTER="$(uptime)"
read -r STATUS OOM EXIT <<< "$(state)"
{
	echo "compute-service image under its manifest's limits: --memory $((MEMORY / 1048576))m --cpus $CPUS,"
	echo "$(grep '^JAVA_MEMORY_OPTS=' "$WORK/compute.env"); heap max $HEAP_MAX MiB (actuator); ready after $READY_AFTER s;"
	echo "RSS idle before the jobs $IDLE_RSS MiB. Engine $("$ENGINE" --version | head -n 1), base $BASE."
	echo
	echo "| Job | State | startedAt→finishedAt | submit→end (s) | RSS before (MiB) | Peak RSS, VmHWM (MiB) | Peak RSS sampled (MiB) | Peak cgroup usage (MiB) | Load average at the end |"
	echo "|---|---|---|---|---|---|---|---|---|"
	cat "$RUN/rows.md"
	echo
	echo "Container after the run: $STATUS, OOMKilled $OOM, exit code $EXIT."
	echo "uptime before: $UPTIME_BEFORE"
	echo "uptime after:  $UPTIME_AFTER"
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores."
} > "$WORK/report.md"
cat "$WORK/report.md"
[ "$OOM" = false ] || die "compute-service was OOMKilled"
[ "$AGG_STATE" = succeeded ] || die "the aggregation did not succeed ($AGG_STATE)"
log "passed"
