#!/usr/bin/env bash
# Runs the test suite with a JDK >= 21: the engine (this directory's pom.xml) and the JVM teams'
# modules in jvm/, in one Maven reactor (jvm/pom.xml with -Pengine, which adds the engine as a module).
# The reactor goes up to `install`, into a local repository of this work tree's own
# (target/local-repository): its last module builds the sample projects in examples/ with a Maven of
# their own, offline, against the artifacts just installed, as a team's build would. That repository
# links every other group to the shared ~/.m2/repository, so nothing is downloaded twice, and holds
# io.offswitch itself, so builds in parallel work trees never see each other's artifacts.
# Maven's chatter goes to a log; test counts, errors and the build result are shown. Extra arguments go
# to Maven, e.g. scripts/test.sh -Dtest='Doctor*'; a pattern may match tests of either part, but must match one.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$here/scripts/java-env.sh"
offswitch_select_java || exit 3
cd "$here"

# The shared repository's top-level entries (and those under io/, but io/offswitch) as symbolic links.
shared="${OFFSWITCH_SHARED_REPOSITORY:-$HOME/.m2/repository}"
repo="$here/target/local-repository"
mkdir -p "$shared/io" "$repo/io"
for entry in "$shared"/* "$shared"/io/*; do
  name=${entry#"$shared"/}
  [[ $name == io || $name == io/offswitch ]] && continue
  [[ -e $repo/$name || -L $repo/$name ]] || ln -s "$entry" "$repo/$name"
done

log=$(mktemp /tmp/offswitch-test.XXXXXX.log)
set +e
# sed: Debian's Maven 3.8 prints colour resets even in batch mode.
# offswitch.skipFatJar: the tests need the plain jars only, not the runnable offswitch-*-all.jar.
mvn -B -ntp -f jvm/pom.xml -Pengine -Dmaven.repo.local="$repo" -Doffswitch.skipFatJar=true -Dsurefire.failIfNoSpecifiedTests=false \
  install "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$log" \
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
