#!/usr/bin/env bash
# check_format.sh: fails when a C++ file of the repository differs from what
# clang-format makes of it (.clang-format at the root: Google's style, 120 columns).
#   bash tools/check_format.sh          check every tracked .cpp/.hpp (run by .ci/run)
#   bash tools/check_format.sh --fix    reformat them in place
# Installs Debian's clang-format when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "check_format.sh: clang-format is missing; install Debian's clang-format package" >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang-format >/dev/null
fi
# Tracked sources, not the links under include/chancheck/ (their targets are listed once).
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' | while read -r f; do [ -L "$f" ] || echo "$f"; done)
if [ "${1:-}" = --fix ]; then
  clang-format -i "${files[@]}"
  echo "check_format: reformatted ${#files[@]} files"
  exit 0
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2>"$report"; then
  grep -E '^[^ ].*: (error|warning):' "$report" | cut -d: -f1 | sort -u | sed 's/^/  not formatted: /' >&2
  echo "check_format: run 'bash tools/check_format.sh --fix' ($(clang-format --version | head -1))" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files follow .clang-format"
