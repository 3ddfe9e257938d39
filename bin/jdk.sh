# Sourced by the project's scripts: selects JDK 25 (the project's target) whatever the default java is.
# Honours NETPROOF_JAVA_HOME, then JAVA_HOME if it is a 25, then the usual Debian/Temurin locations.
_np_is25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -q 'version "25'; }
for _cand in "${NETPROOF_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
  if [ -n "$_cand" ] && _np_is25 "$_cand"; then export JAVA_HOME="$_cand"; break; fi
done
if ! _np_is25 "${JAVA_HOME:-/nonexistent}"; then
  echo "netproof: JDK 25 not found; install it or set NETPROOF_JAVA_HOME" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:---enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow}"
