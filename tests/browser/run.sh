#!/usr/bin/env bash
# The decision report as a person sees it: every example's report (and one redacted) rendered by
# Debian's chromium through playwright-core (tests/browser/report.mjs) at 1280 px and 390 px,
# printed to A4, checked by axe-core, with every network request blocked and counted.
# Closes with "N passed, N failed"; exit 1 on any failure.
#
# OFFER_NOTES_BIN: the binary to test (default: a debug build of this tree).
# UPDATE_SCREENSHOT=1: rewrite docs/report.png (otherwise the picture goes to .e2e/report.png).
set -uo pipefail
# shellcheck source=../../editors/test/lib.sh
source "$(dirname "$0")/../../editors/test/lib.sh"
E2E_NAME=report-browser
HERE="$ROOT/tests/browser"
export npm_config_cache="$E2E/npm-cache"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "chromium, node"
apt_ensure chromium || die "apt-get install chromium"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are required (Node 20)"

step "offer-notes"
BIN=${OFFER_NOTES_BIN:-}
if [ -z "$BIN" ]; then
  ( cd "$ROOT" && cargo build --quiet ) || die "cargo build"
  BIN="$ROOT/target/debug/offer-notes"
fi
echo "binary: $BIN"

step "playwright-core and axe-core (no browser download: Debian's chromium is used)"
HARNESS="$E2E/report-browser"
mkdir -p "$HARNESS"
if ! cmp -s "$HERE/package-lock.json" "$HARNESS/package-lock.json" || [ ! -d "$HARNESS/node_modules/axe-core" ]; then
  cp "$HERE/package.json" "$HERE/package-lock.json" "$HARNESS/"
  ( cd "$HARNESS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund >"$E2E/report-npm-ci.log" 2>&1 ) ||
    { tail -20 "$E2E/report-npm-ci.log"; die "npm ci (tests/browser)"; }
fi
cp "$HERE/report.mjs" "$HARNESS/"

step "the reports"
OUT="$E2E/report-html"
rm -rf "$OUT"
mkdir -p "$OUT"
for journal in "$ROOT"/examples/*.offer; do
  name=$(basename "$journal" .offer)
  "$BIN" report "$journal" -o "$OUT/$name.html"
  status=$?
  # exit codes as `check`: 0 clean, 1 findings; 2 is a failure
  if [ "$status" -le 1 ]; then pass "report $name (exit $status)"; else fail "report $name (exit $status)"; fi
done
"$BIN" report "$ROOT/examples/renege.offer" --redact -o "$OUT/renege-redacted.html"
status=$?
if [ "$status" -le 1 ]; then pass "report --redact renege"; else fail "report --redact renege (exit $status)"; fi
# the held-out report journals, written from the SPEC alone
for journal in "$ROOT"/tests/heldout/report/*.offer; do
  name=heldout-$(basename "$journal" .offer)
  "$BIN" report "$journal" -o "$OUT/$name.html"
  status=$?
  if [ "$status" -le 1 ]; then pass "report $name (exit $status)"; else fail "report $name (exit $status)"; fi
done

if [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then SHOT="$ROOT/docs/report.png"; else SHOT="$E2E/report.png"; fi
SETUP_S=$(($(date +%s) - T_START))

step "chromium"
T_TEST=$(date +%s)
LOG="$E2E/report-browser.log"
HOME="$E2E/report-home" REPORT_DIR="$OUT" REPORT_SCREENSHOT="$SHOT" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" \
  timeout 600 node "$HARNESS/report.mjs" </dev/null 2>&1 |
  tee "$LOG" | grep -vE '^[0-9]+ passed, [0-9]+ failed$'
STATUS=${PIPESTATUS[0]}
TEST_S=$(($(date +%s) - T_TEST))
LINE=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOG" | tail -1)
RUN_FAILED=0
if [ -n "$LINE" ]; then
  PASSED=$((PASSED + $(echo "$LINE" | sed -E 's/^([0-9]+) passed.*/\1/')))
  RUN_FAILED=$(echo "$LINE" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  FAILED=$((FAILED + RUN_FAILED))
fi
if [ "$STATUS" -ne 0 ] && [ "$RUN_FAILED" -eq 0 ]; then
  fail "the browser run exited with status $STATUS (124 = timed out); see $LOG"
fi
summary "$E2E_NAME" "$SETUP_S" "$TEST_S"
