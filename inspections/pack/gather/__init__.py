"""Gatherers: one function per table, `gatherer(ctx, spec) -> Table | list[Table]`, each a fixed number of
queries whatever the agency's size. sections.yaml names them; `pack_gather` runs them in its order."""

from inspections.pack.data import Section, Table
from inspections.pack.gather import agency, children, compliance, events, households, panel, staff
from inspections.pack.sections import sections_load

GATHERERS = {
    **agency.GATHERERS, **households.GATHERERS, **children.GATHERERS, **staff.GATHERERS, **panel.GATHERERS,
    **events.GATHERERS, **compliance.GATHERERS,
}


def section_specs(*, path=None):
    return sections_load(known_gatherers=GATHERERS, path=path)


def pack_gather(*, ctx, specs=None, progress=None) -> list[Section]:
    """Every section, gathered in order. `progress(done, total, title)` is called after each section."""
    specs = section_specs() if specs is None else specs
    sections = []
    for done, spec in enumerate(specs, start=1):
        tables = []
        for table_spec in spec.tables:
            result = GATHERERS[table_spec.gatherer](ctx, table_spec)
            tables.extend([result] if isinstance(result, Table) else result)
        sections.append(Section(id=spec.id, title=spec.title, intro=spec.intro, tables=tables,
                                landscape=spec.landscape))
        if progress is not None:
            progress(done, len(specs), spec.title)
    return sections
