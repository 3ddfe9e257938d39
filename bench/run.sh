#!/usr/bin/env bash
# Whole-program benchmark of netproof beside the peer tools, on one synthetic capture, in one run.
#
#   bench/run.sh [PACKETS] [FLOWS]        (defaults 5000000 and 300000; imix profile, seed 1)
#
# 1. makes (once; cached in bench/cache/) the capture with /work/shared/tools/bench/gen_pcap.py
# 2. times `./netproof ingest --progress none --data <fresh dir> FILE`, store included (median of RUNS),
#    with the defaults and with the options of each INGEST_MODES entry
# 3. runs the JMH PipelineBenchmark on the same file (read + decode + flow table, store excluded)
# 4. with MICRO=1 (default) also the DecoderBenchmark, FlowTableBenchmark and FlowMemory
# 5. runs /work/shared/tools/bench/run_peers.sh on the same file (softflowd, argus, tshark, C ceiling)
# and prints the tables and the issue's targets (bench/report.py), also written to
# bench/results/<date>-<machine>.md; raw outputs stay in bench/cache/run.<time>/.
#
# env: RUNS=3              repetitions of each timed program (median reported)
#      SKIP="..."          peer tools to leave out (run_peers.sh names); default skips the slow
#                          tshark_analysis and pmacctd and the flow-store tools (nfreplay, nfdump),
#                          which measure flow records, not packets
#      MICRO=0             skip the decoder / flow-table microbenchmarks and the memory measurement
#      JMH_OPTS="..."      extra JMH options (e.g. "-i 3 -r 5" for a quicker run)
#      UPTO=flow           PipelineBenchmark stages to run (default read,decode,flow: the whole path
#                          and its cost split by stage)
#      INGEST_MODES="|--no-packets|..."  option sets for the ingest, '|'-separated; the first is the
#                          headline (for a capture larger than half the RAM, leave out the defaults: their
#                          packet store pushes the capture out of the page cache) (default: the defaults,
#                          without the packet store, and the
#                          foundation's scope: no packet store, rollups, analyzers or TCP health,
#                          whose own budget (issue 3) is measured against the foundation's rate)
#      DURATION=SECONDS    the capture's span of time (gen_pcap.py's default is 600 s); with more
#                          packets and flows, a longer span keeps as many flows live at once
#                          (e.g. DURATION=2400 for 20000000 packets and 1200000 flows); file name -dSECONDS
#      MACHINE=name        the machine's name in the results file name
#      QUIET_LOAD=1.0      before each timed section, wait (at most QUIET_WAIT=600 s) until the
#                          1-minute load average is below this; the load seen is logged and reported
# Needs JDK 25, Maven, python3, GNU time and the peer tools (see /work/shared/tools/bench/README.md).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TOOLS=${TOOLS:-/work/shared/tools/bench}
PACKETS=${1:-5000000}
FLOWS=${2:-300000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-}
SKIP=${SKIP-tshark_analysis pmacctd nfcapd_ingest nfdump_topn}
MICRO=${MICRO:-1}
JMH_OPTS=${JMH_OPTS:-}
. "$ROOT/bin/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
CACHE="$HERE/cache"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$CACHE/run.$STAMP"
mkdir -p "$CACHE" "$WORK" "$HERE/results"
QUIET_LOAD=${QUIET_LOAD:-1.0}
QUIET_WAIT=${QUIET_WAIT:-600}
. "$HERE/lib.sh"
DATA_DIR=""
trap '[ -n "$DATA_DIR" ] && rm -rf "$DATA_DIR"' EXIT

# ---------------------------------------------------------------- the capture (cached)
if [ "$FLOWS" = 300000 ]; then PCAP="$CACHE/synth-$PACKETS"; else PCAP="$CACHE/synth-$PACKETS-f$FLOWS"; fi
GEN_DURATION=()
if [ -n "$DURATION" ]; then PCAP="$PCAP-d$DURATION"; GEN_DURATION=(--duration "$DURATION"); fi
PCAP="$PCAP.pcap"
if [ ! -s "$PCAP" ]; then
  log "generating $PCAP ($PACKETS packets, $FLOWS flows, imix, seed 1${DURATION:+, $DURATION s}; a few minutes)"
  python3 "$TOOLS/gen_pcap.py" --packets "$PACKETS" --flows "$FLOWS" --seed 1 --profile imix "${GEN_DURATION[@]}" \
    --out "$PCAP.tmp" >&2
  mv "$PCAP.tmp" "$PCAP"
