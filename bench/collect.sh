#!/usr/bin/env bash
# Flow-export collector benchmark (issue 5): one export stream replayed over loopback at several offered
# rates, each rate sent to nfcapd and to `netproof collect` in turn, in the same run; what each stored.
#
#   bench/collect.sh
#
# 1. makes (once; cached in bench/cache/) the export stream: softflowd reads bench/cache/synth-5000000.pcap
#    (bench/run.sh makes it) and exports NetFlow v9 to nfcapd (607,114 records in 20,850 datagrams of
#    about 29 records) while dumpcap records the datagrams (sf-v9.pcap; sf-ipfix.pcap the same as IPFIX,
#    for ExportDecodeBenchmark); nfcapd's file copied up to RECORDS records is nfreplay's input (replay-RECORDS.nf)
# 2. for each sender setting and each of RUNS runs, for nfcapd then netproof: starts the collector
#    (socket buffer RCVBUF bytes, both), sends netproof WARMUP records at WARM_RATE/s then waits 2 s (its JIT
#    warm-up; nfcapd needs none), sends the stream, waits 3 s, reads the kernel's drops for the port
#    (/proc/net/udp), stops the collector and counts what it stored (nfdump -I; export_flows and the
#    ledger through dev.netproof.bench.StoreCount)
#    senders: nfreplay -v 9 -d DELAY (NFREPLAY_DELAYS, "" for none; nfreplay packs ~9 records a datagram
#    and offers at most ~1 M records/s here) and dev.netproof.bench.ExportBlaster at RECORDS/s
#    (BLASTER_RATES; 0 = as fast as one thread sends), which loops sf-v9.pcap until RECORDS records
# 3. runs the JMH ExportDecodeBenchmark (MICRO=0 skips it)
# 4. prints the table (medians of RUNS) and writes it to bench/results/<date>-<machine>-collect.md;
#    raw outputs stay in bench/cache/collect.<time>/
#
# env: RUNS=3  RECORDS=3035570  WARMUP=300000  WARM_RATE=100000  RCVBUF=4194304  NFREPLAY_DELAYS="20 0"
#      BLASTER_RATES="300000 1000000 0"  QUIET_LOAD=1.0 QUIET_WAIT=300  MACHINE=name  MICRO=1
#      PORT_NF=29981 PORT_NP=29982 (collectors)  JMH_OPTS="..."  KEEP_DATA=1 (keep each run's store; they are removed once counted)
#      TOOLS="nfcapd netproof" (the collectors run, in this order)  NP_OPTS="..." (more options for netproof collect, e.g. --ring 512MiB)
# Needs softflowd, nfcapd, nfdump, nfreplay, dumpcap, GNU time; JDK 25 and Maven (builds app and bench).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
. "$ROOT/bin/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-3}
RECORDS=${RECORDS:-3035570}
WARMUP=${WARMUP:-300000}
WARM_RATE=${WARM_RATE:-100000}
RCVBUF=${RCVBUF:-4194304}
NFREPLAY_DELAYS=${NFREPLAY_DELAYS-20 0}
BLASTER_RATES=${BLASTER_RATES-300000 1000000 0}
MICRO=${MICRO:-1}
JMH_OPTS=${JMH_OPTS:-}
TOOLS=${TOOLS:-nfcapd netproof}
NP_OPTS=${NP_OPTS:-}
PORT_NF=${PORT_NF:-29981}
PORT_NP=${PORT_NP:-29982}
QUIET_LOAD=${QUIET_LOAD:-1.0}
QUIET_WAIT=${QUIET_WAIT:-300}
CACHE="$HERE/cache"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$CACHE/collect.$STAMP"
mkdir -p "$CACHE" "$WORK" "$HERE/results"
. "$HERE/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM
port_drops() { # kernel drops of the UDP sockets on port $1 (last column of /proc/net/udp)
  awk -v p="$(printf '%04X' "$1")" 'NR>1 { split($2, a, ":"); if (a[2] == p) d += $NF } END { print d + 0 }' /proc/net/udp
}
udp_out() { awk '/^Udp:/ && $2 ~ /^[0-9]+$/ { print $5 }' /proc/net/snmp; }

