#!/usr/bin/env python3
"""Draws bench/charts/ingest-by-size.svg: the foundation-scope ingest's packets/s beside softflowd's, on the
5 M-packet bench capture and on a 20 M-packet one with as many flows live at once (figures copied from the
bench/results/ files named below; no plotting library needed).

    python3 bench/charts/ingest_by_size.py
"""
import bars

# (label, netproof foundation-scope ingest packets/s, softflowd packets/s in the same run, results file)
RUNS = [
    ("5 M packets, 313 k flows", 1457726, 1196172, "2026-11-28-vm-intel-xeon-2c-5m.md"),
    ("20 M packets, 1.25 M flows", 1672241, 1262626, "2026-11-28-vm-intel-xeon-2c-20m.md"),
]
print(bars.versus_softflowd(RUNS, "Foundation-scope ingest beside softflowd, packets/s (wall)", "ingest-by-size.svg",
                            560, 3_000_000, twice_line=True))
