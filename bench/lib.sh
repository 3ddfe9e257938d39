# Shared by the bench scripts (sourced): logging, waiting for a quiet machine, medians.
# Needs QUIET_LOAD and QUIET_WAIT set by the caller.
log() { echo "[$(date +%T)] $*" >&2; }
# wait_quiet: other work on the machine skews every figure; wait for the 1-minute load average to fall
# below QUIET_LOAD, at most QUIET_WAIT seconds
wait_quiet() {
  local waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$QUIET_LOAD" 'BEGIN{exit !(l >= q)}'; do
    [ "$waited" -ge "$QUIET_WAIT" ] && { log "load still $(cut -d' ' -f1 /proc/loadavg) after ${waited}s; going on"; return 0; }
    sleep 10; waited=$((waited + 10))
  done
  [ "$waited" -gt 0 ] && log "waited ${waited}s for load < $QUIET_LOAD"
  return 0
}
# median of the numbers on stdin, one per line
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# processes started in the background (append their pids to STARTED); `trap cleanup EXIT` stops them
STARTED=()
cleanup() { local p; for p in "${STARTED[@]:-}"; do [ -z "$p" ] || kill "$p" 2>/dev/null || true; done; return 0; }
# side_by_side ROUNDS WORK: runs the caller's `one a` and `one b` (each an ingest that leaves "wall user sys" in
# WORK/time-a or WORK/time-b, from GNU time -f "%e %U %S") AT THE SAME TIME each round, the one started first
# alternating, so that a slow spell of the machine slows both alike; prints each round's CPU-s and wall-s of each
# side and B / A by CPU, then the median (options-ab.sh, builds-ab.sh)
side_by_side() {
  local rounds=$1 work=$2 r aw au as bw bu bs ac bcpu ratio ratios=()
  echo "round a_cpu_s b_cpu_s a_wall_s b_wall_s b/a_cpu"
  for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) = 1 ]; then one a & sleep 0.05; one b & else one b & sleep 0.05; one a & fi
    wait
    read -r aw au as < "$work/time-a"
    read -r bw bu bs < "$work/time-b"
    ac=$(echo "$au + $as" | bc) bcpu=$(echo "$bu + $bs" | bc)
    ratio=$(echo "scale=3; $bcpu / $ac" | bc)
    ratios+=("$ratio")
    echo "$r $ac $bcpu $aw $bw $ratio"
  done
  echo "B takes $(printf '%s\n' "${ratios[@]}" | median) of A's CPU (median of $rounds rounds;" \
    "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)-$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1))"
}