# ---------------------------------------------------------------- the export stream (cached)
PCAP="$CACHE/synth-5000000.pcap"
[ -s "$PCAP" ] || { echo "collect.sh: $PCAP missing; bench/run.sh makes it" >&2; exit 1; }
capture_export() { # VERSION OUT PORT: softflowd's export of $PCAP, recorded by dumpcap (and nfcapd for v9)
  local v=$1 out=$2 port=$3 dc
  dumpcap -i lo -f "udp port $port" -P -B 64 -w "$out.tmp" -q > "$out.dumpcap.log" 2>&1 & dc=$!
  STARTED+=("$dc")
  sleep 2
  softflowd -r "$PCAP" -n "127.0.0.1:$port" -v "$v" -d -a > "$out.softflowd.log" 2>&1
  sleep 1
  kill -TERM "$dc"; wait "$dc" || true
  local sent got
  sent=$(sed -n 's/.* in \([0-9]*\) packets.*/\1/p' "$out.softflowd.log")
  # dumpcap may start its closing lines with a carriage return (after its packet counter)
  got=$(tr '\r' '\n' < "$out.dumpcap.log" | sed -n 's/^Packets captured: \([0-9]*\)/\1/p')
  [ "$sent" = "$got" ] || { echo "collect.sh: dumpcap kept $got of $sent datagrams; try again on a quieter machine" >&2; exit 1; }
  mv "$out.tmp" "$out"
}
if [ ! -s "$CACHE/sf-v9.pcap" ] || ! ls "$CACHE"/sf/nfcapd.* > /dev/null 2>&1; then
  log "making the export stream (softflowd -v 9 -> nfcapd, recorded by dumpcap)"
  rm -rf "$CACHE/sf" "$CACHE"/replay-*.nf; mkdir -p "$CACHE/sf"
  nfcapd -w "$CACHE/sf" -p 29990 -t 86400 -P "$CACHE/sf.pid" -B "$RCVBUF" > "$CACHE/sf.log" 2>&1 &
  STARTED+=($!); sleep 1
  capture_export 9 "$CACHE/sf-v9.pcap" 29990
  kill "$(cat "$CACHE/sf.pid")"; sleep 1
fi
# nfreplay's input: nfcapd's file of the stream, copied to at least RECORDS records (cached per RECORDS: a
# file made for a 60 M-record run would make every later nfreplay run of the default length last minutes)
REPLAY="$CACHE/replay-$RECORDS.nf"
if [ ! -s "$REPLAY" ]; then
  rm -rf "$CACHE/rsrc"; mkdir -p "$CACHE/rsrc"
  n=$(nfdump -R "$CACHE/sf" -I | awk '/^Flows:/{print $2}')
  copies=$(( (RECORDS + n - 1) / n ))
  for i in $(seq "$copies"); do cp "$CACHE"/sf/nfcapd.* "$CACHE/rsrc/nfcapd.2023111422$(printf %02d "$i")"; done
  nfdump -R "$CACHE/rsrc" -w "$REPLAY"
  rm -rf "$CACHE/rsrc"
fi
[ -s "$CACHE/sf-ipfix.pcap" ] || { log "recording softflowd's IPFIX export"; capture_export 10 "$CACHE/sf-ipfix.pcap" 29980; }
REPLAY_RECORDS=$(nfdump -r "$REPLAY" -I | awk '/^Flows:/{print $2}')

# ---------------------------------------------------------------- builds, outside any timing
log "building the app and the benchmarks jar (package only)"
(cd "$ROOT" && mvn -o -q -B -DskipTests -pl app,bench -am package) > "$WORK/build.log" 2>&1 || {
  tail -30 "$WORK/build.log" >&2; exit 1; }
