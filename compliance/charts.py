"""Charts drawn on the server as inline SVG: no JavaScript library, nothing fetched from elsewhere.

The SVG scales to its container (viewBox, width 100%), takes its colours from Bootstrap's text
colour classes through currentColor, and carries a title and a plain-words description for
screen readers; each point has a <title>, which browsers show as a tooltip.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Sized for a third of a desktop page or a phone's width: 11-unit text stays readable at both.
WIDTH, HEIGHT = 400, 180
LEFT, RIGHT, TOP, BOTTOM = 36, 10, 10, 28


def _x(i, count) -> str:
    span = WIDTH - LEFT - RIGHT
    return f"{LEFT + (span / 2 if count == 1 else span * i / (count - 1)):.1f}"


def _y(percent, offset=0) -> str:
    """Coordinates go into format_html as text: it escapes its arguments, so format them first."""
    return f"{TOP + (HEIGHT - TOP - BOTTOM) * (100 - percent) / 100 + offset:.1f}"


def _when(run):
    return date_format(timezone.localtime(run.finished_at), "j M Y, H:i")


def readiness_trend_svg(runs, *, chart_id="readiness-trend") -> SafeString:
    """Readiness % of each finished whole-agency run, oldest first; failed runs are red crosses.

    `runs` are ComplianceRun rows (see compliance.selectors.whole_agency_runs).
    """
    points = [(i, run) for i, run in enumerate(runs)]
    scored = [(i, run, run.readiness_percent) for i, run in points
              if run.status == run.Status.SUCCEEDED and run.readiness_percent is not None]
    failed = [(i, run) for i, run in points if run.status == run.Status.FAILED]
    if not scored and not failed:
        return mark_safe("")
    count = len(runs)

    grid = format_html_join("", (
        '<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="currentColor" stroke-opacity="{3}"/>'
        '<text x="{4}" y="{5}" text-anchor="end" font-size="11" fill="currentColor">{6}%</text>'
    ), ((LEFT, WIDTH - RIGHT, _y(p), ".35" if p in (0, 100) else ".12", LEFT - 6, _y(p, 4), p)
        for p in (0, 25, 50, 75, 100)))
    line = format_html(
        '<polyline fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" points="{}"/>',
        " ".join(f"{_x(i, count)},{_y(p)}" for i, _, p in scored),
    ) if len(scored) > 1 else ""
    dots = format_html_join("", (
        '<circle cx="{}" cy="{}" r="4" fill="currentColor"><title>{}: {}% ready</title></circle>'
    ), ((_x(i, count), _y(p), _when(run), p) for i, run, p in scored))
    crosses = format_html_join("", (
        '<g transform="translate({} {})"><title>Run failed {}: {}</title>'
        '<path d="M-5 -5 L5 5 M5 -5 L-5 5" stroke="currentColor" stroke-width="2.5"/></g>'
    ), ((_x(i, count), _y(0, -8), _when(run), run.error.splitlines()[0][:120] if run.error else "no error recorded")
        for i, run in failed))
    first, last = (date_format(timezone.localtime(run.finished_at), "j M") for run in (runs[0], runs[-1]))
    axis = format_html(
        '<text x="{}" y="{}" font-size="11" fill="currentColor">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="currentColor">{}</text>',
        LEFT, HEIGHT - 8, first, WIDTH - RIGHT, HEIGHT - 8, last,
    ) if first != last else format_html(
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="currentColor">{}</text>',
        _x(0, 1), HEIGHT - 8, last)
    return format_html(
        '<svg id="{id}" class="w-100 h-auto" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc"'
        ' xmlns="http://www.w3.org/2000/svg" font-family="inherit">'
        '<title id="{id}-title">Readiness over the last {n}</title><desc id="{id}-desc">{desc}</desc>'
        '<g class="text-body-secondary">{grid}{axis}</g><g class="text-primary">{line}{dots}</g>'
        '<g class="text-danger">{crosses}</g></svg>',
        id=chart_id, w=WIDTH, h=HEIGHT, n=f"{count} check{'s' if count != 1 else ''}", desc=describe(scored, failed),
        grid=grid, axis=axis, line=line, dots=dots, crosses=crosses,
    )


def describe(scored, failed) -> str:
    """The chart in words, e.g. "From 71% on 3 Mar to 85% on 2 Apr; 1 check failed."."""
    parts = []
    if scored:
        (_, first, p0), (_, last, p1) = scored[0], scored[-1]
        parts.append(f"{p1}% on {_when(last)}" if first is last
                     else f"From {p0}% on {_when(first)} to {p1}% on {_when(last)}")
    if failed:
        parts.append(f"{len(failed)} check{'s' if len(failed) != 1 else ''} failed")
    return "; ".join(parts) + "."
