#!/usr/bin/env python3
"""Draws bench/charts/ingest-by-size.svg: the foundation-scope ingest's packets/s beside softflowd's, on the
5 M-packet bench capture and on a 20 M-packet one with as many flows live at once (figures copied from the
bench/results/ files named below; no plotting library needed).

    python3 bench/charts/ingest_by_size.py
"""
import os

import bars

# (label, netproof foundation-scope ingest packets/s, softflowd packets/s in the same run, results file)
RUNS = [
    ("5 M packets, 313 k flows", 1457726, 1196172, "2026-11-28-vm-intel-xeon-2c-5m.md"),
    ("20 M packets, 1.25 M flows", 1672241, 1262626, "2026-11-28-vm-intel-xeon-2c-20m.md"),
]
W, H, LEFT, TOP, BOTTOM = 560, 300, 70, 40, 60
top_value = 3_000_000
plot_h = H - TOP - BOTTOM


def y(v):
    return TOP + plot_h - v / top_value * plot_h


parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">Foundation-scope ingest beside softflowd, '
         f'packets/s (wall)</text>']
bars.grid(parts, LEFT, W - 10, y, top_value, 500_000, 1)
# issue 2's target: twice softflowd's rate, drawn over each pair
group = (W - LEFT - 10) / len(RUNS)
for i, (label, ours, peer, _) in enumerate(RUNS):
    x0 = LEFT + i * group + group * 0.15
    bw = group * 0.32
    bars.pair(parts, x0, bw, TOP + plot_h, y, ((ours, "#2a6fb0"), (peer, "#aaaaaa")))
    parts.append(f'<line x1="{x0 - 6:.1f}" x2="{x0 + 2 * bw + 10:.1f}" y1="{y(2 * peer):.1f}" y2="{y(2 * peer):.1f}" '
                 f'stroke="#c0392b" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{x0 + 2 * bw + 12:.1f}" y="{y(2 * peer) + 4:.1f}" fill="#c0392b">2×</text>')
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 18}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 34}" text-anchor="middle">{ours / peer:.2f}× softflowd</text>')
parts.append(f'<rect x="{W - 300}" y="{H - 18}" width="10" height="10" fill="#2a6fb0"/>'
             f'<text x="{W - 286}" y="{H - 9}">netproof ingest</text>'
             f'<rect x="{W - 180}" y="{H - 18}" width="10" height="10" fill="#aaaaaa"/>'
             f'<text x="{W - 166}" y="{H - 9}">softflowd, same run</text>')
parts.append(f'<line x1="{LEFT}" x2="{W - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#000"/></svg>')
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ingest-by-size.svg")
with open(out, "w") as f:
    f.write("\n".join(parts) + "\n")
print(out)
