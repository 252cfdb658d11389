# Sourced by bin/ipclab, bin/test and .ci/run: finds a JDK 25 or newer and sets JAVA_HOME to it,
# and checks that Maven is there when a build is needed.
# Order: JAVA_HOME if it is new enough, then the JDKs installed in the usual places.
# Reads each JDK's `release` file, so no JVM is started just to ask its version.

ipclab_jdk_feature() { # prints the feature version (17, 25...) of the JDK at $1, or nothing
  local line v=""
  [ -r "$1/release" ] || return 0
  # Read with the shell's own read, not sed: bin/ipclab runs this before every start.
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=\"[0-9]*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*}; break ;;
    esac
  done <"$1/release"
  [ -n "$v" ] && [ -x "$1/bin/java" ] && echo "$v"
  return 0
}

ipclab_find_jdk() {
  local want=25 best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(ipclab_jdk_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$want" ]; then return 0; fi
  fi
  # IPCLAB_JDK_SEARCH (a glob list) replaces the usual places; the tests use it.
  for d in ${IPCLAB_JDK_SEARCH:-/usr/lib/jvm/* /opt/java/* /opt/jdk* $HOME/.sdkman/candidates/java/* $HOME/.jdks/*}; do
    [ -d "$d" ] || continue
    v=$(ipclab_jdk_feature "$d")
    if [ -n "$v" ] && [ "$v" -ge "$want" ] && [ "$v" -gt "$best_v" ]; then best=$d best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "ipclab: needs a JDK $want or newer; none found in JAVA_HOME or /usr/lib/jvm (install Temurin 25, or set JAVA_HOME to a JDK 25)" >&2
    return 69
  fi
  export JAVA_HOME=$best
}

ipclab_require_maven() { # $1: who asks (ipclab, bin/test); exit status 69 (EX_UNAVAILABLE) when mvn is missing
  command -v mvn >/dev/null 2>&1 && return 0
  echo "$1: building needs Maven (mvn), which is not on PATH: apt-get install maven" >&2
  return 69
}
