#!/usr/bin/env bash
# End-to-end test of editors/vscode in real VS Code: code-server (from npm) serves the workbench and
# Debian's Chromium, driven by playwright-core, is the user. Installs what it needs on a fresh machine
# (apt packages, the extension's npm packages, code-server with the ripgrep workaround, playwright-core),
# builds, lints and unit-tests the extension, packages the platform .vsix with the server inside
# (editors/vscode/scripts/package-platform.sh linux-x64), installs it into a fresh extensions dir and
# runs code-server with no offer-notes on PATH, opens a journal, reads the Problems panel, follows a
# rule link, clicks the compare lens, applies the decline quick fix, takes a screenshot.
# Everything it writes is under .e2e/ (HOME too, for code-server and the browser); it prints each
# package list before installing it. Ends with "N passed, N failed" and exits non-zero on failure.
#
#   OFFER_NOTES_BIN   server binary bundled into the .vsix (default target/release/offer-notes)
#   E2E_JOURNAL       journal to open (default examples/middle-runway.offer, else the fixture)
#   UPDATE_SCREENSHOT=1  write the screenshot to the tracked docs/vscode.png (default .e2e/vscode.png)
#   E2E_SCREENSHOT    where the screenshot goes (overrides the above)
set -uo pipefail
E2E_NAME=e2e-vscode
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# code-server 4.99.x runs on Node 20 (the 4.1xx lines need Node 24); its VS Code pins @vscode/ripgrep
# 1.15.11, whose postinstall downloads rg from outside the registries unless this archive is cached.
CODE_SERVER_VERSION=4.99.3
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

# npm: caches under .e2e, no prompts, no audit noise.
export npm_config_cache="$E2E/npm-cache"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "debian packages"
apt_ensure chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config \
  build-essential python3 fonts-dejavu-core ca-certificates ||
  die "apt-get install (chromium, ripgrep, native-module headers)"

step "node"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  die "node and npm are required (Node 20)"
fi
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
echo "node $(node --version), npm $(npm --version 2>/dev/null)"
[ "$NODE_MAJOR" -ge 20 ] || die "Node >= 20 is required (found $(node --version))"

step "server"
resolve_server
echo "server: $OFFER_NOTES_BIN"
INIT=$(node "$TESTS/lsp-probe.mjs" "$OFFER_NOTES_BIN") || die "the server did not answer initialize (lsp-probe.mjs)"
CAPABILITIES=$(node -e 'const r = JSON.parse(process.argv[1]); console.log(JSON.stringify(r.capabilities ?? {}))' "$INIT")
SERVER_NAME=$(node -e 'const r = JSON.parse(process.argv[1]); console.log(r.serverInfo?.name ?? "")' "$INIT")
echo "server capabilities: $CAPABILITIES"

# ---- the extension: a clean copy under .e2e/build, so the work tree stays free of node_modules --------
step "extension: npm ci, build, lint, unit tests, package"
BUILD="$E2E/build/vscode"
mkdir -p "$BUILD"
# Fresh sources every run; node_modules is kept while the lock file is unchanged.
find "$BUILD" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .installed-lock -exec rm -rf {} +
tar -C "$ROOT/editors/vscode" --exclude=node_modules --exclude=dist --exclude=out --exclude='*.vsix' -cf - . |
  tar -C "$BUILD" -xf -
if cmp -s "$BUILD/package-lock.json" "$BUILD/.installed-lock" && [ -d "$BUILD/node_modules" ]; then
  echo "extension: node_modules up to date with package-lock.json"
else
  rm -f "$BUILD/.installed-lock"
  echo "npm: installing the extension's packages from editors/vscode/package-lock.json into $BUILD:"
  node -e 'const l = require(process.argv[1]); const p = Object.keys(l.packages).filter((k) => k).map((k) => k.replace(/^.*node_modules\//, "") + "@" + l.packages[k].version); console.log("  " + p.length + " packages: " + p.join(" "))' "$BUILD/package-lock.json"
  ( cd "$BUILD" && npm ci --prefer-offline --no-audit --no-fund >"$E2E/vscode-npm-ci.log" 2>&1 ) ||
    { tail -20 "$E2E/vscode-npm-ci.log"; die "extension: npm ci"; }
  cp "$BUILD/package-lock.json" "$BUILD/.installed-lock"
