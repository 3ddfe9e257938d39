#!/usr/bin/env bash
# Storage benchmark (issue 6): bytes on disk per stored flow, side by side with nfdump's LZ4 files of the
# same traffic, and the time of a top-10 talkers query over many stored flows, side by side with
# `nfdump -s ip/bytes`.
#
#   bench/storage.sh
#
# 1. size: `netproof ingest` of bench/cache/synth-5000000.pcap (bench/run.sh makes it; 312,975 flows) into a
#    fresh store; the ingest writes its flow and TCP rows to the hot tier's Parquet files (store/tier/HotFiles),
#    whose bytes on disk count as they lie; dev.netproof.bench.StoreSize copies each table alone into a fresh
#    DuckDB file and divides its blocks by its rows. The whole data directory's bytes per flow are printed
#    too. The same capture goes through softflowd (-v 9, both directions as two records) to nfcapd -y (LZ4) on
#    loopback; nfcapd's file size over its records (and over softflowd's flows).
# 2. query: dev.netproof.bench.SyntheticFlows fills a store with QUERY_FLOWS synthetic flows (one day, a
#    million originators with a heavy head); `netproof query top --by id.orig_h --metric bytes --limit 10`
#    and `--by host` (answered from the talker lists) and `--by id.orig_h --filter 'duration >= 0'` (the same
#    answer by grouping every flow) are timed RUNS times each (wall clock, the CLI's start included). nfdump reads nfcapd's
#    file copied until it holds at least NFDUMP_FLOWS records: `nfdump -R DIR -s srcip/bytes -n 10` and
#    `-s ip/bytes`, RUNS times each.
# 3. prints the table and writes it to bench/results/<date>-<machine>-storage.md; raw outputs stay in
#    bench/cache/storage.<time>/
#
# env: RUNS=3  QUERY_FLOWS=100000000  NFDUMP_FLOWS=10000000  QUIET_LOAD=1.0 QUIET_WAIT=300  MACHINE=name
#      PORT=29983  KEEP_QUERY_STORE=0 (1 keeps the synthetic store in bench/cache/storage-query-hot-N)
# Needs softflowd, nfcapd, nfdump, GNU time; JDK 25 and Maven (builds app and bench).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
. "$ROOT/bin/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-3}
QUERY_FLOWS=${QUERY_FLOWS:-100000000}
NFDUMP_FLOWS=${NFDUMP_FLOWS:-10000000}
PORT=${PORT:-29983}
QUIET_LOAD=${QUIET_LOAD:-1.0}
QUIET_WAIT=${QUIET_WAIT:-300}
KEEP_QUERY_STORE=${KEEP_QUERY_STORE:-0}
CACHE="$HERE/cache"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$CACHE/storage.$STAMP"
mkdir -p "$WORK" "$HERE/results"
. "$HERE/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM
secs() { /usr/bin/time -f '%e' -o "$1" "${@:2}" > /dev/null 2>> "$WORK/stderr.log"; cat "$1"; }

PCAP="$CACHE/synth-5000000.pcap"
[ -s "$PCAP" ] || { echo "storage.sh: $PCAP missing; bench/run.sh makes it" >&2; exit 1; }
log "building"
(cd "$ROOT" && mvn -o -q -B -DskipTests install) >&2
(cd "$HERE" && mvn -o -q -B -DskipTests package) >&2
CP="$ROOT/app/target/netproof.jar:$HERE/target/benchmarks.jar"
NP="$ROOT/netproof"

# ---------------------------------------------------------------- 1. bytes per flow
log "netproof ingest of $(basename "$PCAP")"
"$NP" ingest --data "$WORK/np" --progress none --no-packets "$PCAP" > "$WORK/ingest.out" 2>&1 \
  || "$NP" ingest --data "$WORK/np" --progress none "$PCAP" > "$WORK/ingest.out" 2>&1
"$JAVA" -cp "$CP" dev.netproof.bench.StoreSize "$WORK/np" flow_rows tcp_rows dns_events http_events tls_handshakes tls_offers \
  > "$WORK/size.out"
NP_FLOWS=$(awk '/^flow_rows/ { sub("rows=", "", $2); print $2 }' "$WORK/size.out")
NP_FLOW_BYTES=$(awk '/^flow_rows/ { sub("bytes=", "", $3); print $3 }' "$WORK/size.out")
NP_TCP_BYTES=$(awk '/^tcp_rows/ { sub("bytes=", "", $3); print $3 }' "$WORK/size.out")
NP_DIR_BYTES=$(du -sb "$WORK/np" | cut -f1)

