#!/usr/bin/env bash
# defer_compile_check.sh: the Go reading of defer compiles and runs its calls at the
# end of the scope; each misuse in defer_compile_cases.cpp fails to compile, at its
# own line. Run by CTest: defer_compile_check.sh CXX INCLUDE_DIR MODEL_LIBRARY
set -euo pipefail
cxx=$1
include=$2
lib=$3
src="$(dirname "$0")/defer_compile_cases.cpp"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Case 0: compiles, links against the kit, and runs every deferred call.
"$cxx" -std=c++20 -Wall -Wextra -Werror -I"$include" -DCASE=0 "$src" "$lib" -pthread -o "$out/ok"
"$out/ok" || { echo "FAIL: the deferred calls did not all run" >&2; exit 1; }
echo "ok: case 0 (Go's reading) compiles and runs its deferred calls"

# Cases 1-4: each must fail, with an error at the misuse's line (and, where the
# defer(...) function is reached, the message that says what to write instead).
for c in 1 2 3 4; do
  line=$(grep -n "^#if CASE == $c\$\|^#elif CASE == $c\$" "$src" | cut -d: -f1)
  line=$((line + 1))
  [ "$c" = 3 ] && line=$((line + 1))
  if "$cxx" -std=c++20 -fsyntax-only -I"$include" -DCASE=$c "$src" 2>"$out/err$c"; then
    echo "FAIL: case $c compiled: $(sed -n "${line}p" "$src")" >&2
    exit 1
  fi
  if ! grep -q "defer_compile_cases.cpp:$line:" "$out/err$c"; then
    echo "FAIL: case $c failed, but not at line $line:" >&2
    cat "$out/err$c" >&2
    exit 1
  fi
  if [ "$c" != 2 ] && ! grep -q "write CHANCHECK_DEFER(call);" "$out/err$c"; then
    echo "FAIL: case $c failed without saying what to write instead:" >&2
    cat "$out/err$c" >&2
    exit 1
  fi
  echo "ok: case $c does not compile: $(sed -n "${line}p" "$src" | sed 's/^ *//')"
done
