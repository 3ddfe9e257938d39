#!/usr/bin/env python3
"""Draws each file's own ingest rate with the analyzers on and off, from the per-file table that
`COPIES=N bench/analyzers.sh` writes (one process reads the capture and N-1 copies of it, so the first
file pays the JIT's one-time cost and the later ones show a warm process). No plotting library needed.

    python3 bench/charts/analyzers_files.py bench/results/RESULTS.md [OUT.svg]
"""
import os
import re
import sys

import bars

src = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "analyzers-files.svg")
rows = []  # (file, on packets/s, off packets/s)
title = os.path.basename(src)
for line in open(src):
    if line.startswith("# "):
        title = line[2:].strip()
    m = re.match(r"\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*[.\d]+\s*\|\s*$", line)
    if m:
        rows.append(tuple(int(g) for g in m.groups()))
if not rows:
    sys.exit(f"no per-file table in {src} (run bench/analyzers.sh with COPIES > 1)")

W, H, LEFT, TOP, BOTTOM = 640, 320, 70, 50, 70
top_value = max(1_000_000, max(max(on, off) for _, on, off in rows) * 1.15)
plot_h = H - TOP - BOTTOM


def y(v):
    return TOP + plot_h - v / top_value * plot_h


parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<text x="{W / 2}" y="18" text-anchor="middle" font-size="14">Each file\'s own rate in one ingest, analyzers on and off</text>',
         f'<text x="{W / 2}" y="36" text-anchor="middle" font-size="10">{title}</text>']
bars.grid(parts, LEFT, W - 10, y, top_value, 250_000, 2)
group = (W - LEFT - 10) / len(rows)
for i, (k, on, off) in enumerate(rows):
    x0 = LEFT + i * group + group * 0.15
    bw = group * 0.32
    bars.pair(parts, x0, bw, TOP + plot_h, y, ((on, "#2a6fb0"), (off, "#aaaaaa")))
    label = "file 1 (cold JIT)" if k == 1 else f"file {k}"
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 18}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{x0 + bw:.1f}" y="{H - BOTTOM + 34}" text-anchor="middle">on keeps {on / off:.2f}</text>')
parts.append(f'<rect x="{W - 330}" y="{H - 18}" width="10" height="10" fill="#2a6fb0"/>'
             f'<text x="{W - 316}" y="{H - 9}">analyzers on</text>'
             f'<rect x="{W - 220}" y="{H - 18}" width="10" height="10" fill="#aaaaaa"/>'
             f'<text x="{W - 206}" y="{H - 9}">off (packets/s, median of runs)</text>')
parts.append(f'<line x1="{LEFT}" x2="{W - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#000"/></svg>')
with open(out, "w") as f:
    f.write("\n".join(parts) + "\n")
print(out)
