#!/usr/bin/env bash
# Build a platform-specific .vsix that carries the offer-notes server, as rust-analyzer and
# ruff-vscode do: `vsce package --target TARGET` with the binary under server/ in the extension.
# The extension uses it when offerNotes.server.path is not set (before looking on PATH).
#
#   bash scripts/package-platform.sh TARGET [OUT.vsix]
#
#   TARGET           a VS Code platform: linux-x64, linux-arm64, linux-armhf, alpine-x64,
#                    alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64
#   OFFER_NOTES_BIN  the server binary to bundle (default: target/<rust triple>/release/offer-notes,
#                    or target/release/offer-notes when TARGET is this machine's platform)
#
# Run from anywhere; expects the extension's npm dependencies installed (npm ci) and builds it first.
set -euo pipefail

TARGET=${1:-}
EXT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$EXT/../.." 2>/dev/null && pwd)

case "$TARGET" in
  linux-x64) TRIPLE=x86_64-unknown-linux-gnu ;;
  linux-arm64) TRIPLE=aarch64-unknown-linux-gnu ;;
  linux-armhf) TRIPLE=armv7-unknown-linux-gnueabihf ;;
  alpine-x64) TRIPLE=x86_64-unknown-linux-musl ;;
  alpine-arm64) TRIPLE=aarch64-unknown-linux-musl ;;
  darwin-x64) TRIPLE=x86_64-apple-darwin ;;
  darwin-arm64) TRIPLE=aarch64-apple-darwin ;;
  win32-x64) TRIPLE=x86_64-pc-windows-msvc ;;
  win32-arm64) TRIPLE=aarch64-pc-windows-msvc ;;
  *)
    echo "usage: $0 TARGET [OUT.vsix]   (TARGET: linux-x64, linux-arm64, linux-armhf, alpine-x64, alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64)" >&2
    exit 2
    ;;
esac
OUT=${2:-$EXT/offer-notes-$TARGET.vsix}
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
EXE=offer-notes
case "$TARGET" in win32-*) EXE=offer-notes.exe ;; esac

host_platform() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=other ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=other ;; esac
  if [ "$os" = linux ] && ldd --version 2>&1 | grep -qi musl; then os=alpine; fi
  echo "$os-$arch"
}

BIN=${OFFER_NOTES_BIN:-}
if [ -z "$BIN" ]; then
  BIN="$REPO/target/$TRIPLE/release/$EXE"
  if [ ! -f "$BIN" ] && [ "$TARGET" = "$(host_platform)" ]; then
    BIN="$REPO/target/release/$EXE"
  fi
fi
if [ ! -f "$BIN" ]; then
  echo "package-platform: no server binary at $BIN" >&2
  echo "  build it with: cargo build --release --locked --target $TRIPLE   (or set OFFER_NOTES_BIN)" >&2
  exit 1
fi

echo "package-platform: $TARGET with the server $BIN"
rm -rf "$EXT/server"
mkdir -p "$EXT/server"
cp "$BIN" "$EXT/server/$EXE"
chmod 755 "$EXT/server/$EXE"
trap 'rm -rf "$EXT/server"' EXIT

cd "$EXT"
# vscode:prepublish builds the extension (typecheck + bundle) before packaging.
npx --no-install vsce package --target "$TARGET" --no-dependencies --allow-missing-repository --out "$OUT"
echo "package-platform: wrote $OUT"
