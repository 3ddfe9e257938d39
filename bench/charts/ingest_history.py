#!/usr/bin/env python3
"""Draws bench/charts/ingest-history.svg: whole-ingest packets/s of each recorded bench run beside
softflowd's in the same run (figures copied from bench/results/; no plotting library needed).

    python3 bench/charts/ingest_history.py
"""
import bars

# (label, netproof ingest packets/s, softflowd packets/s in the same run, results file)
RUNS = [
    ("17:40 foundation", 865052, 1000000, "2026-11-25-vm-amd-epyc-2c.md"),
    ("19:23 + TCP health", 487805, 1196172, "2026-11-25-1923-vm-amd-epyc-2c-tcp.md"),
    ("21:17 store rework", 664894, 922509, "2026-11-25-2117-vm-amd-epyc-2c-store.md"),
]
print(bars.versus_softflowd(RUNS, "Whole ingest of the 5 M-packet bench capture, packets/s", "ingest-history.svg",
                            640, 2_000_000))
