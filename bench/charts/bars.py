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