fi
FSIZE=$(stat -c %s "$PCAP")

# ---------------------------------------------------------------- builds, outside any timing
# ./netproof builds and installs the app's modules when sources changed; the benchmarks jar is then
# rebuilt against those same jars, so both measure the same code.
log "building the app (./netproof --help) and the benchmarks jar"
(cd "$ROOT" && ./netproof --help > /dev/null) || { echo "run.sh: the app does not build" >&2; exit 1; }
JAR="$HERE/target/benchmarks.jar"
(cd "$ROOT" && mvn -q -B -pl bench package -DskipTests) || { echo "run.sh: the bench module does not build" >&2; exit 1; }
log "warming the page cache"
cat "$PCAP" > /dev/null

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- netproof ingest, store included
# Each mode is a set of options; the first (the defaults) is the headline figure, the others show what
# the packet store (disk-bound here) and the analyzers and tiers cost. Modes alternate within a repetition,
# so a slow spell of this shared machine falls on all of them.
IFS='|' read -r -a MODES <<< "${INGEST_MODES-|--no-packets|--no-packets --rollup none --no-dns --no-http --no-tls --no-tcp-analysis}"
log "netproof ingest x$RUNS, modes: ${#MODES[@]}"
for m in "${!MODES[@]}"; do
  tsv="$WORK/ingest.tsv"; [ "$m" -gt 0 ] && tsv="$WORK/ingest-$m.tsv"
  : > "$tsv"
  if [ "$m" -gt 0 ]; then echo "${MODES[$m]}" > "$WORK/ingest-$m.mode"
  elif [ -n "${MODES[0]}" ]; then echo "${MODES[0]}" > "$WORK/ingest-0.mode"; fi
done
for r in $(seq "$RUNS"); do
  for m in "${!MODES[@]}"; do
    tsv="$WORK/ingest.tsv"; tag=$r; [ "$m" -gt 0 ] && { tsv="$WORK/ingest-$m.tsv"; tag="$r.m$m"; }
    wait_quiet
    # Again before each run: this VM's kernel pages out memory idle for about a minute (DAMON, scheme `pageout`,
    # page cache included: the 20 M capture kept 5.1 of its 10.3 GB after 20 idle minutes, 11 GB of RAM free), and
    # wait_quiet may wait longer than that; the run would then read part of the capture from disk.
    cat "$PCAP" > /dev/null
    data=$(mktemp -d "$CACHE/ingest-data.XXXXXX") # a fresh, empty store each run
    DATA_DIR=$data
    set +e
    # shellcheck disable=SC2086 # a mode is a list of options
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/ingest.time.$tag" \
      "$ROOT/netproof" ingest --progress none --data "$data" ${MODES[$m]} "$PCAP" > "$WORK/ingest.out.$tag" 2>&1
    rc=$?
    set -e
    read -r wall rss usr sys < <(tail -1 "$WORK/ingest.time.$tag")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$wall" "$rss" "$rc" "$(cut -d' ' -f1 /proc/loadavg)" "$usr" "$sys" >> "$tsv"
    log "  run $r [${MODES[$m]:-defaults}]: ${wall}s, ${rss} kB, exit $rc"
    rm -rf "$data"
  done
done
INGEST_PKTS=$(sed -n 's/^[^:]*: \([0-9]*\) packets.*/\1/p' "$WORK/ingest.out.1" | head -1)
INGEST_WALL=$(cut -f2 "$WORK/ingest.tsv" | median)
INGEST_RSS=$(cut -f3 "$WORK/ingest.tsv" | sort -n | tail -1)
INGEST_RC=$(cut -f4 "$WORK/ingest.tsv" | sort -u | tr '\n' ' ')
INGEST_SELF=$(grep -o '([0-9]* packets/s)' "$WORK/ingest.out.1" | head -1 || true)
INGEST_FLOWS=$(sed -n 's/.* \([0-9]*\) flows stored.*/\1/p' "$WORK/ingest.out.1" | head -1)

