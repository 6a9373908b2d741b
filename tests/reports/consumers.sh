# consumers.sh: sourced by the report tests. Arguments: the chancheck binary and a
# folder of the build tree for the npm packages that read the reports (installed
# there with `npm ci` from this folder's package-lock.json, once per lock file).
# A consumer that cannot be installed fails the test; it is never skipped.
set -euo pipefail
CLI=$1
NPM_DIR=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The catalog's seed scenarios, a deadlock where a lock holder blocks (lock_across_send), a
# lock-order cycle, a leak behind a held lock, and a pipeline whose values pass between tasks.
scenarios=('seed/*' patterns/lock_across_send patterns/lock_order patterns/forgotten_unlock
           patterns/pipeline_early_stop)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

need_npm() {
  command -v npm >/dev/null || fail "npm is not installed; run bash tools/setup.sh test, which installs it"
  mkdir -p "$NPM_DIR"
  (
    flock 9
    if ! cmp -s "$here/package-lock.json" "$NPM_DIR/installed.lock"; then
      rm -f "$NPM_DIR/installed.lock"
      cp "$here/package.json" "$here/package-lock.json" "$NPM_DIR/"
      npm ci --prefix "$NPM_DIR" --no-audit --no-fund >"$NPM_DIR/npm-ci.log" 2>&1 ||
        { cat "$NPM_DIR/npm-ci.log" >&2; fail "npm ci could not install the report consumers (is the npm registry reachable?)"; }
      cp "$here/package-lock.json" "$NPM_DIR/installed.lock"
    fi
  ) 9>"$NPM_DIR.lock"
}
