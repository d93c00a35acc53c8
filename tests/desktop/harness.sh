# The desktop window's surroundings, shared by tests/desktop/run.sh and
# bench/desktop-start/run.sh. Sourced (not run) after `root` and `out` are set:
#
#   desktop_tools            tauri-driver, the selenium venv ($venv), pdfium ($pdfium)
#   desktop_scratch          a temporary folder ($tmp), removed with every process in $pids on exit
#   desktop_display          Xvfb on a free display ($DISPLAY)
#   desktop_server BINARY    the demo server on a free port ($port)
#   desktop_home             a private HOME ($home) and two free ports for tauri-driver
#   desktop_session SCRIPT   SCRIPT (bash) in a private D-Bus session with an unlocked GNOME
#                            Keyring and tauri-driver listening; the variables it needs are
#                            passed as NAME=value arguments after it.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_port() { # port, pid, what
  for _ in $(seq 1 150); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "$3 stopped; see $out"; return 1; fi
    sleep 0.2
  done
  echo "$3 did not listen on $1"; return 1
}

desktop_tools() {
  command -v tauri-driver >/dev/null || cargo install --locked tauri-driver --version "^2"
  venv="${ECAB_DESKTOP_VENV:-/tmp/ecab-desktop-venv}"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import selenium' 2>/dev/null || "$venv/bin/pip" install -q selenium
  pdfium="${ECAB_PDFIUM_LIBRARY:-$root/.pdfium/libpdfium.so}"
  [ -f "$pdfium" ] || (cd "$root" && cargo xtask install-pdfium)
}

desktop_cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  rm -rf "$tmp"
}

desktop_scratch() {
  tmp="$(mktemp -d)"
  pids=()
  trap desktop_cleanup EXIT
}

desktop_display() {
  exec 3<> "$tmp/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$tmp/display")"
}

desktop_server() { # the ecab-server binary
  port="$(free_port)"
  ECAB_PDFIUM_LIBRARY="$pdfium" "$1" serve --demo --data-dir "$tmp/server" \
    --listen "127.0.0.1:$port" >"$out/server.log" 2>&1 &
  pids+=($!)
  wait_port "$port" "${pids[-1]}" "the server"
}

desktop_home() {
  home="$tmp/home"
  mkdir -p "$home"/{runtime,data,config,cache}
  chmod 700 "$home/runtime"
  driver_port="$(free_port)"
  native_port="$(free_port)"
}

# Inside the session: unlock the keyring, start tauri-driver (its log, with the app's, in
# $OUT/app.log), wait for it, then run the caller's script with the driver's address.
_DESKTOP_SESSION='
set -euo pipefail
echo -n desktop-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
tauri-driver --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" >"$OUT/app.log" 2>&1 &
driver=$!
trap "kill $driver 2>/dev/null || true; wait $driver 2>/dev/null || true" EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection((\"127.0.0.1\", $DRIVER_PORT), 0.2)" 2>/dev/null && break
  sleep 0.1
done
export DRIVER_PID=$driver WEBDRIVER_URL="http://127.0.0.1:$DRIVER_PORT"
bash -c "$CALLER"
'

desktop_session() { # script, then NAME=value ...
  local script="$1"
  shift
  env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" XDG_RUNTIME_DIR="$home/runtime" \
    XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    ECAB_SERVER="http://127.0.0.1:$port" ECAB_PDFIUM_LIBRARY="$pdfium" RUST_LOG="${RUST_LOG:-info}" \
    OUT="$out" DRIVER_PORT="$driver_port" NATIVE_PORT="$native_port" CALLER="$script" "$@" \
    dbus-run-session -- bash -c "$_DESKTOP_SESSION"
}