fi
if ( cd "$BUILD" && npm run --silent build >"$E2E/vscode-build.log" 2>&1 ); then
  pass "extension builds (tsc --noEmit, esbuild)"
else
  tail -30 "$E2E/vscode-build.log"; die "extension builds (tsc --noEmit, esbuild)"
fi
if ( cd "$BUILD" && npm run --silent lint >"$E2E/vscode-lint.log" 2>&1 ); then
  pass "extension lints clean (eslint)"
else
  tail -30 "$E2E/vscode-lint.log"; fail "extension lints clean (eslint)"
fi
if ( cd "$BUILD" && npm test >"$E2E/vscode-unit.log" 2>&1 ); then
  pass "extension unit tests ($(grep -E '^# pass' "$E2E/vscode-unit.log" | awk '{print $3}') grammar/manifest tests)"
else
  grep -E '^not ok|error:' "$E2E/vscode-unit.log" | head -20; fail "extension unit tests (see $E2E/vscode-unit.log)"
fi
VSIX="$E2E/offer-notes-linux-x64.vsix"
rm -f "$VSIX"
# The platform .vsix with the server inside, built the way a release builds it.
if OFFER_NOTES_BIN="$OFFER_NOTES_BIN" bash "$BUILD/scripts/package-platform.sh" linux-x64 "$VSIX" \
    >"$E2E/vscode-package.log" 2>&1 && [ -f "$VSIX" ]; then
  pass "extension packages as a linux-x64 .vsix with the server inside ($(du -k "$VSIX" | cut -f1) KB)"
else
  tail -20 "$E2E/vscode-package.log"; die "extension packages as a linux-x64 .vsix (scripts/package-platform.sh)"
fi
if unzip -l "$VSIX" 2>/dev/null | grep -q "extension/server/offer-notes$" ||
    node -e 'process.exit(require("fs").readFileSync(process.argv[1]).includes("extension/server/offer-notes") ? 0 : 1)' "$VSIX"; then
  pass "the .vsix carries extension/server/offer-notes"
else
  fail "the .vsix carries extension/server/offer-notes"
fi

