#!/usr/bin/env bash
# Build the ui, start the demo server serving it on a free port, run the browser test.
# Exits non-zero when anything fails. Needs (see the ui's README section in the report):
#   rustup target add wasm32-unknown-unknown
#   cargo install --locked trunk --version "~0.21"
#   cargo install wasm-bindgen-cli --version 0.2.130
#   node + npm (playwright-core from the npm registry) and /usr/bin/chromium
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

# `cargo xtask test` has built the ui and the binaries already and says so with ECAB_PREBUILT=1.
if [ -z "${ECAB_PREBUILT:-}" ]; then
  echo "== ui: cargo xtask ui (trunk build --release with its pinned tools)"
  (cd "$root" && cargo xtask ui)
  echo "== server: cargo build -p ecab-server"
  (cd "$root" && cargo build -q -p ecab-server --bin ecab-server)
fi
wasm="$(ls "$root"/ui/dist/*.wasm)"
echo "   $(basename "$wasm"): $(du -k "$wasm" | cut -f1) KB"

echo "== npm: playwright-core"
(cd "$here" && npm ci --no-audit --no-fund --silent)

pdfium="${ECAB_PDFIUM_LIBRARY:-$root/.pdfium/libpdfium.so}"
[ -f "$pdfium" ] || (cd "$root" && cargo xtask install-pdfium)
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
data="$(mktemp -d)"
log="$here/output/server.log"
mkdir -p "$here/output"

# A test hook: a PDF worker aborts on a file holding this marker (the broken-PDF step).
export ECAB_PDF_WORKER_CRASH_MARKER="ecab-browser-test-crash-$$"
ECAB_PDFIUM_LIBRARY="$pdfium" "$root/target/debug/ecab-server" serve --demo --data-dir "$data" \
  --listen "127.0.0.1:$port" --ui-dir "$root/ui/dist" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "the server stopped; see $log"; exit 1; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null

echo "== browser test against http://127.0.0.1:$port"
ECAB_DATA_DIR="$data" BASE_URL="http://127.0.0.1:$port" node "$here/ui.test.mjs"
