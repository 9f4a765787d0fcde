"""The stored files of a sampled case, for the pack's ZIP (evidence/<folder>/<file>).

A sampled household's folder holds its panel papers, the minutes of the panels that considered it
and the current verified Evidence of the household and everyone in it; a sampled child's folder
holds the current verified Evidence about the child and their placements. Pending, rejected and
superseded uploads never go in a pack.
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db.models import Q

from panels.models import PanelMinutes, PanelPaper
from records.evidence import download_name
from records.files import safe_download_name
from records.models import Evidence


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
    folder = EvidenceFolder(name=f"child-{folder_part(child.reference)}-{folder_part(who)}",
                            label=f"{who.replace('-', ' ')} ({child.reference})")
    folder.files = _evidence_files(Q(resident=child) | Q(placement__resident=child), set())
    return folder


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
    return files + _evidence_files(Q(household=household), used)


def _evidence_files(where, used) -> list[EvidenceFile]:
    """Current verified uploads (records/evidence.py), named by type and the date on the document."""
    files = []
    rows = (Evidence.objects.filter(where, status=Evidence.Status.VERIFIED, is_current=True)
            .order_by("kind", "issued_on", "pk"))
    for evidence in rows:
        dated = evidence.issued_on or evidence.created_at.date()
        suffix = PurePosixPath(evidence.file.name).suffix
        name = f"{evidence.kind.replace('_', '-')}-{dated:%Y-%m-%d}-{download_name(evidence)}"
        files.append(EvidenceFile(_unique(name, used, fallback=f"evidence-{evidence.pk}{suffix}"), evidence.file))
    return files


def _unique(name: str, used: set, *, fallback: str) -> str:
    name = safe_download_name(name, fallback=fallback)
    stem, suffix, number = PurePosixPath(name).stem, PurePosixPath(name).suffix, 2
    while name in used:
        name, number = f"{stem}-{number}{suffix}", number + 1
    used.add(name)
    return name
