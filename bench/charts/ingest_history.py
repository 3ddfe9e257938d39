#!/usr/bin/env python3
"""Draws bench/charts/ingest-history.svg: whole-ingest packets/s of each recorded bench run beside
softflowd's in the same run (figures copied from bench/results/; no plotting library needed).

    python3 bench/charts/ingest_history.py
"""
import os

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
for v in range(0, top_value + 1, 500_000):
    parts.append(f'<line x1="{LEFT}" x2="{W - 10}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
    parts.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v / 1e6:.1f} M</text>')
group = (W - LEFT - 10) / len(RUNS)
for i, (label, ours, peer, _) in enumerate(RUNS):
    x0 = LEFT + i * group + group * 0.15
    bw = group * 0.32
    for j, (v, colour) in enumerate(((ours, "#2a6fb0"), (peer, "#aaaaaa"))):
        x = x0 + j * (bw + 4)
        parts.append(f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{bw:.1f}" height="{TOP + plot_h - y(v):.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{y(v) - 4:.1f}" text-anchor="middle">{v / 1e6:.2f}</text>')
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
