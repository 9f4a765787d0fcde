"""The pack's ZIP: the PDF, the workbook, a CSV per table, the sampled cases' files and a manifest.

    inspection-pack-v3.pdf
    tables/inspection-pack-v3.xlsx
    tables/<table id>.csv                 e.g. tables/carers-register.csv, tables/case-list.csv
    evidence/<record>/<file>              e.g. evidence/household-HH-0012-Fenwick/panel-2026-03-12-Form F.pdf
    MANIFEST.txt                          every file with its size and SHA-256

Evidence files are copied from storage in chunks, so a large file never sits in memory whole.
"""

import hashlib
import zipfile
from dataclasses import dataclass

from inspections.pack.tables import table_csv

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    sha256: str


def base_name(version) -> str:
    return f"inspection-pack-v{version}"


def xlsx_path(version) -> str:
    return f"tables/{base_name(version)}.xlsx"


def csv_path(table_id: str) -> str:
    return f"tables/{table_id}.csv"


def bundle_write(target, *, version, pdf: bytes, xlsx: bytes, tables, folders, header_lines) -> list[ManifestEntry]:
    """Write the ZIP into the binary file object `target`; returns what went in."""
    manifest = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        def add(path, data):
            archive.writestr(path, data)
            manifest.append(ManifestEntry(path, len(data), hashlib.sha256(data).hexdigest()))

        add(f"{base_name(version)}.pdf", pdf)
        add(xlsx_path(version), xlsx)
        for table in tables:
            add(csv_path(table.id), table_csv(table))
        for folder in folders:
            if not folder.files:
                add(f"evidence/{folder.name}/NO-FILES.txt",
                    f"No files are stored against {folder.label} yet.\n".encode())
            for evidence in folder.files:
                path = f"evidence/{folder.name}/{evidence.name}"
                try:
                    manifest.append(_copy(archive, path, evidence.file))
                except OSError:  # missing from storage: say so rather than lose the whole pack
                    add(f"{path}.MISSING.txt", b"This file is recorded but missing from storage.\n")
        lines = [*header_lines, "", "Files (size in bytes, SHA-256):"]
        lines += [f"{entry.path}\t{entry.size}\t{entry.sha256}" for entry in manifest]
        archive.writestr("MANIFEST.txt", "\n".join(lines) + "\n")
    return manifest


def _copy(archive, path, field_file) -> ManifestEntry:
    digest, size = hashlib.sha256(), 0
    with field_file.storage.open(field_file.name, "rb") as source, archive.open(path, "w", force_zip64=True) as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return ManifestEntry(path, size, digest.hexdigest())
