#!/usr/bin/env bash
# Runs the test suite with a JDK >= 21: the engine (this directory's pom.xml) and the JVM teams'
# modules in jvm/, in one Maven reactor (jvm/pom.xml with -Pengine, which adds the engine as a module,
# so jvm/ compiles against the engine's classes and nothing is installed in ~/.m2). Maven's chatter
# goes to a log; test counts, errors and the build result are shown. Extra arguments go to Maven,
# e.g. scripts/test.sh -Dtest='Doctor*'; a pattern may match tests of either part, but must match one.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$here/scripts/java-env.sh"
offswitch_select_java || exit 3
cd "$here"

log=$(mktemp /tmp/offswitch-test.XXXXXX.log)
set +e
# sed: Debian's Maven 3.8 prints colour resets even in batch mode.
mvn -B -ntp -f jvm/pom.xml -Pengine -Dsurefire.failIfNoSpecifiedTests=false test "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$log" \
  | grep --line-buffered -E 'Tests run:|\[ERROR\]|BUILD (SUCCESS|FAILURE)'
rc=${PIPESTATUS[0]}
set -e
if ((rc != 0)); then
  echo "scripts/test.sh: tests failed (exit $rc); full Maven log: $log" >&2
  exit "$rc"
fi
# Each module's summary line (the per-class lines end in "-- in CLASS"); a -Dtest pattern that matched
# nothing in any module must not pass as green.
ran=$(awk '/Tests run: [0-9]+/ && !/ -- in / { sub(/.*Tests run: /, ""); sum += $1 + 0 } END { print sum + 0 }' "$log")
if ((ran == 0)); then
  echo "scripts/test.sh: no test ran (a -Dtest pattern that matches nothing?); full Maven log: $log" >&2
  exit 1
fi
rm -f "$log"
