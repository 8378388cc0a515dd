#!/usr/bin/env bash
# Runs the test suite with a JDK >= 21. Maven's chatter goes to a log; test counts, errors and the
# build result are shown. Extra arguments go to Maven, e.g. scripts/test.sh -Dtest='Doctor*'.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$here/scripts/java-env.sh"
offswitch_select_java || exit 3
cd "$here"

log=$(mktemp /tmp/offswitch-test.XXXXXX.log)
set +e
# sed: Debian's Maven 3.8 prints colour resets even in batch mode.
mvn -B -ntp test "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$log" \
  | grep --line-buffered -E 'Tests run:|\[ERROR\]|BUILD (SUCCESS|FAILURE)'
rc=${PIPESTATUS[0]}
set -e
if ((rc != 0)); then
  echo "scripts/test.sh: tests failed (exit $rc); full Maven log: $log" >&2
  exit "$rc"
fi
rm -f "$log"