BJAR="$HERE/target/benchmarks.jar"
COUNT_CP="$ROOT/app/target/netproof.jar:$HERE/target/classes"
"$ROOT/netproof" --help > /dev/null # the launcher's AOT cache, made once per build

# ---------------------------------------------------------------- one collector, one sender setting
# send SENDER SETTING RECORDS PORT OUTFILE: prints the wall seconds of the send
send() {
  local sender=$1 setting=$2 n=$3 port=$4 out=$5 t0 t1
  t0=$(date +%s.%N)
  case $sender in
    nfreplay) nfreplay -r "$REPLAY" -H 127.0.0.1 -p "$port" -v 9 -d "$setting" > "$out" 2>&1 ;;
    blaster) "$JAVA" -XX:+UseSerialGC -cp "$BJAR" dev.netproof.bench.ExportBlaster "$CACHE/sf-v9.pcap" 127.0.0.1 "$port" "$setting" "$n" > "$out" 2>&1 ;;
  esac
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}'
}
warm() { # PORT OUT: netproof's JIT warm-up (nfcapd, C, needs none), at a rate it stores without loss
  echo "sent 0 datagrams, 0 records" > "$2"
  [ "$WARMUP" -gt 0 ] || return 0
  "$JAVA" -XX:+UseSerialGC -cp "$BJAR" dev.netproof.bench.ExportBlaster "$CACHE/sf-v9.pcap" 127.0.0.1 "$1" "$WARM_RATE" "$WARMUP" > "$2" 2>&1
  sleep 2
}
ROWS="$WORK/rows.tsv"
printf 'sender\tsetting\trun\ttool\tsent\tsend_s\toffered\tudp_out\tstored\tlost\tkdrops\tring_full\tledger_kdrops\tledger_dgrams\texp_lost_dgrams\tcpu_s\trss_kB\tload\n' > "$ROWS"
one() { # SENDER SETTING RUN TOOL
  local sender=$1 setting=$2 r=$3 tool=$4 d="$WORK/$1-$2-$3-$4" port tp pid wall o0 o1 kd stored ring=NA lk=NA ld=NA el=NA
  local sent=$RECORDS
  [ "$sender" = nfreplay ] && sent=$REPLAY_RECORDS
  wait_quiet
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  rm -rf "$d"; mkdir -p "$d/data"
  if [ "$tool" = nfcapd ]; then
    port=$PORT_NF
    /usr/bin/time -f '%e %M %U %S' -o "$d/time" nfcapd -w "$d/data" -p "$port" -t 86400 -P "$d/pid" -B "$RCVBUF" > "$d/log" 2>&1 &
    tp=$!; STARTED+=("$tp")
    for _ in $(seq 50); do [ -s "$d/pid" ] && break; sleep 0.1; done
    pid=$(cat "$d/pid"); sleep 0.5
  else
    port=$PORT_NP
    /usr/bin/time -f '%e %M %U %S' -o "$d/time" "$ROOT/netproof" collect --data "$d/data" --udp "$port" --listen 127.0.0.1 \
      --rcvbuf "$RCVBUF" --duration 3600 --status-every 0 $NP_OPTS > "$d/log" 2>&1 &
    tp=$!; STARTED+=("$tp")
    for _ in $(seq 100); do grep -q 'collecting on udp' "$d/log" 2>/dev/null && break; sleep 0.1; done
    pid=$(pgrep -P "$tp" | head -1)
  fi
  [ "$tool" = netproof ] && warm "$port" "$d/warm.out"
  local k0; k0=$(port_drops "$port")
  o0=$(udp_out)
  wall=$(send "$sender" "$setting" "$RECORDS" "$port" "$d/send.out")
  o1=$(udp_out)
  sleep 3
  kd=$(( $(port_drops "$port") - k0 ))
  kill -TERM "$pid"
  wait "$tp" 2>/dev/null || true
  read -r _ rss u s < <(tail -1 "$d/time")
  if [ "$tool" = nfcapd ]; then
    stored=$(nfdump -R "$d/data" -I 2>/dev/null | awk '/^Flows:/{print $2; exit}')
  else
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$COUNT_CP" dev.netproof.bench.StoreCount "$d/data" > "$d/count" 2> "$d/count.err"
    stored=$(sed -n 's/^export_flows=//p' "$d/count")
    ring=$(sed -n 's/^collect.ring_full=//p' "$d/count"); ring=${ring:-0}
    lk=$(sed -n 's/^collect.kernel_drops=//p' "$d/count"); lk=${lk:-0}
    ld=$(sed -n 's/^collect.datagrams=//p' "$d/count")
    el=$(sed -n 's/^export.lost.datagrams=//p' "$d/count"); el=${el:-0}
  fi
  # each run's store is counted, then removed (KEEP_DATA=1 keeps them): a 60 M-record run writes about 6 GB for nfcapd
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$d/data"
  # the warm-up's records (netproof only, sent at WARM_RATE) are taken as stored; any loss counts against the run
  [ "$tool" = netproof ] && stored=$((stored - $(sed -n 's/.*datagrams, \([0-9]*\) records.*/\1/p' "$d/warm.out")))
  [ "$sender" = blaster ] && sent=$(sed -n 's/.*datagrams, \([0-9]*\) records.*/\1/p' "$d/send.out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$sender" "$setting" "$r" "$tool" "$sent" "$wall" \
    "$(awk -v n="$sent" -v w="$wall" 'BEGIN{printf "%.0f", n / w}')" "$((o1 - o0))" "$stored" "$((sent - stored))" "$kd" "$ring" "$lk" "$ld" "$el" \
    "$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')" "$rss" "$load" >> "$ROWS"
  log "  $sender $setting run $r $tool: sent $sent in ${wall}s, stored $stored, kernel drops $kd, ring full $ring"
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for delay in $NFREPLAY_DELAYS; do
  for r in $(seq "$RUNS"); do for tool in $TOOLS; do one nfreplay "$delay" "$r" "$tool"; done; done
done
for rate in $BLASTER_RATES; do
  for r in $(seq "$RUNS"); do for tool in $TOOLS; do one blaster "$rate" "$r" "$tool"; done; done
done

# ---------------------------------------------------------------- JMH: decode alone
if [ "$MICRO" = 1 ]; then
  wait_quiet
  log "JMH ExportDecodeBenchmark (load $(cut -d' ' -f1 /proc/loadavg))"
  (cd "$ROOT" && "$JAVA" -jar "$BJAR" ExportDecodeBenchmark -p pcap="$CACHE/sf-v9.pcap,$CACHE/sf-ipfix.pcap" \
    -rf json -rff "$WORK/jmh-decode.json" $JMH_OPTS) > "$WORK/jmh-decode.log" 2>&1 || tail -20 "$WORK/jmh-decode.log" >&2
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
MACHINE=${MACHINE:-$(hostname -s)-$(echo "$MODEL" | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '-' | sed 's/-$//')-$(nproc)c}
OUT="$HERE/results/$(date -u +%Y-%m-%d-%H%M)-$MACHINE-collect.md"
{
  echo "# netproof collect beside nfcapd, $STAMP"
  echo
  echo "- command: \`bench/collect.sh\` (RUNS=$RUNS, RECORDS=$RECORDS, WARMUP=$WARMUP, RCVBUF=$RCVBUF, NFREPLAY_DELAYS=\"$NFREPLAY_DELAYS\", BLASTER_RATES=\"$BLASTER_RATES\", TOOLS=\"$TOOLS\", NP_OPTS=\"$NP_OPTS\")"
  echo "- stream: softflowd -v 9 export of \`synth-5000000.pcap\` (607,114 records, 20,850 datagrams); nfreplay input $REPLAY_RECORDS records"
  echo "- machine: $MODEL, $(nproc) cores, kernel $(uname -r), net.core.rmem_max $(cat /proc/sys/net/core/rmem_max), $("$JAVA" -version 2>&1 | sed -n 2p), $(nfcapd -V 2>&1 | head -1)"
  echo "- code: commit $(git -C "$ROOT" rev-parse --short HEAD)$([ -n "$(git -C "$ROOT" status --porcelain -- . ':!bench')" ] && echo ' with uncommitted changes outside bench/')"
  echo "- load average at start: $LOAD_START; at end: $LOAD_END; raw rows: \`$(basename "$WORK")/rows.tsv\`"
  echo
  python3 - "$ROWS" "$WORK/jmh-decode.json" <<'PY'
import csv, json, os, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
med = lambda xs: statistics.median(xs) if xs else float('nan')
def num(r, k):
    try: return float(r[k])
    except (ValueError, KeyError): return float('nan')
keys = []
for r in rows:
    k = (r['sender'], r['setting'])
    if k not in keys: keys.append(k)
print('| sender, setting | nfcapd: offered records/s | stored | lost | kernel drops (datagrams) | CPU s | netproof: offered records/s | stored | lost | ledger: kernel drops + ring full (datagrams) | CPU s | load |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
f = lambda x: format(int(x), ',') if x == x else 'n/a'
for k in keys:
    nf = [r for r in rows if (r['sender'], r['setting']) == k and r['tool'] == 'nfcapd']
    np = [r for r in rows if (r['sender'], r['setting']) == k and r['tool'] == 'netproof']
    sent = med([num(r, 'sent') for r in nf + np])
    def lost(rs): return med([num(r, 'lost') / num(r, 'sent') * 100 for r in rs])
    label = ('nfreplay -d %s' % k[1]) if k[0] == 'nfreplay' else ('ExportBlaster %s' % ('max' if k[1] == '0' else k[1] + '/s'))
    print('| %s | %s | %s of %s | %.1f%% | %s | %.2f | %s | %s of %s | %.1f%% | %s + %s | %.2f | %s |' % (
        label, f(med([num(r, 'offered') for r in nf])), f(med([num(r, 'stored') for r in nf])), f(sent), lost(nf),
        f(med([num(r, 'kdrops') for r in nf])), med([num(r, 'cpu_s') for r in nf]),
        f(med([num(r, 'offered') for r in np])), f(med([num(r, 'stored') for r in np])), f(sent), lost(np),
        f(med([num(r, 'ledger_kdrops') for r in np])), f(med([num(r, 'ring_full') for r in np])),
        med([num(r, 'cpu_s') for r in np]), ' '.join(r['load'] for r in nf + np)))
print()
print('Per run (lost = sent - stored, records; kdrops from /proc/net/udp; ledger columns from netproof\'s quality table):')
print()
print('| sender | setting | run | tool | sent | send s | offered/s | stored | lost | kdrops | ring full | ledger kdrops | ledger datagrams | exporter lost datagrams | CPU s | RSS kB | load |')
print('|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
for r in rows:
    print('| ' + ' | '.join(r[c] for c in ['sender', 'setting', 'run', 'tool', 'sent', 'send_s', 'offered', 'stored', 'lost', 'kdrops',
                                           'ring_full', 'ledger_kdrops', 'ledger_dgrams', 'exp_lost_dgrams', 'cpu_s', 'rss_kB', 'load']) + ' |')
if os.path.exists(sys.argv[2]):
    print()
    print('JMH ExportDecodeBenchmark (FlowExports.decode alone, 4096 datagrams of softflowd\'s export):')
    print()
    print('| capture | datagrams/s | records/s |')
    print('|---|---:|---:|')
    for b in json.load(open(sys.argv[2])):
        pm = b['primaryMetric']; rec = b['secondaryMetrics'].get('records', {})
        print('| %s | %s ± %s | %s ± %s |' % (os.path.basename(b['params']['pcap']), format(int(pm['score']), ','), format(int(pm['scoreError']), ','),
              format(int(rec.get('score', 0)), ','), format(int(rec.get('scoreError', 0)), ',')))
PY
} > "$OUT"
cat "$OUT"
log "written $OUT"