log "softflowd -> nfcapd -y (LZ4)"
mkdir -p "$WORK/nf"
nfcapd -w "$WORK/nf" -p "$PORT" -t 86400 -y -B 8388608 -P "$WORK/nfcapd.pid" > "$WORK/nfcapd.log" 2>&1 &
STARTED+=($!); sleep 1
softflowd -r "$PCAP" -n "127.0.0.1:$PORT" -v 9 -d -c none > "$WORK/softflowd.log" 2>&1
sleep 2
kill "$(cat "$WORK/nfcapd.pid")"; sleep 2
NF_FILE=$(ls "$WORK"/nf/nfcapd.* | head -1)
NF_BYTES=$(stat -c %s "$NF_FILE")
NF_RECORDS=$(nfdump -r "$NF_FILE" -I | awk '/^Flows:/ {print $2}')
SF_FLOWS=$(sed -n 's/.*Flows exported: \([0-9]*\).*/\1/p' "$WORK/softflowd.log" | head -1)

# ---------------------------------------------------------------- 2. top-10 talkers
QDIR="$CACHE/storage-query-hot-$QUERY_FLOWS"  # "hot": the flows in hot files, as an ingest keeps them
if [ ! -s "$QDIR/netproof.duckdb" ]; then
  log "making a store of $QUERY_FLOWS synthetic flows (minutes)"
  rm -rf "$QDIR"
  "$NP" ingest --data "$QDIR" --progress none "$ROOT/app/src/main/resources/samples/zeek-dns53.pcap" > /dev/null 2>&1
  "$JAVA" -cp "$CP" dev.netproof.bench.SyntheticFlows "$QDIR" "$QUERY_FLOWS" "synthetic-$QUERY_FLOWS"
  touch "$QDIR/talkers.made"
fi
if [ ! -f "$QDIR/talkers.made" ]; then
  # a store cached before the talker lists existed: make them as the store writer would have (minutes)
  log "making the synthetic store's talker lists"
  "$NP" query top --data "$QDIR" --by proto --limit 1 > /dev/null 2>&1  # adds the lists' tables
  "$JAVA" -cp "$CP" dev.netproof.bench.SyntheticFlows "$QDIR" 0
  touch "$QDIR/talkers.made"
fi
Q_BYTES=$(du -sb "$QDIR/hot" | cut -f1)
log "nfdump input: nfcapd's file copied to at least $NFDUMP_FLOWS records"
mkdir -p "$WORK/nfq"
copies=$(( (NFDUMP_FLOWS + NF_RECORDS - 1) / NF_RECORDS ))
for i in $(seq "$copies"); do cp "$NF_FILE" "$WORK/nfq/nfcapd.20231114$(printf %04d "$i")"; done
NFQ_RECORDS=$(( copies * NF_RECORDS ))

wait_quiet
declare -A T
for run in $(seq "$RUNS"); do
  T[np_orig]+="$(secs "$WORK/t" "$NP" query top --data "$QDIR" --by id.orig_h --metric bytes --limit 10) "
  T[np_host]+="$(secs "$WORK/t" "$NP" query top --data "$QDIR" --by host --metric bytes --limit 10) "
  # a filter that every flow passes makes netproof group the flows instead of reading the talker lists
  T[np_orig_flows]+="$(secs "$WORK/t" "$NP" query top --data "$QDIR" --by id.orig_h --metric bytes --limit 10 --filter 'duration >= 0') "
  T[nf_src]+="$(secs "$WORK/t" nfdump -R "$WORK/nfq" -s srcip/bytes -n 10) "
  T[nf_ip]+="$(secs "$WORK/t" nfdump -R "$WORK/nfq" -s ip/bytes -n 10) "
done
"$NP" query top --data "$QDIR" --by id.orig_h --metric bytes --limit 10 > "$WORK/np_top.out" 2>&1
"$NP" query top --data "$QDIR" --by host --metric bytes --limit 10 > "$WORK/np_host.out" 2>&1
"$NP" query top --data "$QDIR" --by id.orig_h --metric bytes --limit 10 --filter 'duration >= 0' > "$WORK/np_top_flows.out" 2>&1
# the lists' answer must be the flows' answer, row for row
diff <(grep -v '^--' "$WORK/np_top.out") <(grep -v '^--' "$WORK/np_top_flows.out") > "$WORK/lists-vs-flows.diff" \
  && LISTS_AGREE=yes || LISTS_AGREE="NO (see $WORK/lists-vs-flows.diff)"
