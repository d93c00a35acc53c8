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

. "$root/tests/desktop/harness.sh"

if [ "${NO_BUILD:-0}" != 1 ]; then
  echo "== build (release): ui, server, desktop app, hello-world window"
  (cd "$root" && cargo xtask ui >"$out/ui-build.log" 2>&1) || { tail -30 "$out/ui-build.log"; exit 1; }
  (cd "$root" && cargo build -q --release -p ecab-server -p ecab-desktop -p desktop-start-hello)
fi
app="${BENCH_APP:-$root/target/release/ecabinet}"
hello="$root/target/release/hello-window"
echo "   ecabinet $(du -h "$app" | cut -f1), hello-window $(du -h "$hello" | cut -f1), ui wasm $(du -h "$root"/ui/dist/*.wasm | cut -f1)"

desktop_tools
desktop_scratch

# 300 pages: the demo's 126-page report twice, then its first 48 pages (same bytes every run).
report="$root/assets/demo/bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf"
mutool merge -o "$tmp/report-300.pdf" "$report" 1-126 "$report" 1-126 "$report" 1-48

desktop_display
desktop_server "$root/target/release/ecab-server"
desktop_home
session='"$VENV/bin/python" "$HERE/bench.py"'
desktop_session "$session" ECAB_APP="$app" HELLO_APP="$hello" DOC_PDF="$tmp/report-300.pdf" HERE="$here" \
  VENV="$venv" TRACE="${TRACE:-0}" RUNS="${RUNS:-10}" SETTLE="${SETTLE:-5}" DROP_CACHES="${DROP_CACHES:-1}"
