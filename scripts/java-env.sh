# Sourced by ./offswitch, scripts/test.sh and scripts/install-deps.sh: finds a JDK >= 21 and exports
# JAVA_HOME. The Temurin 25 JDK is preferred when it is installed; otherwise JAVA_HOME, then java on PATH.

OFFSWITCH_PREFERRED_JDK="${OFFSWITCH_PREFERRED_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OFFSWITCH_MIN_JAVA=21

# Prints the feature release of the java binary $1: 25 for "25.0.1", 8 for "1.8.0_402".
offswitch_java_feature() {
  "$1" -version 2>&1 | awk -F'"' '/version "/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; exit }'
}

# Says why there is no usable Java and how to get one; $1 is what was found.
offswitch_no_java() {
  cat >&2 <<EOT
offswitch: $1; offswitch needs Java ${OFFSWITCH_MIN_JAVA} or newer.
How to get one: Debian 12 only packages OpenJDK 17 (apt-get install openjdk-17-jdk is NOT enough;
there is no openjdk-21 package in bookworm). Install Eclipse Temurin from the Adoptium apt repository, as root:
  apt-get install -y wget gpg && install -d -m 0755 /etc/apt/keyrings
  wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor -o /etc/apt/keyrings/adoptium.gpg
  echo "deb [signed-by=/etc/apt/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb \$(. /etc/os-release; echo \$VERSION_CODENAME) main" > /etc/apt/sources.list.d/adoptium.list
  apt-get update && apt-get install -y temurin-25-jdk
./offswitch then uses ${OFFSWITCH_PREFERRED_JDK} by itself; or point JAVA_HOME at any JDK >= ${OFFSWITCH_MIN_JAVA}.
The other system packages come from scripts/install-deps.sh.
EOT
}

# Exports JAVA_HOME (and puts its bin first on PATH) and OFFSWITCH_JAVA_FEATURE; returns 3 when no
# JDK >= 21 is found, after saying how to get one.
offswitch_select_java() {
  if [[ -x $OFFSWITCH_PREFERRED_JDK/bin/java ]]; then
    export JAVA_HOME=$OFFSWITCH_PREFERRED_JDK
  fi
  local java
  if [[ -n ${JAVA_HOME:-} ]]; then
    java=$JAVA_HOME/bin/java
  else
    java=$(command -v java || true)
  fi
  if [[ -z $java || ! -x $java ]]; then
    offswitch_no_java "no Java found (JAVA_HOME=${JAVA_HOME:-unset}, no java on PATH)"
    return 3
  fi
  OFFSWITCH_JAVA_FEATURE=$(offswitch_java_feature "$java")
  if [[ -z $OFFSWITCH_JAVA_FEATURE ]] || (( OFFSWITCH_JAVA_FEATURE < OFFSWITCH_MIN_JAVA )); then
    offswitch_no_java "Java ${OFFSWITCH_JAVA_FEATURE:-of unknown version} at $java is too old"
    return 3
  fi
  export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$java")")")}
  export PATH="$JAVA_HOME/bin:$PATH"
}
