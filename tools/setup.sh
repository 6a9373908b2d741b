#!/usr/bin/env bash
# setup.sh: the project's two set-up commands. Installs what is missing from
# Debian's packages (as root), builds, then
#   run    runs chancheck over the built-in scenario catalog: each known bug is
#          found and explained, each fix passes; exit 0 when every verdict is the
#          one the scenario declares
#   test   runs the whole test suite (ctest)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-}
case "$what" in
  run | test) ;;
  *) echo "usage: bash tools/setup.sh run|test" >&2; exit 2 ;;
esac

packages=(cmake make g++ python3 libboost-context-dev librapidcheck-dev relacy-dev nlohmann-json3-dev
          libcli11-dev googletest libgtest-dev libgmock-dev libbenchmark-dev)
# The tests also run the reports' real consumers: npm packages (tests/reports/package.json) and a browser.
# Node.js and npm count as present when their commands are (a Node.js from elsewhere brings its own npm,
# and Debian's npm package would conflict with it).
if [ "$what" = test ]; then
  packages+=(chromium)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == *"install ok installed"* ]] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: missing Debian packages: ${missing[*]}; run as root, or install them with apt-get" >&2
    exit 2
  fi
  echo "setup.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
# A unity build (CHANCHECK_UNITY): each library layer compiles as a few large files and
# the catalog and tests reuse precompiled headers, so a fresh build takes far less time.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHANCHECK_UNITY=ON >/dev/null
cmake --build build -j"$jobs"

if [ "$what" = run ]; then
  exec build/chancheck run --expected
else
  exec ctest --test-dir build --output-on-failure -j"$jobs"
fi
