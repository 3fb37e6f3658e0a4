#!/usr/bin/env bash
# Container smoke test: builds every service image from docker/Dockerfile and the jars `mvn verify`
# left in <module>/target, runs each container with the memory and CPU limits of its manifest in
# k8s/base, waits for readiness, drives a short loopback load, and fails when a container is
# OOMKilled, exits (a restart, in Kubernetes) or never becomes ready. See docs/deploy.md.
#
#   docker/smoke.sh                 every service that has both a manifest and a built jar
#   docker/smoke.sh catalog-service auth-service   only these (auth-service always runs: tokens)
#
# Environment:
#   CORELAKE_ENGINE        docker or podman (default: a working docker, else podman, installed from
#                          Debian packages when missing and running as root)
#   CORELAKE_BASE_IMAGE    runtime base image (default: the Dockerfile's pinned JRE when it can be
#                          pulled, else localhost/corelake-base:17 built from Debian packages)
#   CORELAKE_SMOKE_DIR     work and cache directory (default /var/tmp/corelake-smoke)
#   CORELAKE_LOAD_SECONDS  load per service (default 5)
#   CORELAKE_READY_SECONDS readiness bound per service (default 180)
#   CORELAKE_SMOKE_REPORT  where the results table goes (default $CORELAKE_SMOKE_DIR/report.md)
#   CORELAKE_SMOKE_BASELINE=1  also run each jar on the host JVM, same options, no container
#                          limits, under the same load (the same-run baseline in docs/benchmarks.md)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${CORELAKE_SMOKE_DIR:-/var/tmp/corelake-smoke}"
LOAD_SECONDS="${CORELAKE_LOAD_SECONDS:-5}"
READY_SECONDS="${CORELAKE_READY_SECONDS:-180}"
REPORT="${CORELAKE_SMOKE_REPORT:-$WORK/report.md}"
LOCAL_BASE="localhost/corelake-base:17"
TAG="smoke"
RUN_ID="corelake-smoke-$$"

log() { echo "smoke: $*" >&2; }
die() { echo "smoke: FAILED: $*" >&2; exit 1; }

mkdir -p "$WORK"

# ---------------------------------------------------------------- the container engine
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

