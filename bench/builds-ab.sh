#!/usr/bin/env bash
# Two builds of netproof compared by the CPU time of an ingest, with the machine's drift taken out the way
# options-ab.sh does it for JVM options: each round runs one ingest of each build AT THE SAME TIME, the one
# started first alternating from round to round.
#
#   bench/builds-ab.sh ROUNDS PCAP MODE DIR_A DIR_B
#
# DIR_A and DIR_B each hold a build's app/target files: netproof.jar and libduckdb_java.so_* (DuckDB loads its
# library from the jar's directory), e.g. `mkdir -p /tmp/old && cp app/target/netproof.jar
# app/target/libduckdb_java.so_* /tmp/old/` before changing the code. Each gets the launcher's JVM options and
# a JDK AOT cache trained as the launcher trains its own (made in the directory on first use). MODE as in
# options-ab.sh (on, off, found). Prints each round's CPU-s and wall-s of each side and B / A by CPU, then the
# median. Run it with the same directory on both sides first: that spread is the harness's own noise.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ $# -eq 5 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
ROUNDS=$1 PCAP=$2 MODE=$3 A=$(cd "$4" && pwd) B=$(cd "$5" && pwd)
[ -s "$PCAP" ] || { echo "no capture at $PCAP" >&2; exit 2; }
case $MODE in
  on) X=() ;;
  off) X=(--no-dns --no-http --no-tls) ;;
  found) X=(--rollup none --no-dns --no-http --no-tls --no-tcp-analysis) ;;
  *) echo "MODE must be on, off or found" >&2; exit 2 ;;
esac
JAVA_HOME=${NETPROOF_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# the launcher's options (JIT and GC)
. "$ROOT/bin/jvm.sh"
JAVA=("$JAVA_HOME/bin/java" "${NETPROOF_JVM[@]}" -Xlog:aot=off -Xlog:cds=off)
. "$HERE/lib.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for d in "$A" "$B"; do
  [ -s "$d/netproof.jar" ] || { echo "no netproof.jar in $d" >&2; exit 2; }
  if [ ! -s "$d/netproof.aot" ] || [ "$d/netproof.aot" -ot "$d/netproof.jar" ]; then
    rm -rf "$WORK/train"
    "${JAVA[@]}" -XX:AOTCacheOutput="$d/netproof.aot" -jar "$d/netproof.jar" ingest --progress none \
      --data "$WORK/train" "$ROOT"/app/src/main/resources/samples/*.pcap > /dev/null 2>&1 \
      || echo "could not train an AOT cache in $d; running it without" >&2
  fi
done
one() { # side (a or b)
  local dir=$A cache=()
  [ "$1" = b ] && dir=$B
  [ -s "$dir/netproof.aot" ] && cache=(-XX:AOTCache="$dir/netproof.aot")
  rm -rf "$WORK/data-$1"
  /usr/bin/time -f "%e %U %S" -o "$WORK/time-$1" "${JAVA[@]}" ${cache[@]+"${cache[@]}"} -jar "$dir/netproof.jar" ingest \
    --data "$WORK/data-$1" --progress none --no-packets ${X[@]+"${X[@]}"} "$PCAP" > /dev/null 2> "$WORK/err-$1" \
    || { echo "side $1 failed:" >&2; cat "$WORK/err-$1" >&2; exit 1; }
}
echo "# A: $A"
echo "# B: $B"
echo "# $(basename "$PCAP"), mode $MODE, $(nproc) cores, $(date -u +%FT%TZ)"
side_by_side "$ROUNDS" "$WORK"
