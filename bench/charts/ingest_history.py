#!/usr/bin/env python3
"""Draws bench/charts/ingest-history.svg: whole-ingest packets/s of each recorded bench run beside
softflowd's in the same run (figures copied from bench/results/; no plotting library needed).

    python3 bench/charts/ingest_history.py
"""
import os

import bars

# (label, netproof ingest packets/s, softflowd packets/s in the same run, results file)
RUNS = [
    ("17:40 foundation", 865052, 1000000, "2026-11-25-vm-amd-epyc-2c.md"),
    ("19:23 + TCP health", 487805, 1196172, "2026-11-25-1923-vm-amd-epyc-2c-tcp.md"),
    ("21:17 store rework", 664894, 922509, "2026-11-25-2117-vm-amd-epyc-2c-store.md"),
]
W, H, LEFT, TOP, BOTTOM = 640, 300, 70, 40, 60
top_value = 2_000_000
plot_h = H - TOP - BOTTOM


def y(v):
    return TOP + plot_h - v / top_value * plot_h


parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">Whole ingest of the 5 M-packet bench capture, packets/s</text>']
bars.grid(parts, LEFT, W - 10, y, top_value, 500_000, 1)
group = (W - LEFT - 10) / len(RUNS)
for i, (label, ours, peer, _) in enumerate(RUNS):
    x0 = LEFT + i * group + group * 0.15
    bw = group * 0.32
    bars.pair(parts, x0, bw, TOP + plot_h, y, ((ours, "#2a6fb0"), (peer, "#aaaaaa")))
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 18}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 34}" text-anchor="middle">{ours / peer:.2f}× softflowd</text>')
parts.append(f'<rect x="{W - 250}" y="{H - 18}" width="10" height="10" fill="#2a6fb0"/>'
             f'<text x="{W - 236}" y="{H - 9}">netproof ingest</text>'
             f'<rect x="{W - 130}" y="{H - 18}" width="10" height="10" fill="#aaaaaa"/>'
             f'<text x="{W - 116}" y="{H - 9}">softflowd, same run</text>')
parts.append(f'<line x1="{LEFT}" x2="{W - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#000"/></svg>')
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ingest-history.svg")
with open(out, "w") as f:
    f.write("\n".join(parts) + "\n")
print(out)