# ---- code-server ----------------------------------------------------------------------------------
step "code-server $CODE_SERVER_VERSION"
CS_DIR="$E2E/code-server"
CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"
CS_VSCODE="$CS_DIR/node_modules/code-server/lib/vscode"
installed_cs_version() {
  node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null
}
seed_ripgrep() {
  local cache="$E2E/tmp/vscode-ripgrep-cache-$1"
  mkdir -p "$cache" "$E2E/tmp/rg"
  cp "$(command -v rg)" "$E2E/tmp/rg/rg"
  tar -C "$E2E/tmp/rg" -czf "$cache/$RIPGREP_ARCHIVE" rg
}
install_code_server() {
  mkdir -p "$CS_DIR" "$E2E/tmp"
  [ -f "$CS_DIR/package.json" ] || echo '{ "name": "offer-notes-e2e-code-server", "private": true }' >"$CS_DIR/package.json"
  # TMPDIR: @vscode/ripgrep looks for its cached archive in os.tmpdir().
  # unsafe_perm: code-server's postinstall refuses root without it. yes: a nested npx node-gyp.
  # dangerously_allow_all_scripts: npm ≥ 11.10 blocks dependency install scripts by default, and
  # code-server's postinstall runs nested installs of VS Code's native modules.
  echo "npm: installing code-server@$CODE_SERVER_VERSION (and its dependencies) into $CS_DIR"
  ( cd "$CS_DIR" && TMPDIR="$E2E/tmp" npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION" ) >"$E2E/code-server-install.log" 2>&1
}
if [ "$(installed_cs_version)" = "$CODE_SERVER_VERSION" ] && [ -x "$CS_VSCODE/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  seed_ripgrep "$RIPGREP_PACKAGE_VERSION"
  if ! install_code_server || [ ! -x "$CS_VSCODE/node_modules/@vscode/ripgrep/bin/rg" ]; then
    # A different @vscode/ripgrep than expected: seed the version the shrinkwrap names and retry once.
    RG_V=$(node -p "require('$CS_VSCODE/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version" 2>/dev/null)
    if [ -n "$RG_V" ] && [ "$RG_V" != "$RIPGREP_PACKAGE_VERSION" ]; then
      echo "code-server pins @vscode/ripgrep $RG_V; seeding that and retrying"
      seed_ripgrep "$RG_V"
      install_code_server
    fi
  fi
  if [ "$(installed_cs_version)" != "$CODE_SERVER_VERSION" ] || [ ! -x "$CODE_SERVER" ]; then
    tail -30 "$E2E/code-server-install.log"
    die "install code-server $CODE_SERVER_VERSION (see $E2E/code-server-install.log)"
  fi
fi
# Its own config and data under .e2e, or code-server writes ~/.config/code-server/config.yaml.
E2E_HOME="$E2E/vscode-home"
mkdir -p "$E2E_HOME"
HOME="$E2E_HOME" XDG_CONFIG_HOME="$E2E_HOME/.config" XDG_DATA_HOME="$E2E_HOME/.local/share" \
  "$CODE_SERVER" --version | head -1

# ---- the browser driver -----------------------------------------------------------------------------
step "playwright-core (no browser download: Debian's chromium is used)"
HARNESS="$E2E/harness"
mkdir -p "$HARNESS"
if ! cmp -s "$TESTS/package-lock.json" "$HARNESS/package-lock.json" || [ ! -d "$HARNESS/node_modules/playwright-core" ]; then
  cp "$TESTS/package.json" "$TESTS/package-lock.json" "$HARNESS/"
  echo "npm: installing $(node -e 'const l = require(process.argv[1]); console.log(Object.keys(l.packages).filter((k) => k).map((k) => k.replace(/^.*node_modules\//, "") + "@" + l.packages[k].version).join(" "))' "$HARNESS/package-lock.json") into $HARNESS"
  ( cd "$HARNESS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund >"$E2E/harness-npm-ci.log" 2>&1 ) ||
    { tail -20 "$E2E/harness-npm-ci.log"; die "npm ci playwright-core"; }
fi

resolve_journal
echo "journal: $E2E_JOURNAL"
if [ -z "${E2E_SCREENSHOT:-}" ]; then
  if [ "${UPDATE_SCREENSHOT:-}" = 1 ] && [ "$SERVER_NAME" != "offer-notes-stub" ]; then
    E2E_SCREENSHOT="$ROOT/docs/vscode.png"   # the tracked picture, only when asked
  else
    E2E_SCREENSHOT="$E2E/vscode.png"
  fi
fi
echo "screenshot: $E2E_SCREENSHOT"
SETUP_S=$(($(date +%s) - T_START))

# ---- the test ------------------------------------------------------------------------------------
step "code-server + chromium"
T_TEST=$(date +%s)
LOG="$E2E/e2e-vscode.log"
# code-server, its extension host and Chromium get a HOME under .e2e: nothing lands in ~/.config.
HOME="$E2E_HOME" XDG_CONFIG_HOME="$E2E_HOME/.config" XDG_DATA_HOME="$E2E_HOME/.local/share" \
  XDG_CACHE_HOME="$E2E_HOME/.cache" XDG_STATE_HOME="$E2E_HOME/.local/state" \
  E2E_HARNESS="$HARNESS" E2E_CODE_SERVER="$CODE_SERVER" E2E_VSIX="$VSIX" E2E_WORK="$E2E/vscode-run" \
  E2E_SCREENSHOT="$E2E_SCREENSHOT" E2E_CAPABILITIES="$CAPABILITIES" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" \
  timeout 600 node "$TESTS/vscode/e2e.mjs" </dev/null 2>&1 |
  tee "$LOG" | grep -vE '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
STATUS=${PIPESTATUS[0]}
TEST_S=$(($(date +%s) - T_TEST))

LINE=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$LOG" | tail -1)
RUN_FAILED=0
if [ -n "$LINE" ]; then
  PASSED=$((PASSED + $(echo "$LINE" | sed -E 's/^([0-9]+) passed.*/\1/')))
  RUN_FAILED=$(echo "$LINE" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  FAILED=$((FAILED + RUN_FAILED))
  case "$LINE" in *skipped) SKIPPED=$((SKIPPED + $(echo "$LINE" | sed -E 's/.*, ([0-9]+) skipped$/\1/'))) ;; esac
fi
if [ "$STATUS" -ne 0 ] && [ "$RUN_FAILED" -eq 0 ]; then
  fail "the VS Code run exited with status $STATUS (124 = timed out); see $LOG"
fi

summary "$E2E_NAME" "$SETUP_S" "$TEST_S"
