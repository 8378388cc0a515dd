#!/usr/bin/env bash
# Installs the system packages offswitch needs on Debian/Ubuntu, as root. Safe to re-run: when
# everything is present it changes nothing. The JDK is not an apt package on Debian 12; if none >= 21
# is found this says how to get one and exits 3.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$here/scripts/java-env.sh"

# bubblewrap: the sandbox; util-linux: unshare and nsenter (worlds' networks); gcc + libc6-dev: the small
# in-sandbox programs; python3 ... procps: what an ordinary machine offers the agent; maven: the build;
# docker.io: the second sandbox backend (--sandbox docker; the tests start their own dockerd); nodejs (with npm)
# and chromium: the test that opens our Inspect logs in Inspect's own viewer (npm packages go under target/);
# openssh-server, rsync, iproute2, nftables, conntrack: worlds of several hosts (sshd on the hosts, rsync on
# both ends, the world's private network, its firewall and its record of connections); postgresql: the
# PostgreSQL 15 server the store tests start on their own scratch cluster (the system's cluster is never used).
packages=(bubblewrap util-linux gcc libc6-dev python3 perl curl git openssh-client procps maven docker.io nodejs chromium
  openssh-server rsync iproute2 nftables conntrack postgresql)
# Debian's nodejs comes without npm (NodeSource's brings its own): ask for Debian's npm only where none is found.
command -v npm >/dev/null || packages+=(npm)

if [[ $EUID -ne 0 ]]; then
  echo "install-deps.sh: needs root to run apt-get: sudo $0" >&2
  exit 3
fi
if ! command -v apt-get >/dev/null; then
  echo "install-deps.sh: no apt-get here; install the equivalents of: ${packages[*]}" >&2
  exit 3
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps.sh: installing ${missing[*]}" >&2
  log=$(mktemp /tmp/offswitch-apt.XXXXXX.log)
  export DEBIAN_FRONTEND=noninteractive
  # Services are not started by the install (the tests start their own dockerd, sshd and PostgreSQL, and
  # a machine without an init system could not start them anyway): Debian's policy-rc.d says so to
  # invoke-rc.d. Only when no policy is there already, and removed again afterwards.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# written by offswitch install-deps.sh while it installs packages\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    ((own_policy)) && rm -f "$policy"
    tail -n 30 "$log" >&2
    echo "install-deps.sh: apt-get failed (full log: $log)" >&2
    exit 1
  fi
  ((own_policy)) && rm -f "$policy"
  rm -f "$log"
else
  echo "install-deps.sh: system packages already installed (${packages[*]})" >&2
fi

offswitch_select_java || exit 3
echo "install-deps.sh: Java $OFFSWITCH_JAVA_FEATURE at $JAVA_HOME" >&2
