"""Small helpers every gatherer uses."""

from django.db.models import Q

from inspections.pack.data import FACTS, Table


def table(spec, columns, rows, **options) -> Table:
    """A grid table with the id and title the sections file gave it."""
    return Table(id=spec.id, title=spec.title, columns=list(columns), rows=[tuple(row) for row in rows], **options)


def facts(spec, rows, **options) -> Table:
    """A two-column list of (label, value): figures and registration details."""
    return Table(id=spec.id, title=spec.title, columns=["Item", "Detail"], rows=[tuple(row) for row in rows],
                 layout=FACTS, **options)


def day(value) -> str:
    """"6 May 2025": dates inside sentences (cells keep real dates for the spreadsheets)."""
    return f"{value.day} {value:%b %Y}" if value else ""


def since_label(ctx) -> str:
    return f"since {day(ctx.since)}"


def in_post(queryset, today):
    """Staff who have started and not left by `today`."""
    return queryset.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
