#!/usr/bin/env bash
# Installs the embedded ClickHouse (26.7, libchdb.so from the pinned npm package chdb) and builds its launcher.
# Idempotent: re-running does nothing unless package-lock.json or launcher.c changed.
# Usage: tools/clickhouse/install.sh      Result: tools/clickhouse/bin/clickhouse-launcher
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="$HERE/node_modules/@chdb/lib-linux-x64-gnu"
LAUNCHER="$HERE/bin/clickhouse-launcher"
# Hash of the lock file recorded after a successful npm ci: a different lock means node_modules is stale.
STAMP="$HERE/node_modules/.xiaoneng-lock.sha256"

say() { echo "clickhouse: $*"; }
fail() { echo "clickhouse: ERROR: $*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) fail "only Linux x86_64 is supported (the lock file pins @chdb/lib-linux-x64-gnu); found $(uname -s)-$(uname -m)" ;;
esac
command -v npm >/dev/null 2>&1 || fail "npm not found on PATH: install it (Debian: apt-get install -y npm) and re-run $0"
command -v gcc >/dev/null 2>&1 || fail "gcc not found on PATH: install it (Debian: apt-get install -y gcc libc6-dev) and re-run $0"

lock_hash="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$LIB_DIR/libchdb.so" && -f "$STAMP" && "$(cat "$STAMP")" == "$lock_hash" ]]; then
  say "node_modules up to date (@chdb/lib-linux-x64-gnu $(node -p "require('$LIB_DIR/package.json').version" 2>/dev/null || echo '?'))"
else
  say "running npm ci in $HERE (about 550 MB on first install)"
  # --ignore-scripts: chdb's install script is a no-op and only the shared library is used here.
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
    || fail "npm ci failed in $HERE (network or registry problem?)"
  [[ -f "$LIB_DIR/libchdb.so" ]] || fail "npm ci finished but $LIB_DIR/libchdb.so is missing"
  echo "$lock_hash" > "$STAMP"
  say "installed $(node -p "require('$LIB_DIR/package.json').name + '@' + require('$LIB_DIR/package.json').version" 2>/dev/null || echo "$LIB_DIR")"
fi

if [[ -x "$LAUNCHER" && "$LAUNCHER" -nt "$HERE/launcher.c" && "$LAUNCHER" -nt "$LIB_DIR/libchdb.so" ]]; then
  say "launcher up to date: $LAUNCHER"
else
  mkdir -p "$HERE/bin"
  gcc -O2 -Wall -Wextra -o "$LAUNCHER.tmp" "$HERE/launcher.c" -L"$LIB_DIR" -lchdb -Wl,-rpath,"$LIB_DIR" \
    || fail "gcc could not build $LAUNCHER from $HERE/launcher.c"
  mv -f "$LAUNCHER.tmp" "$LAUNCHER"
  say "built launcher: $LAUNCHER (rpath $LIB_DIR)"
fi
say "ready: $LAUNCHER --path=DATA_DIR --http_port=PORT --listen_host=127.0.0.1 --interactive --query 'SYSTEM START LISTEN HTTP'"
