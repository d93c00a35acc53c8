#!/usr/bin/env bash
# Meeting pack download: ecab-server vs nginx serving the same blob files.
#
# Builds the server and the load generator (release), starts the server with the demo
# data in a temporary folder, starts nginx (Debian package, unprivileged, foreground) on
# the very same blob files under the same URLs, then runs bench/pack-download against
# each target in turn (server, nginx, server, nginx, ...) and prints a Markdown table.
#
# Settings (environment): CLIENTS (100), WARMUP (3 s), DURATION (15 s), ROUNDS (2),
# PIN (0 = no pinning; 1 = server/nginx on CPU 1, load generator on CPU 0, via taskset),
# SERVER_PORT (18080), NGINX_PORT (18081), NGINX (/usr/sbin/nginx), KEEP (1 = keep the
# temporary folder), OUT (a file to also write the table to), NO_BUILD (1 = use the
# binaries already in the target folder).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=${CLIENTS:-100}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-2}
PIN=${PIN:-0}
SERVER_PORT=${SERVER_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
NGINX=${NGINX:-/usr/sbin/nginx}
KEEP=${KEEP:-0}
OUT=${OUT:-}
export ECAB_PDFIUM_LIBRARY=${ECAB_PDFIUM_LIBRARY:-$ROOT/.pdfium/libpdfium.so}

for tool in jq curl; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
if [[ ! -x $NGINX ]]; then
    echo "nginx not found at $NGINX: apt-get install -y nginx-light" >&2
    exit 1
fi
if [[ $PIN == 1 ]]; then
    command -v taskset >/dev/null || { echo "PIN=1 needs taskset (util-linux)" >&2; exit 1; }
    SERVER_CPUS=1
    CLIENT_CPUS=0
    CLIENT_THREADS=1
else
    CLIENT_THREADS=$(nproc)
fi

# Two separate builds: building both packages at once would unify their dependency
# features and rebuild the server's dependencies with other features.
cd "$ROOT"
if [[ ${NO_BUILD:-0} != 1 ]]; then
    cargo build --release --quiet -p ecab-server
    cargo build --release --quiet -p pack-download
fi
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
SERVER_BIN=$TARGET_DIR/release/ecab-server
LOADGEN=$TARGET_DIR/release/pack-download

WORK=$(mktemp -d)
# nginx workers run as nobody when started by root: let them read the blob files.
chmod 755 "$WORK"
SERVER_PID=
NGINX_PID=
cleanup() {
    [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    if [[ $KEEP == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

pinned() { # pinned CPUS command...: exec the command (on those CPUs when PIN=1)
    local cpus=$1
    shift
    if [[ $PIN == 1 ]]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

port_free() { # port_free PORT: fail if something already listens there
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
        echo "port $1 is already in use (a previous run still going?)" >&2
        return 1
    fi
}

wait_for() { # wait_for URL PID: until it answers, while that process is alive
    for _ in $(seq 100); do
        kill -0 "$2" 2>/dev/null || { echo "process $2 for $1 has exited" >&2; return 1; }
        curl -s -o /dev/null "$1" && return 0
        sleep 0.1
    done
    echo "nothing answers at $1" >&2
    return 1
}

# --- eCabinet server with the demo province -------------------------------------------
port_free "$SERVER_PORT"
port_free "$NGINX_PORT"
mkdir -p "$WORK/data"
# In a subshell that execs, so $! is the server's own pid (for its CPU time).
(pinned "${SERVER_CPUS:-}" "$SERVER_BIN" serve --demo --data-dir "$WORK/data" \
    --listen "127.0.0.1:$SERVER_PORT" >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
wait_for "http://127.0.0.1:$SERVER_PORT/" "$SERVER_PID"

# --- nginx on the same files: /api/v1/blobs/<sha256> -> blobs/<first 2 hex>/<sha256> ----
mkdir -p "$WORK/nginx"
NGINX_USER=
[[ $(id -u) == 0 ]] && NGINX_USER="user nobody nogroup;"
cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
daemon off;
master_process on;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location ~ "^/api/v1/blobs/([0-9a-f]{2})([0-9a-f]{62})\$" {
            default_type application/pdf;
            alias $WORK/data/blobs/\$1/\$1\$2;
        }
    }
}
EOF
(pinned "${SERVER_CPUS:-}" "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf") &
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/" "$NGINX_PID"
nginx_pids() { # master and workers
    echo "$NGINX_PID" $(pgrep -P "$NGINX_PID") | tr ' ' ','
}

# --- the load ------------------------------------------------------------------------
RESULTS=$WORK/results.jsonl
: >"$RESULTS"
run_load() { # run_load LABEL TARGET_URL PIDS
    (pinned "${CLIENT_CPUS:-}" "$LOADGEN" --api "http://127.0.0.1:$SERVER_PORT" --target "$2" \
        --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" --threads "$CLIENT_THREADS" \
        --pid "$3" --clk-tck "$(getconf CLK_TCK)" --label "$1") >>"$RESULTS"
}
for round in $(seq "$ROUNDS"); do
    run_load "ecab-server #$round" "http://127.0.0.1:$SERVER_PORT" "$SERVER_PID"
    run_load "nginx #$round" "http://127.0.0.1:$NGINX_PORT" "$(nginx_pids)"
done

# --- the table -----------------------------------------------------------------------
pack=$(jq -rs '.[0] | "\(.pack_documents) documents, \(.pack_bytes) bytes"' "$RESULTS")
table=$(jq -rs '
    def r(n): (n * 100 | round) / 100;
    def r1(n): (n * 10 | round) / 10;
    (map(select(.label | startswith("nginx"))) | map(.packs_per_s) | add / length) as $nginx
    | "| target | packs/s | MB/s | p50 ms | p99 ms | server CPU s | CPU s/GB | client CPU s | errors | ratio vs nginx |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      (.[] | "| \(.label) | \(r1(.packs_per_s)) | \(r1(.mb_per_s)) | \(r1(.p50_ms)) | \(r1(.p99_ms)) | \(r(.server_cpu_s)) | \(r(.server_cpu_s_per_gb)) | \(r(.client_cpu_s)) | \(.errors) | \(r(.packs_per_s / $nginx)) |"),
      (map(select(.label | startswith("ecab"))) | map(.packs_per_s) | add / length) as $ecab
      | "", "Mean ratio ecab-server / nginx (packs/s): **\(r($ecab / $nginx))**"
' "$RESULTS")

{
    echo "Pack: $pack; $CLIENTS clients; ${WARMUP} s warm-up + ${DURATION} s window per run;" \
        "$(nproc) cores; pinning: $([[ $PIN == 1 ]] && echo "server/nginx on CPU $SERVER_CPUS, load generator on CPU $CLIENT_CPUS" || echo none)."
    echo
    echo "$table"
} | tee ${OUT:+"$OUT"}
