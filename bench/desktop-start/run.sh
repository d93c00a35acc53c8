#!/usr/bin/env bash
# Desktop start-up and memory: eCabinet against a hello-world Tauri window (hello/), both
# release builds, in one run. Xvfb, a private D-Bus session with an unlocked GNOME Keyring,
# the demo server, tauri-driver + WebKitWebDriver, and bench.py (selenium) doing the work:
# publishing a 300-page document, signing in once, timing cold starts, reading memory.
# Results: bench/desktop-start/output/results.{md,json}, with logs and screenshots.
#
# Settings: RUNS (10 starts of each app), SETTLE (5 s before memory is read), DROP_CACHES
# (1: drop the page cache before every start; needs root, else set 0), NO_BUILD=1,
# BENCH_APP (another eCabinet binary to measure, e.g. a copy built from another commit).
# Needs (Debian): xvfb webkit2gtk-driver dbus gnome-keyring mupdf-tools python3-venv
# and: cargo install --locked tauri-driver --version "^2"; trunk + wasm-bindgen-cli (see ui/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
out="${OUT:-$here/output}"
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log "$out"/results.*

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { # port, pid, what
  for _ in $(seq 1 150); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "$3 stopped; see $out"; return 1; fi
    sleep 0.2
  done
  echo "$3 did not listen on $1"; return 1
}

if [ "${NO_BUILD:-0}" != 1 ]; then
  echo "== build (release): ui, server, desktop app, hello-world window"
  (cd "$root" && cargo xtask ui >"$out/ui-build.log" 2>&1) || { tail -30 "$out/ui-build.log"; exit 1; }
  (cd "$root" && cargo build -q --release -p ecab-server -p ecab-desktop -p desktop-start-hello)
fi
app="${BENCH_APP:-$root/target/release/ecabinet}"
hello="$root/target/release/hello-window"
echo "   ecabinet $(du -h "$app" | cut -f1), hello-window $(du -h "$hello" | cut -f1), ui wasm $(du -h "$root"/ui/dist/*.wasm | cut -f1)"

command -v tauri-driver >/dev/null || cargo install --locked tauri-driver --version "^2"
venv="${ECAB_DESKTOP_VENV:-/tmp/ecab-desktop-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import selenium' 2>/dev/null || "$venv/bin/pip" install -q selenium

pdfium="${ECAB_PDFIUM_LIBRARY:-$root/.pdfium/libpdfium.so}"
[ -f "$pdfium" ] || (cd "$root" && cargo xtask install-pdfium)

tmp="$(mktemp -d)"
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# 300 pages: the demo's 126-page report twice, then its first 48 pages (same bytes every run).
report="$root/assets/demo/bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf"
mutool merge -o "$tmp/report-300.pdf" "$report" 1-126 "$report" 1-126 "$report" 1-48

exec 3<> "$tmp/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"

port="$(free_port)"
ECAB_PDFIUM_LIBRARY="$pdfium" "$root/target/release/ecab-server" serve --demo --data-dir "$tmp/server" \
  --listen "127.0.0.1:$port" >"$out/server.log" 2>&1 &
pids+=($!)
wait_port "$port" "${pids[-1]}" "the server"

home="$tmp/home"
mkdir -p "$home"/{runtime,data,config,cache}
chmod 700 "$home/runtime"
driver_port="$(free_port)"
native_port="$(free_port)"
session=$(cat <<'SCRIPT'
set -euo pipefail
echo -n bench-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
tauri-driver --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" >"$OUT/app.log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true; wait $driver 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $DRIVER_PORT), 0.2)" 2>/dev/null && break
  sleep 0.1
done
DRIVER_PID=$driver WEBDRIVER_URL="http://127.0.0.1:$DRIVER_PORT" "$VENV/bin/python" "$HERE/bench.py"
SCRIPT
)
env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" XDG_RUNTIME_DIR="$home/runtime" \
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  ECAB_SERVER="http://127.0.0.1:$port" ECAB_PDFIUM_LIBRARY="$pdfium" RUST_LOG="${RUST_LOG:-info}" \
  ECAB_APP="$app" HELLO_APP="$hello" DOC_PDF="$tmp/report-300.pdf" OUT="$out" HERE="$here" VENV="$venv" \
  TRACE="${TRACE:-0}" RUNS="${RUNS:-10}" SETTLE="${SETTLE:-5}" DROP_CACHES="${DROP_CACHES:-1}" \
  DRIVER_PORT="$driver_port" NATIVE_PORT="$native_port" \
  dbus-run-session -- bash -c "$session"
