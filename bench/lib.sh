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