# ---------------------------------------------------------------- JMH
jmh() { # NAME JSON ARGS...
  local name=$1 json=$2; shift 2
  wait_quiet
  local logf="$WORK/$(basename "$json" .json).log"
  log "JMH $name $* (load $(cut -d' ' -f1 /proc/loadavg))"
  "$JAVA" -jar "$JAR" "$name" -rf json -rff "$json" $JMH_OPTS "$@" > "$logf" 2>&1 || {
    echo "JMH $name failed; see $logf" >&2; tail -20 "$logf" >&2; return 1; }
}
# the whole path (upTo=flow) is the figure; read and decode alone split its cost by stage
jmh PipelineBenchmark "$WORK/jmh-pipeline.json" -p pcap="$PCAP" -p upTo="${UPTO:-read,decode,flow}" -p tcpAnalysis=true
# what TCP health costs: the flow table without it
jmh PipelineBenchmark "$WORK/jmh-pipeline-notcp.json" -p pcap="$PCAP" -p upTo=flow -p tcpAnalysis=false

if [ "$MICRO" = 1 ]; then
  jmh DecoderBenchmark "$WORK/jmh-decoder.json"
  jmh FlowTableBenchmark "$WORK/jmh-flowtable.json"
  wait_quiet
  log "FlowMemory (ParallelGC, as ./netproof runs; then G1)"
  "$JAVA" -XX:+UseParallelGC -cp "$JAR" dev.netproof.bench.FlowMemory > "$WORK/memory.parallel.txt"
  "$JAVA" -XX:+UseParallelGC -cp "$JAR" dev.netproof.bench.FlowMemory 1000000 1048576 no-tcp-analysis > "$WORK/memory.parallel-notcp.txt"
  "$JAVA" -XX:+UseG1GC -cp "$JAR" dev.netproof.bench.FlowMemory > "$WORK/memory.g1.txt"
fi

# ---------------------------------------------------------------- peers
wait_quiet
log "peer tools (run_peers.sh, SKIP=\"$SKIP\")"
SKIP="$SKIP" "$TOOLS/run_peers.sh" "$PCAP" "$RUNS" "$CACHE/peers" > "$WORK/peers.out" 2> "$WORK/peers.err" || {
  echo "run_peers.sh failed; see $WORK/peers.err" >&2; tail -20 "$WORK/peers.err" >&2; }
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
PKTS=$(sed -n 's/^== summary for .* (\([0-9]*\) packets.*/\1/p' "$WORK/peers.out")
PKTS=${PKTS:-${INGEST_PKTS:-$PACKETS}}

# ---------------------------------------------------------------- report
MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
MACHINE=${MACHINE:-$(hostname -s)-$(echo "$MODEL" | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '-' | sed 's/-$//')-$(nproc)c}
OUT="$HERE/results/$(date -u +%Y-%m-%d)-$MACHINE.md"
python3 "$HERE/report.py" "$WORK" "$PKTS" > "$WORK/table.md"
{
  echo "# netproof benchmark run $STAMP"
  echo
  echo "- command: \`${DURATION:+DURATION=$DURATION }bench/run.sh $PACKETS $FLOWS\` (RUNS=$RUNS, SKIP=\"$SKIP\", JMH_OPTS=\"$JMH_OPTS\")"
  echo "- capture: \`$(basename "$PCAP")\`, gen_pcap.py --packets $PACKETS --flows $FLOWS --seed 1 --profile imix${DURATION:+ --duration $DURATION}; $PKTS packets, $FSIZE bytes"
  echo "- machine: $MODEL, $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r), $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "- code: commit $(git -C "$ROOT" rev-parse --short HEAD)$([ -n "$(git -C "$ROOT" status --porcelain -- . ':!bench')" ] && echo ' with uncommitted changes outside bench/')"
  echo "- load average at start: $LOAD_START; at end: $LOAD_END"
  echo "- netproof ingest: exit codes $INGEST_RC; its own report: ${INGEST_SELF:-n/a}, ${INGEST_FLOWS:-?} flows stored"
  echo
  cat "$WORK/table.md"
  echo
  echo "Raw outputs: \`bench/cache/run.$STAMP/\` (not kept in git)."
} > "$OUT"
cat "$OUT"
echo >&2
log "written to $OUT"
