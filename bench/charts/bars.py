"""Pieces of the bench charts' SVG, written by hand: no plotting library is installed on the benchmark machines.
Values are packets per second, labelled in millions."""


def grid(parts, left, right, y, top_value, step, digits):
    """Horizontal lines every `step` from 0 to `top_value`, labelled at the left."""
    for v in range(0, int(top_value) + 1, step):
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v / 1e6:.{digits}f} M</text>')


def pair(parts, x0, bw, base, y, bars):
    """Bars side by side from `x0`, `bw` wide, rising from `base`: each (value, colour), its value above it."""
    for j, (v, colour) in enumerate(bars):
        x = x0 + j * (bw + 4)
        parts.append(f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{bw:.1f}" height="{base - y(v):.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{y(v) - 4:.1f}" text-anchor="middle">{v / 1e6:.2f}</text>')


def versus_softflowd(runs, title, out_name, width, top_value, twice_line=False):
    """A chart of netproof's ingest beside softflowd's in the same run, one pair of bars per run.

    `runs`: (label, netproof packets/s, softflowd packets/s, results file); `twice_line` draws issue 2's target, twice
    softflowd's rate, over each pair. Writes `out_name` beside this file and returns its path."""
    import os
    w, h, left, top, bottom = width, 300, 70, 40, 60
    plot_h = h - top - bottom

    def y(v):
        return top + plot_h - v / top_value * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    grid(parts, left, w - 10, y, top_value, 500_000, 1)
    group = (w - left - 10) / len(runs)
    for i, (label, ours, peer, _) in enumerate(runs):
        x0 = left + i * group + group * 0.15
        bw = group * 0.32
        pair(parts, x0, bw, top + plot_h, y, ((ours, "#2a6fb0"), (peer, "#aaaaaa")))
        if twice_line:
            parts.append(f'<line x1="{x0 - 6:.1f}" x2="{x0 + 2 * bw + 10:.1f}" y1="{y(2 * peer):.1f}" '
                         f'y2="{y(2 * peer):.1f}" stroke="#c0392b" stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{x0 + 2 * bw + 12:.1f}" y="{y(2 * peer) + 4:.1f}" fill="#c0392b">2×</text>')
        parts.append(f'<text x="{x0 + bw:.1f}" y="{h - bottom + 18}" text-anchor="middle">{label}</text>')
        parts.append(f'<text x="{x0 + bw:.1f}" y="{h - bottom + 34}" text-anchor="middle">{ours / peer:.2f}× softflowd</text>')
    parts.append(f'<rect x="{w - 250}" y="{h - 18}" width="10" height="10" fill="#2a6fb0"/>'
                 f'<text x="{w - 236}" y="{h - 9}">netproof ingest</text>'
                 f'<rect x="{w - 130}" y="{h - 18}" width="10" height="10" fill="#aaaaaa"/>'
                 f'<text x="{w - 116}" y="{h - 9}">softflowd, same run</text>')
    parts.append(f'<line x1="{left}" x2="{w - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#000"/></svg>')
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), out_name)
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")
    return out
