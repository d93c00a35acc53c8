#!/usr/bin/env bash
# The desktop app in a real window: Xvfb, a private D-Bus session with an unlocked GNOME
# Keyring, the demo server, tauri-driver + WebKitWebDriver, and desktop_test.py (selenium)
# driving the window. Everything runs in a temporary HOME; ports and the display are free
# ones. Exits non-zero when anything fails. Screenshots and logs: tests/desktop/output/.
# Needs (Debian): xvfb webkit2gtk-driver dbus gnome-keyring dunst libwebkit2gtk-4.1-dev python3-venv
# and: cargo install --locked tauri-driver --version "^2"; trunk + wasm-bindgen-cli (see ui/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
out="$here/output"
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log

. "$here/harness.sh"

# `cargo xtask test` has built the ui and the binaries already and says so with ECAB_PREBUILT=1.
if [ -z "${ECAB_PREBUILT:-}" ]; then
  echo "== build: ui (cargo xtask ui), server and desktop app"
  (cd "$root" && cargo xtask ui >"$out/ui-build.log" 2>&1) || { tail -30 "$out/ui-build.log"; exit 1; }
  (cd "$root" && cargo build -q -p ecab-server -p ecab-desktop)
fi
app="$root/target/debug/ecabinet"

desktop_tools
desktop_scratch

echo "== display: Xvfb"
desktop_display
echo "   DISPLAY=$DISPLAY"

echo "== demo server"
desktop_server "$root/target/debug/ecab-server"

echo "== desktop test (private D-Bus session, GNOME Keyring, tauri-driver)"
desktop_home
session=$(cat <<'SCRIPT'
set -euo pipefail
"$VENV/bin/python" "$HERE/desktop_test.py"
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
desktop_session "$session" ECAB_PDF_WORKER_CRASH_MARKER="ecab-desktop-test-crash-$$" \
  ECAB_APP="$app" OUTPUT="$out" HERE="$here" VENV="$venv"

# Ending the WebDriver session kills the app (no exit handler runs), so the plain copies of
# the documents it was showing remain, as after a crash: they must be in the per-user tmpfs
# (XDG_RUNTIME_DIR), readable by this user only, and are wiped at the next start.
echo "== plain copies of documents: only in XDG_RUNTIME_DIR, mode 0600"
# The document portal's FUSE mount ($XDG_RUNTIME_DIR/doc) fails to list once its daemon is
# gone; the app never writes there.
# ~/Downloads holds the annotated export the test asked for (a file the user chose to save).
# The session's daemons (the keyring, the notification service) remove their folders as
# they stop: a folder gone while `find` walks is not a copy, so those errors do not count.
pdfs() { find "$@" 2>/dev/null || true; }
outside="$(pdfs "$home" \( -path "$home/runtime" -o -path "$home/Downloads" \) -prune -o -name '*.pdf' -print | wc -l)"
[ "$outside" -eq 0 ] || { echo "   $outside copies outside the runtime folder"; exit 1; }
open_copies="$(pdfs "$home/runtime" -path "$home/runtime/doc" -prune -o -name '*.pdf' -perm /077 -print | wc -l)"
[ "$open_copies" -eq 0 ] || { echo "   $open_copies copies readable by others"; exit 1; }
echo "   ok ($(pdfs "$home/runtime" -path "$home/runtime/doc" -prune -o -name '*.pdf' -print | wc -l) left by the killed app)"
