#!/usr/bin/env bash
# The desktop app in a real window: Xvfb, a private D-Bus session with an unlocked GNOME
# Keyring, the demo server, tauri-driver + WebKitWebDriver, and desktop_test.py (selenium)
# driving the window. Everything runs in a temporary HOME; ports and the display are free
# ones. Exits non-zero when anything fails. Screenshots and logs: tests/desktop/output/.
# Needs (Debian): xvfb webkit2gtk-driver dbus gnome-keyring libwebkit2gtk-4.1-dev python3-venv
# and: cargo install --locked tauri-driver --version "^2"; trunk + wasm-bindgen-cli (see ui/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
out="$here/output"
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { # port, pid, what
  for _ in $(seq 1 150); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "$3 stopped; see $out"; return 1; fi
    sleep 0.2
  done
  echo "$3 did not listen on $1"; return 1
}

# `cargo xtask test` has built the ui and the binaries already and says so with ECAB_PREBUILT=1.
if [ -z "${ECAB_PREBUILT:-}" ]; then
  echo "== build: ui (trunk), server and desktop app"
  (cd "$root/ui" && trunk build --release >"$out/trunk.log" 2>&1) || { tail -30 "$out/trunk.log"; exit 1; }
  (cd "$root" && cargo build -q -p ecab-server -p ecab-desktop)
fi
app="$root/target/debug/ecabinet"

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

echo "== display: Xvfb"
exec 3<> "$tmp/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"
echo "   DISPLAY=$DISPLAY"

echo "== demo server"
port="$(free_port)"
ECAB_PDFIUM_LIBRARY="$pdfium" "$root/target/debug/ecab-server" serve --demo --data-dir "$tmp/server" \
  --listen "127.0.0.1:$port" >"$out/server.log" 2>&1 &
pids+=($!)
wait_port "$port" "${pids[-1]}" "the server"

echo "== desktop test (private D-Bus session, GNOME Keyring, tauri-driver)"
home="$tmp/home"
mkdir -p "$home"/{runtime,data,config,cache}
chmod 700 "$home/runtime"
driver_port="$(free_port)"
native_port="$(free_port)"
session=$(cat <<'SCRIPT'
set -euo pipefail
echo -n desktop-test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
tauri-driver --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" >"$OUT/tauri-driver.log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true; wait $driver 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $DRIVER_PORT), 0.2)" 2>/dev/null && break
  sleep 0.1
done
WEBDRIVER_URL="http://127.0.0.1:$DRIVER_PORT" "$VENV/bin/python" "$HERE/desktop_test.py"
echo "== the session token and the blob key are in the OS keyring, the token in no file"
names="$(secret-tool search --all service ecabinet 2>&1 | sed -n 's/^attribute.username = //p')"
token_name="$(grep '^token:' <<<"$names" | head -n1 || true)"
grep -q '^blob-key:' <<<"$names" || { echo "   no blob key in the keyring"; exit 1; }
[ -n "$token_name" ] || { echo "   no token in the keyring"; exit 1; }
token="$(secret-tool lookup service ecabinet username "$token_name")"
[ -n "$token" ] || { echo "   the token could not be read back"; exit 1; }
if grep -rlsF --exclude-dir=keyrings "$token" "$HOME"; then echo "   the token is in the files above"; exit 1; fi
echo "   ok"
SCRIPT
)
env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" XDG_RUNTIME_DIR="$home/runtime" \
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  ECAB_SERVER="http://127.0.0.1:$port" ECAB_PDFIUM_LIBRARY="$pdfium" RUST_LOG="${RUST_LOG:-info}" \
  ECAB_PDF_WORKER_CRASH_MARKER="ecab-desktop-test-crash-$$" \
  ECAB_APP="$app" OUTPUT="$out" OUT="$out" HERE="$here" VENV="$venv" \
  DRIVER_PORT="$driver_port" NATIVE_PORT="$native_port" \
  dbus-run-session -- bash -c "$session"

# Ending the WebDriver session kills the app (no exit handler runs), so the plain copies of
# the documents it was showing remain, as after a crash: they must be in the per-user tmpfs
# (XDG_RUNTIME_DIR), readable by this user only, and are wiped at the next start.
echo "== plain copies of documents: only in XDG_RUNTIME_DIR, mode 0600"
outside="$(find "$home" -name '*.pdf' -not -path "$home/runtime/*" | wc -l)"
[ "$outside" -eq 0 ] || { echo "   $outside copies outside the runtime folder"; exit 1; }
open_copies="$(find "$home/runtime" -name '*.pdf' -perm /077 | wc -l)"
[ "$open_copies" -eq 0 ] || { echo "   $open_copies copies readable by others"; exit 1; }
echo "   ok ($(find "$home/runtime" -name '*.pdf' | wc -l) left by the killed app)"
