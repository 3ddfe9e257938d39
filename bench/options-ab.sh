#!/usr/bin/env bash
# Two sets of JVM options for `netproof ingest`, compared by the CPU time each ingest takes, with the
# machine's drift taken out: each round runs one ingest of each side AT THE SAME TIME (so a slow spell of
# the VM slows both alike), the side started first alternating from round to round. Run alone, the same
# ingest varies by up to 1.6x between minutes on the benchmark VM; run side by side, the same options
# against themselves give 0.93-1.05 per round.
#
#   bench/options-ab.sh ROUNDS PCAP MODE 'OPTIONS_A' 'OPTIONS_B'
#
# MODE: on (the defaults minus the packet store), off (and --no-dns --no-http --no-tls), or found (the
# foundation's scope: and --rollup none --no-tcp-analysis); MODE_A:MODE_B gives each side its own, e.g.
# `on:off - -` measures what the analyzers cost (B / A is then the share of the off rate that on keeps, issue
# 4's ratio, by CPU). OPTIONS go to the JVM through the launcher's NETPROOF_JAVA_OPTS; '-' is none.
# Prints each round's CPU-s (user + sys) and wall-s of each side, then the median of the rounds' B / A by
# CPU. What it cannot say: each side has about one core here (the two share the machine), so a change in
# how the work spreads over cores shows less than in a lone ingest.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ $# -eq 5 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
ROUNDS=$1 PCAP=$2 MODE=$3 A=$4 B=$5
[ "$A" = "-" ] && A=""
[ "$B" = "-" ] && B=""
[ -s "$PCAP" ] || { echo "no capture at $PCAP" >&2; exit 2; }
args_of() { # mode -> the ingest options of that mode, one a line
  case $1 in
    on) ;;
    off) printf '%s\n' --no-dns --no-http --no-tls ;;
    found) printf '%s\n' --rollup none --no-dns --no-http --no-tls --no-tcp-analysis ;;
    *) echo "MODE must be on, off or found (or two of them, A:B)" >&2; exit 2 ;;
  esac
}
MODE_A=${MODE%%:*} MODE_B=${MODE#*:}
args_of "$MODE_A" > /dev/null && args_of "$MODE_B" > /dev/null
mapfile -t XA < <(args_of "$MODE_A")
mapfile -t XB < <(args_of "$MODE_B")
NP="$ROOT/netproof"
. "$HERE/lib.sh"
"$NP" --help > /dev/null # build and train the launcher's cache first
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
one() { # side (a or b)
  local x=("${XA[@]}") opts=$A
  [ "$1" = b ] && x=("${XB[@]}") opts=$B
  rm -rf "$WORK/data-$1"
  NETPROOF_JAVA_OPTS="$opts" /usr/bin/time -f "%e %U %S" -o "$WORK/time-$1" \
    "$NP" ingest --data "$WORK/data-$1" --progress none --no-packets ${x[@]+"${x[@]}"} "$PCAP" > /dev/null 2> "$WORK/err-$1" \
    || { echo "side $1 failed:" >&2; cat "$WORK/err-$1" >&2; exit 1; }
}
echo "# options A: ${A:-(none)}"
echo "# options B: ${B:-(none)}"
echo "# $(basename "$PCAP"), mode A $MODE_A, mode B $MODE_B, $(nproc) cores, $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%FT%TZ)"
side_by_side "$ROUNDS" "$WORK"