install_debian_packages() {
	command -v apt-get >/dev/null 2>&1 || die "$* missing and this is not a Debian machine; install them"
	log "installing from Debian packages: $*"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

choose_engine() {
	if [ -n "${CORELAKE_ENGINE:-}" ]; then
		ENGINE="$CORELAKE_ENGINE"
	elif command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
		ENGINE=docker
	else
		ENGINE=podman
	fi
	if [ "$ENGINE" = podman ]; then
		local missing=()
		command -v podman >/dev/null 2>&1 || missing+=(podman)
		command -v runc >/dev/null 2>&1 || missing+=(runc)
		[ ${#missing[@]} -eq 0 ] || install_debian_packages "${missing[@]}"
		# runc (crun fails on this cgroup setup), cgroupfs (no systemd), ulimits a JVM can live with
		# instead of the engine's huge defaults; a file of our own, the machine's config untouched
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
	command -v "$ENGINE" >/dev/null 2>&1 || die "no container engine ($ENGINE) found"
	log "engine: $ENGINE ($("$ENGINE" --version 2>/dev/null | head -n 1))"
}

engine() { "$ENGINE" "$@"; }

image_exists() { engine image inspect "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- the runtime base image
pinned_base() { sed -n 's/^ARG BASE_IMAGE=//p' "$ROOT/docker/Dockerfile" | head -n 1; }

# The first Debian mirror this machine's apt uses (read at run time, never written anywhere)
debian_mirror() {
	local sources=/etc/apt/sources.list.d/debian.sources
	[ -r "$sources" ] || die "cannot read $sources to find a Debian mirror"
	awk '/^URIs:/ { print $2; exit }' "$sources"
}

build_local_base() {
	local cache="$WORK/corelake-base-17.tar"
	if [ -s "$cache" ]; then
		log "base image: loading the cached $LOCAL_BASE from $cache"
		engine load -q -i "$cache" >/dev/null
		image_exists "$LOCAL_BASE" && return 0
	fi
	command -v debootstrap >/dev/null 2>&1 || install_debian_packages debootstrap
	local mirror rootfs
	mirror="$(debian_mirror)"
	rootfs="$WORK/rootfs"
	log "base image: debootstrap bookworm (minbase + openjdk-17-jre-headless) from the machine's Debian mirror"
	as_root rm -rf "$rootfs"
	as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
		bookworm "$rootfs" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
		|| { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
	# what a runtime never needs: package caches and indexes, documentation
	as_root rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
		"$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
	as_root tar -C "$rootfs" -c . | engine import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' - "$LOCAL_BASE" >/dev/null
	as_root rm -rf "$rootfs"
	engine save -o "$cache" "$LOCAL_BASE" >/dev/null 2>&1 || rm -f "$cache"
}

choose_base() {
	if [ -n "${CORELAKE_BASE_IMAGE:-}" ]; then
		BASE="$CORELAKE_BASE_IMAGE"
		image_exists "$BASE" || engine pull -q "$BASE" >/dev/null || die "cannot pull $BASE"
		return
	fi
	local pinned
	pinned="$(pinned_base)"
	if image_exists "$pinned" || timeout 60 "$ENGINE" pull -q "$pinned" >/dev/null 2>&1; then
		BASE="$pinned"
		return
	fi
	log "base image: $pinned cannot be pulled (no registry reachable); using $LOCAL_BASE"
	image_exists "$LOCAL_BASE" || build_local_base
	BASE="$LOCAL_BASE"
}

# ---------------------------------------------------------------- what to run, from k8s/base
# One line per service: name memory-limit-bytes cpu-limit smoke-path (or -); writes
# $WORK/env/<service>.env with what shapes the JVM as in Kubernetes: the Deployment's literal
# JAVA_* variables and the SERVER_* settings of k8s/base/platform.env. Addresses, profiles and
# secrets are the smoke test's own (each container runs alone, with its embedded database).
plan() {
	mkdir -p "$WORK/env"
	python3 - "$ROOT/k8s/base" "$WORK/env" "$@" <<-'EOF'
		import os, sys, yaml
		base, envdir, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
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
		platform = {}
		with open(os.path.join(base, "platform.env")) as f:
		    for line in f:
		        key, _, value = line.strip().partition("=")
		        if key.startswith("SERVER_") and value:
		            platform[key] = value
		for name in sorted(os.listdir(base)):
		    if not name.endswith("-service.yaml"):
		        continue
		    service = name[: -len(".yaml")]
		    if wanted and service not in wanted:
		        continue
		    with open(os.path.join(base, name)) as f:
		        for doc in yaml.safe_load_all(f):
		            if not doc or doc.get("kind") != "Deployment":
		                continue
		            pod = doc["spec"]["template"]
		            container = next(c for c in pod["spec"]["containers"] if c["name"] == service)
		            limits = container["resources"]["limits"]
		            env = dict(platform)
		            env.update({e["name"]: e["value"] for e in container.get("env", [])
		                        if e["name"].startswith("JAVA_") and "value" in e})
		            with open(os.path.join(envdir, service + ".env"), "w") as out:
		                out.writelines(f"{key}={value}\n" for key, value in env.items())
		            path = pod["metadata"].get("annotations", {}).get("corelake.dev/smoke-path", "-")
		            print(service, quantity(limits["memory"]), cpus(limits["cpu"]), path)
	EOF
}

# ---------------------------------------------------------------- images
# the runnable jar mvn verify (or package) built for a service
jar_of() {
	local jar
	for jar in "$ROOT/$1/target/$1"-*-exec.jar; do
		[ -f "$jar" ] && { echo "$jar"; return 0; }
	done
	return 1
}

build_image() {
	local service="$1"
	jar_of "$service" >/dev/null || die "$service: no $service/target/$service-*-exec.jar; run mvn -B verify (or package) first"
	local started=$SECONDS
	engine build -q -f "$ROOT/docker/Dockerfile" --build-arg MODULE="$service" --build-arg JAR_SOURCE=prebuilt \
		--build-arg BASE_IMAGE="$BASE" -t "corelake/$service:$TAG" "$ROOT" >/dev/null \
		|| die "$service: image build failed"
	log "$service: image built in $((SECONDS - started)) s"
}

image_size_mb() { engine image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1048576 }'; }

# ---------------------------------------------------------------- containers
declare -A PORT MGMT
next_port=18080
assign_ports() { PORT[$1]=$next_port; MGMT[$1]=$((next_port + 1000)); next_port=$((next_port + 1)); }

# the CORELAKE_<SHORT>_* prefix a service reads (as in its manifest): data-sync-service reads SYNC
short() {
	case "$1" in
		data-sync-service) echo SYNC ;;
		*) local s="${1%-service}"; echo "${s^^}" | tr '-' '_' ;;
	esac
}

CONTAINERS=()
cleanup() {
	local c
	for c in "${CONTAINERS[@]}"; do engine rm -f -t 5 "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

PLATFORM_SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 43)"
ADMIN_PASSWORD="Smoke-$(head -c 12 /dev/urandom | base64 | tr -d '/+=\n')-9"

run_container() {
	local service="$1" memory="$2" cpu="$3" sh
	sh="$(short "$service")"
	local name="$RUN_ID-$service"
	local args=(run -d --name "$name" --network host --memory "$memory" --memory-swap "$memory" --cpus "$cpu"
		--read-only --tmpfs "/tmp:rw,size=64m" --restart no --env-file "$WORK/env/$service.env"
		-e "CORELAKE_${sh}_PORT=${PORT[$service]}" -e "CORELAKE_${sh}_MANAGEMENT_PORT=${MGMT[$service]}"
		-e "CORELAKE_DATADIR=/tmp/corelake"
		-e "CORELAKE_PLATFORM_SECURITY_AUTHURL=http://127.0.0.1:${PORT[auth-service]}"
		-e "CORELAKE_PLATFORM_SECURITY_ISSUER=http://127.0.0.1:${PORT[auth-service]}"
		-e "CORELAKE_PLATFORM_SECURITY_CLIENTID=corelake-platform"
		-e "CORELAKE_PLATFORM_SECURITY_CLIENTSECRET=$PLATFORM_SECRET"
		-e "CORELAKE_CONFIG_CLIENT_URI=http://127.0.0.1:${PORT[config-service]:-1}")
	if [ "$service" = auth-service ]; then
		args+=(-e "CORELAKE_AUTH_ISSUER=http://127.0.0.1:${PORT[auth-service]}"
			-e "CORELAKE_PLATFORM_CLIENT_SECRET=$PLATFORM_SECRET"
			-e "CORELAKE_AUTH_PLATFORMCLIENT_SCOPES=platform,config.read,config.write,catalog.read,catalog.write"
			-e "CORELAKE_ADMIN_PASSWORD=$ADMIN_PASSWORD")
	fi
	engine "${args[@]}" "corelake/$service:$TAG" >/dev/null || die "$service: container did not start"
	CONTAINERS+=("$name")
}

state() { engine inspect -f '{{.State.Status}} {{.State.OOMKilled}} {{.State.ExitCode}}' "$RUN_ID-$1" 2>/dev/null; }

check_alive() {
	local service="$1" s
	s="$(state "$service")"
	case "$s" in
		"running false "*) return 0 ;;
		*" true "*) engine logs --tail 30 "$RUN_ID-$service" >&2 || true; die "$service: OOMKilled ($s)" ;;
		*) engine logs --tail 60 "$RUN_ID-$service" >&2 || true; die "$service: not running any more ($s)" ;;
	esac
}

