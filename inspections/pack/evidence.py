"""The stored files of a sampled case, for the pack's ZIP (evidence/<folder>/<file>).

Today the only stored files are panel papers (each on an agenda item about a household) and panel
minutes. So a sampled household's folder holds its panel papers and the minutes of the panels that
considered it; a sampled child's folder has none yet. When an Evidence model arrives, extend
`evidence_files_for` and every pack picks the files up.
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from panels.models import PanelMinutes, PanelPaper
from records.files import safe_download_name


@dataclass(frozen=True)
class EvidenceFile:
    name: str  # the file's name inside its folder
    file: object  # a FieldFile, opened from storage when the ZIP is written


@dataclass
class EvidenceFolder:
    name: str  # e.g. household-HH-0012-Fenwick, child-C-0107-JS
    label: str
    files: list[EvidenceFile] = field(default_factory=list)


def folder_part(text: str) -> str:
    """Letters, digits and hyphens only: safe as a folder name on every system."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def evidence_files_for(case, *, full_names=False) -> EvidenceFolder:
    """The folder for one SampledCase (a household or a child) and the files found for it."""
    if case.household_id:
        household = case.household
        surname = household.name.removesuffix(" household")
        folder = EvidenceFolder(name=f"household-{folder_part(household.reference)}-{folder_part(surname)}",
                                label=str(household))
        folder.files = _household_files(household)
        return folder
    child = case.resident
    who = f"{child.first_name}-{child.last_name}" if full_names else child.initials
    return EvidenceFolder(name=f"child-{folder_part(child.reference)}-{folder_part(who)}",
                          label=f"{who.replace('-', ' ')} ({child.reference})")


def _household_files(household) -> list[EvidenceFile]:
    files, used = [], set()
    papers = (PanelPaper.objects.filter(item__household=household).select_related("item__meeting")
              .order_by("item__meeting__date", "pk"))
    for paper in papers:
        name = f"panel-{paper.item.meeting.date:%Y-%m-%d}-{paper.original_filename}"
        files.append(EvidenceFile(_unique(name, used, fallback=f"paper-{paper.pk}"), paper.file))
    minutes = (PanelMinutes.objects.filter(meeting__items__household=household).exclude(file="")
               .select_related("meeting").distinct().order_by("meeting__date"))
    for record in minutes:
        suffix = PurePosixPath(record.file.name).suffix or PurePosixPath(record.original_filename).suffix
        name = f"panel-{record.meeting.date:%Y-%m-%d}-minutes{suffix}"
        files.append(EvidenceFile(_unique(name, used, fallback=f"minutes-{record.pk}{suffix}"), record.file))
    return files


def _unique(name: str, used: set, *, fallback: str) -> str:
    name = safe_download_name(name, fallback=fallback)
    stem, suffix, number = PurePosixPath(name).stem, PurePosixPath(name).suffix, 2
    while name in used:
        name, number = f"{stem}-{number}{suffix}", number + 1
    used.add(name)
    return name