FROM_LISTS=$(grep -c 'from the talker lists' "$WORK/np_top.out" "$WORK/np_host.out" | awk -F: '{n += $2} END {print n}')
nfdump -R "$WORK/nfq" -s ip/bytes -n 10 > "$WORK/nf_top.out" 2>&1
med() { tr ' ' '\n' <<< "${T[$1]}" | grep . | median; }

MACHINE=${MACHINE:-$(hostname)}
OUT="$HERE/results/$(date -u +%Y-%m-%d-%H%M)-$MACHINE-storage.md"
{
  echo "# Storage: bytes per flow and top-10 talkers ($(date -u +%F), $MACHINE, $(nproc) cores)"
  echo
  echo "Command: \`bench/storage.sh\` (RUNS=$RUNS, QUERY_FLOWS=$QUERY_FLOWS, NFDUMP_FLOWS=$NFDUMP_FLOWS)"
  echo
  echo "| what | flows | bytes | bytes per flow |"
  echo "|---|---:|---:|---:|"
  awk -v f="$NP_FLOWS" -v b="$NP_FLOW_BYTES" 'BEGIN { printf "| netproof hot flows (flow_rows: hot files and table) | %d | %d | %.1f |\n", f, b, b / f }'
  awk -v f="$NP_FLOWS" -v b="$NP_FLOW_BYTES" -v t="$NP_TCP_BYTES" 'BEGIN { printf "| netproof hot flows + TCP health (tcp_rows) | %d | %d | %.1f |\n", f, b + t, (b + t) / f }'
  awk -v f="$NP_FLOWS" -v b="$NP_DIR_BYTES" 'BEGIN { printf "| netproof data directory, everything (flows, TCP health, DNS/HTTP events, rollups, ledger) | %d | %d | %.1f |\n", f, b, b / f }'
  awk -v f="$NF_RECORDS" -v b="$NF_BYTES" 'BEGIN { printf "| nfcapd -y (LZ4), per record (one direction) | %d | %d | %.1f |\n", f, b, b / f }'
  [ -n "$SF_FLOWS" ] && awk -v f="$SF_FLOWS" -v b="$NF_BYTES" 'BEGIN { printf "| nfcapd -y (LZ4), per softflowd flow | %d | %d | %.1f |\n", f, b, b / f }'
  awk -v f="$QUERY_FLOWS" -v b="$Q_BYTES" 'BEGIN { printf "| netproof hot files of the synthetic query flows | %d | %.0f | %.1f |\n", f, b, b / f }'
  echo
  echo "| query (median of $RUNS, seconds, wall clock) | flows | seconds |"
  echo "|---|---:|---:|"
  echo "| netproof query top --by id.orig_h --metric bytes --limit 10 | $QUERY_FLOWS | $(med np_orig) |"
  echo "| netproof query top --by host --metric bytes --limit 10 | $QUERY_FLOWS | $(med np_host) |"
  echo "| netproof query top --by id.orig_h --metric bytes --limit 10 --filter 'duration >= 0' (groups the flows) | $QUERY_FLOWS | $(med np_orig_flows) |"
  echo "| nfdump -R DIR -s srcip/bytes -n 10 | $NFQ_RECORDS | $(med nf_src) |"
  echo "| nfdump -R DIR -s ip/bytes -n 10 | $NFQ_RECORDS | $(med nf_ip) |"
  echo
  echo "All runs (s): netproof orig_h: ${T[np_orig]}; host: ${T[np_host]}; orig_h grouping the flows: ${T[np_orig_flows]}; nfdump srcip: ${T[nf_src]}; ip: ${T[nf_ip]}"
  echo
  echo "Answers from the talker lists: $FROM_LISTS of 2 (orig_h, host); the lists' orig_h answer equals the flows' answer: $LISTS_AGREE"
  echo
  echo "Table sizes (StoreSize): $(tr '\n' ';' < "$WORK/size.out")"
} | tee "$OUT"
[ "$KEEP_QUERY_STORE" = 1 ] || true
log "wrote $OUT; raw outputs in $WORK"
