# shellcheck shell=bash
# Shared by the editor e2e scripts (sourced, not run): repo paths, install helpers, the tally and the
# closing "N passed, N failed" line. Install caches live under $ROOT/.e2e (git-ignored).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E="$ROOT/.e2e"
TESTS="$ROOT/editors/test"
mkdir -p "$E2E"

PASSED=0
FAILED=0
SKIPPED=0
T_START=$(date +%s)

pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
step() { echo "== $* ($(($(date +%s) - T_START))s)"; }

# The closing line, the timing before it; exit 1 on any failure (or when nothing passed).
summary() {
  local name=$1 setup_s=${2:-0} test_s=${3:-0}
  local total=$(($(date +%s) - T_START))
  echo "$name: setup ${setup_s}s, test ${test_s}s, total ${total}s"
  local skipped=""
  if [ "$SKIPPED" -gt 0 ]; then skipped=", $SKIPPED skipped"; fi
  echo "$PASSED passed, $FAILED failed$skipped"
  if [ "$FAILED" -gt 0 ] || [ "$PASSED" -eq 0 ]; then exit 1; fi
  exit 0
}

# A setup step that cannot go on: count it, close, exit.
die() {
  fail "$*"
  summary "${E2E_NAME:-e2e}" "$(($(date +%s) - T_START))" 0
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install Debian packages that are not installed yet (apt-get update only when needed).
apt_ensure() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "apt: already installed: $*"
    return 0
  fi
  echo "apt: ${missing[*]} are not installed; asking apt what that takes (apt-get update, then a dry run)"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$E2E/apt.log" 2>&1; then
    tail -20 "$E2E/apt.log"
    return 1
  fi
  # Everything apt would install, dependencies included, printed before anything is installed.
  local plan
  plan=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get install -s -y -q "${missing[@]}" 2>>"$E2E/apt.log" |
    awk '/^Inst / { print $2 }')
  echo "apt: installing $(echo "$plan" | grep -c .) packages: $(echo "$plan" | tr '\n' ' ')"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$E2E/apt.log" 2>&1; then
    tail -20 "$E2E/apt.log"
    return 1
  fi
}

# The server binary: $OFFER_NOTES_BIN, else target/release/offer-notes; relative paths are from the repo root.
resolve_server() {
  local bin=${OFFER_NOTES_BIN:-target/release/offer-notes}
  case "$bin" in /*) ;; *) bin="$ROOT/$bin" ;; esac
  if [ ! -x "$bin" ] || [ -d "$bin" ]; then
    die "server binary not found at $bin (build it with \`cargo build --release\`, or set OFFER_NOTES_BIN)"
  fi
  OFFER_NOTES_BIN=$bin
  export OFFER_NOTES_BIN
}

# The journal to open: $E2E_JOURNAL, else the middle-runway example, else our own fixture.
resolve_journal() {
  if [ -n "${E2E_JOURNAL:-}" ]; then
    case "$E2E_JOURNAL" in /*) ;; *) E2E_JOURNAL="$ROOT/$E2E_JOURNAL" ;; esac
  elif [ -f "$ROOT/examples/middle-runway.offer" ]; then
    E2E_JOURNAL="$ROOT/examples/middle-runway.offer"
  else
    E2E_JOURNAL="$TESTS/fixtures/acme.offer"
  fi
  [ -f "$E2E_JOURNAL" ] || die "journal not found: $E2E_JOURNAL"
  export E2E_JOURNAL
}

# Rule codes the journal must show: $E2E_EXPECT_CODES, else the **fires** list of the journal's section
# in the EXPECTED.md beside it (examples/EXPECTED.md, editors/test/fixtures/EXPECTED.md), else below-floor.
resolve_expected_codes() {
  if [ -n "${E2E_EXPECT_CODES:-}" ]; then
    export E2E_EXPECT_CODES
    return
  fi
  local expected
  expected="$(dirname "$E2E_JOURNAL")/EXPECTED.md"
  E2E_EXPECT_CODES=""
  if [ -f "$expected" ]; then
    E2E_EXPECT_CODES=$(awk -v name="$(basename "$E2E_JOURNAL")" '
      /^## / { in_section = (index($0, "`" name "`") > 0); in_fires = 0; next }
      in_section && /^\*\*fires\*\*/ { in_fires = 1; next }
      in_section && /^\*\*/ { in_fires = 0; next }
      in_section && in_fires && /^- `[a-z0-9-]+`/ {
        code = $0; sub(/^- `/, "", code); sub(/`.*/, "", code)
        if (!(code in seen)) { seen[code] = 1; out = out (out == "" ? "" : ",") code }
      }
      END { print out }' "$expected")
  fi
  if [ -z "$E2E_EXPECT_CODES" ]; then E2E_EXPECT_CODES="below-floor"; fi
  export E2E_EXPECT_CODES
}