wait_ready() {
	local service="$1" started=$SECONDS
	until curl -fsS --max-time 2 "http://127.0.0.1:${MGMT[$service]}/actuator/health/readiness" >/dev/null 2>&1; do
		check_alive "$service"
		[ $((SECONDS - started)) -lt "$READY_SECONDS" ] \
			|| { engine logs --tail 60 "$RUN_ID-$service" >&2 || true; die "$service: not ready within $READY_SECONDS s"; }
		sleep 1
	done
	READY_AFTER=$((SECONDS - started))
}

# resident memory of the container's JVM (PID 1 inside, so the engine's PID is the JVM's)
rss_mb() {
	local pid
	pid="$(engine inspect -f '{{.State.Pid}}' "$RUN_ID-$1")"
	awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}
peak_rss_mb() {
	local pid
	pid="$(engine inspect -f '{{.State.Pid}}' "$RUN_ID-$1")"
	awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}
threads() {
	local pid
	pid="$(engine inspect -f '{{.State.Pid}}' "$RUN_ID-$1")"
	awk '/^Threads:/ { print $2 }' "/proc/$pid/status"
}
# a JVM memory metric from the service's actuator, in MiB ("?" when it cannot be read)
metric_mb() {
	curl -fsS --max-time 5 "http://127.0.0.1:${MGMT[$1]}/actuator/metrics/$2" 2>/dev/null \
		| python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"] / 1048576))' \
		2>/dev/null || echo "?"
}

