#!/usr/bin/env bash
# What the application analyzers (DNS, HTTP/1.x, TLS, and the TCP reassembly they read) cost:
# `netproof ingest` of one capture with them on (the default) and off (--no-dns --no-http --no-tls),
# alternating, RUNS times each, on a fresh store each time. Prints each run, the medians, the ratio
# of packets per second (issue 4's target: on >= 70% of off) and what the analyzers found.
#
#   bench/analyzers.sh [PCAP]        (default bench/cache/synth-5000000.pcap, made by bench/run.sh;
#                                     bench/tls-mix.sh makes one with TLS handshakes in it)
# env: RUNS=5, OUT=file (also write the report there), EXTRA (options for both sides; default --no-packets:
#      with the packet store on, both sides wait for the disk (2.9 GB of segments) and the ratio says more
#      about the disk than about the analyzers; EXTRA= runs the defaults), COPIES=1 (COPIES > 1: each ingest
#      reads the capture and COPIES-1 copies of it in one process, so the JIT's one-time cost is paid once;
#      the copies differ in the pcap header's sigfigs byte, which makes them other sources; the packets/s
#      column is then the last file's rate, what a warm process does, and a table gives every file's rate)
# Lone runs here drift with the VM; `bench/options-ab.sh ROUNDS PCAP on:off - -` runs an on and an off
# ingest at the same time each round and compares their CPU, which the drift cannot tilt.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PCAP=${1:-$HERE/cache/synth-5000000.pcap}
RUNS=${RUNS:-5}
EXTRA=${EXTRA---no-packets}
[ -s "$PCAP" ] || { echo "no capture at $PCAP (bench/run.sh makes it)" >&2; exit 2; }
NP="$ROOT/netproof"
"$NP" --help > /dev/null   # build and train the launcher's cache before timing anything
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
COPIES=${COPIES:-1}
FILES=("$PCAP")
for k in $(seq 2 "$COPIES"); do
  cp "$PCAP" "$WORK/copy-$k.pcap"
  printf "\\x$(printf %02x "$k")" | dd of="$WORK/copy-$k.pcap" bs=1 seek=12 conv=notrunc status=none
  FILES+=("$WORK/copy-$k.pcap")
done
run() { # mode -> prints "wall_s packets_per_s" (the last file's), and each file's packets/s to $WORK/files-MODE
  local mode=$1 opts=()
  [ "$mode" = off ] && opts=(--no-dns --no-http --no-tls)
  rm -rf "$WORK/data-$mode"
  local t0 t1
  t0=$(date +%s.%N)
  "$NP" ingest --data "$WORK/data-$mode" "${opts[@]}" $EXTRA --progress none "${FILES[@]}" 2>&1 | grep 'packets/s)' \
    | sed -E 's/.*\(([0-9]+) packets\/s\).*/\1/' > "$WORK/rates-$mode"
  t1=$(date +%s.%N)
  paste -sd' ' "$WORK/rates-$mode" >> "$WORK/files-$mode"
  echo "$(echo "$t1 - $t0" | bc) $(tail -1 "$WORK/rates-$mode")"
}
declare -a ON OFF
{
  echo "# netproof analyzers on vs off: $(basename "$PCAP"), $(date -u +%FT%TZ), $(nproc) cores, $(git -C "$ROOT" rev-parse --short HEAD)"
  echo
  echo "Both sides: \`netproof ingest ${EXTRA:-(defaults)}\`; off adds \`--no-dns --no-http --no-tls\`."
  [ "$COPIES" -gt 1 ] && echo "Each ingest reads the capture and $((COPIES - 1)) copies of it in one process; packets/s is the last file's."
  echo
  echo "| run | on: wall s | on: packets/s | off: wall s | off: packets/s |"
  echo "|---|---:|---:|---:|---:|"
  for i in $(seq 1 "$RUNS"); do
    a=$(run on); b=$(run off)
    ON+=("$a"); OFF+=("$b")
    echo "| $i | ${a% *} | ${a#* } | ${b% *} | ${b#* } |"
  done
  med() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
  won=$(printf '%s\n' "${ON[@]}" | cut -d' ' -f1 | med); woff=$(printf '%s\n' "${OFF[@]}" | cut -d' ' -f1 | med)
  pon=$(printf '%s\n' "${ON[@]}" | cut -d' ' -f2 | med); poff=$(printf '%s\n' "${OFF[@]}" | cut -d' ' -f2 | med)
  echo
  echo "Medians: on $won s ($pon packets/s as the ingest reports it), off $woff s ($poff packets/s)."
  echo "On keeps $(echo "scale=3; $woff / $won" | bc) of the off rate by wall time, $(echo "scale=3; $pon / $poff" | bc) by the reported rate (target >= 0.70)."
  # Each run's on and off are neighbours in time: their ratio sees one state of a shared machine, where the
  # medians above mix states (this VM's speed drifts by up to 1.5x between minutes).
  rw=(); rp=()
  for i in $(seq 0 $((RUNS - 1))); do
    a=${ON[$i]}; b=${OFF[$i]}
    rw+=("$(echo "scale=4; ${b% *} / ${a% *}" | bc)"); rp+=("$(echo "scale=4; ${a#* } / ${b#* }" | bc)")
  done
  echo "Median of the runs' own ratios: $(printf '%s\n' "${rw[@]}" | med) by wall time (runs: ${rw[*]}), $(printf '%s\n' "${rp[@]}" | med) by the reported rate."
  if [ "$COPIES" -gt 1 ]; then
    # file k's rate on and off, median over the runs: the first file pays the JIT's one-time cost, the later
    # ones show what the analyzers cost in a warm process
    echo
    echo "Each file's own rate (median of the runs), on ÷ off:"
    echo
    echo "| file | on: packets/s | off: packets/s | on ÷ off |"
    echo "|---:|---:|---:|---:|"
    for k in $(seq 1 "$COPIES"); do
      fon=$(cut -d' ' -f"$k" "$WORK/files-on" | med); foff=$(cut -d' ' -f"$k" "$WORK/files-off" | med)
      echo "| $k | $fon | $foff | $(echo "scale=3; $fon / $foff" | bc) |"
    done
  fi
  echo
  echo "What the analyzers found (ledger totals of the last 'on' run):"
  echo
  "$NP" query quality --data "$WORK/data-on" | awk '$2 ~ /^(dns|http|tls|stream)$/ && $3 ~ /^(messages|events|connections|declined|gaps|errors|delivered)$/ {print "    " $2 "." $3 " " $4}'
} | tee ${OUT:+"$OUT"}