# The same jar and JVM options on the host's java, outside any container: what the JVM does
# when nothing tells it its limit. Prints "heap-max-MiB rss-idle rss-after-load".
baseline() {
	local service="$1" url="$2" sh pid line heap idle loaded
	sh="$(short "$service")"
	local dir="$WORK/baseline/$service"
	rm -rf "$dir" && mkdir -p "$dir"
	(
		set -a
		# shellcheck disable=SC1090
		. "$WORK/env/$service.env"
		set +a
		export "CORELAKE_${sh}_PORT=$BASELINE_PORT" "CORELAKE_${sh}_MANAGEMENT_PORT=$BASELINE_MGMT" \
			CORELAKE_DATADIR="$dir" \
			CORELAKE_PLATFORM_SECURITY_AUTHURL="http://127.0.0.1:${PORT[auth-service]}" \
			CORELAKE_PLATFORM_SECURITY_ISSUER="http://127.0.0.1:${PORT[auth-service]}" \
			CORELAKE_AUTH_ISSUER="http://127.0.0.1:${PORT[auth-service]}" \
			CORELAKE_PLATFORM_SECURITY_CLIENTID=corelake-platform \
			CORELAKE_PLATFORM_SECURITY_CLIENTSECRET="$PLATFORM_SECRET" \
			CORELAKE_CONFIG_CLIENT_URI="http://127.0.0.1:${PORT[config-service]:-1}"
		# shellcheck disable=SC2086
		exec java -XX:+ExitOnOutOfMemoryError ${JAVA_MEMORY_OPTS:-$(sed -n 's/^ENV JAVA_MEMORY_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile")} \
			${JAVA_OPTS:-} -jar "$(jar_of "$service")" > "$dir/log" 2>&1
	) &
	pid=$!
	local started=$SECONDS
	until curl -fsS --max-time 2 "http://127.0.0.1:$BASELINE_MGMT/actuator/health/readiness" >/dev/null 2>&1; do
		kill -0 "$pid" 2>/dev/null || { tail -n 30 "$dir/log" >&2; die "$service: the baseline JVM exited"; }
		[ $((SECONDS - started)) -lt "$READY_SECONDS" ] || { kill "$pid"; die "$service: baseline not ready"; }
		sleep 1
	done
	heap="$(curl -fsS --max-time 5 "http://127.0.0.1:$BASELINE_MGMT/actuator/metrics/jvm.memory.max?tag=area:heap" \
		| python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"] / 1048576))')"
	idle="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
	local target="${url//:${PORT[$service]}/:$BASELINE_PORT}"
	load "${target//:${MGMT[$service]}/:$BASELINE_MGMT}" > /dev/null
	loaded="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$heap $idle $loaded"
}
BASELINE_PORT=18180
BASELINE_MGMT=19180

TOKEN=""
token() {
	curl -fsS --max-time 10 -u "corelake-platform:$PLATFORM_SECRET" -d grant_type=client_credentials \
		"http://127.0.0.1:${PORT[auth-service]}/api/v1/auth/token" \
		| python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# A bounded load on one endpoint: wrk when installed, else curl in a loop for the same time.
# Prints requests/s and the share of answers that were not 2xx.
load() {
	local url="$1" out
	if command -v wrk >/dev/null 2>&1; then
		out="$(wrk -t2 -c16 -d"${LOAD_SECONDS}s" --timeout 5s -H "Authorization: Bearer $TOKEN" "$url")"
		local rps non2xx
		rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")"
		non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<< "$out")"
		echo "$rps ${non2xx:-0}"
	else
		local end=$((SECONDS + LOAD_SECONDS)) n=0 bad=0
		while [ $SECONDS -lt $end ]; do
			curl -fsS --max-time 5 -o /dev/null -H "Authorization: Bearer $TOKEN" "$url" || bad=$((bad + 1))
			n=$((n + 1))
		done
		echo "$((n / LOAD_SECONDS)) $bad"
	fi
}

# ---------------------------------------------------------------- main
if ! python3 -c 'import yaml' >/dev/null 2>&1; then install_debian_packages python3 python3-yaml; fi
command -v curl >/dev/null 2>&1 || install_debian_packages curl
choose_engine
choose_base
log "base image: $BASE"

mapfile -t PLAN < <(plan "$@")
[ ${#PLAN[@]} -gt 0 ] || die "no service manifests found in k8s/base for: ${*:-all}"
# auth-service issues every other container's tokens: always first
if ! printf '%s\n' "${PLAN[@]}" | grep -q '^auth-service '; then
	mapfile -t PLAN < <(plan auth-service; printf '%s\n' "${PLAN[@]}")
fi
mapfile -t PLAN < <(printf '%s\n' "${PLAN[@]}" | awk '$1 == "auth-service"'; printf '%s\n' "${PLAN[@]}" | awk '$1 != "auth-service"')

for line in "${PLAN[@]}"; do
	read -r service _ <<< "$line"
	if ! jar_of "$service" >/dev/null; then
		if [ $# -gt 0 ] || [ "$service" = auth-service ]; then
			die "$service: no built jar in $service/target"
		fi
		log "$service: has a manifest but no built jar here; skipped"
		continue
	fi
	assign_ports "$service"
	build_image "$service"
done

{
	echo "| Service | Limit (MiB) | CPU | Heap max (MiB) | Non-heap used (MiB) | Ready after (s) | RSS idle (MiB) | RSS after load (MiB) | Peak RSS (MiB) | Threads | Load (req/s, non-2xx) | Image (MiB) | Host JVM, no limit: heap max / RSS idle / after load (MiB) |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$REPORT.tmp"

for line in "${PLAN[@]}"; do
	read -r service memory cpu path <<< "$line"
	[ -n "${PORT[$service]:-}" ] || continue
	log "$service: run with --memory $((memory / 1048576))m --cpus $cpu"
	run_container "$service" "$memory" "$cpu"
	wait_ready "$service"
	ready_after=$READY_AFTER
	[ "$service" = auth-service ] && TOKEN="$(token)"
	[ -n "$TOKEN" ] || die "no token from auth-service"
	idle="$(rss_mb "$service")"
	case "$path" in
		-) url="http://127.0.0.1:${MGMT[$service]}/actuator/health/readiness" ;;
		*) url="http://127.0.0.1:${PORT[$service]}$path" ;;
	esac
	read -r rps non2xx <<< "$(load "$url")"
	check_alive "$service"
	[ "${non2xx:-0}" = 0 ] || die "$service: $non2xx answers to $url under load were not 2xx"
	loaded="$(rss_mb "$service")"
	peak="$(peak_rss_mb "$service")"
	base="-"
	if [ "${CORELAKE_SMOKE_BASELINE:-0}" = 1 ]; then
		read -r b_heap b_idle b_loaded <<< "$(baseline "$service" "$url")"
		base="$b_heap / $b_idle / $b_loaded"
	fi
	echo "| $service | $((memory / 1048576)) | $cpu | $(metric_mb "$service" 'jvm.memory.max?tag=area:heap') | $(metric_mb "$service" 'jvm.memory.used?tag=area:nonheap') | $ready_after | $idle | $loaded | $peak | $(threads "$service") | $rps, $non2xx | $(image_size_mb "corelake/$service:$TAG") | $base |" >> "$REPORT.tmp"
	log "$service: ready after ${ready_after}s, RSS idle ${idle} MiB, after load ${loaded} MiB (peak ${peak}) of $((memory / 1048576)) MiB, ${rps} req/s on $url"
done

# Every container still running, none OOMKilled, none restarted, after all the load
for line in "${PLAN[@]}"; do
	read -r service _ <<< "$line"
	[ -n "${PORT[$service]:-}" ] || continue
	check_alive "$service"
done
{
	echo
	echo "Engine: $("$ENGINE" --version | head -n 1); base image $BASE ($(engine run --rm --entrypoint java "$BASE" -version 2>&1 | head -n 1));"
	echo "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) at the end; load: ${LOAD_SECONDS} s per service."
} >> "$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
log "results:"
cat "$REPORT"
log "passed"
