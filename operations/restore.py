"""Restore an archive made by operations/backup.py into an empty, migrated database.

In order, and nothing is written until every check has passed:

1. `archive_verify`: read the archive once, hash every member, and compare with the manifest. A
   member missing, extra, or with another SHA-256 refuses the archive, naming the member.
2. The database must be empty (the catalogue a fresh `migrate` loads does not count) unless
   `force`, which empties it inside the same transaction as the load.
3. The migration state must equal the archive's; with `migrate`, an empty database is first
   migrated to the archive's state, and migrated forward to the code's after the load.
4. Stored files that already exist with other content are refused unless `force`.
5. One transaction: load the rows, write the files back through the storage API (re-hashed as
   they are written), and compare every model's count with the manifest. Any difference rolls the
   database back and deletes the files this run wrote.
"""

import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from operations.backup import (
    CHUNK, FILES_PREFIX, FIXTURE_NAME, FORMAT_VERSION, MANIFEST_NAME, SEEDED_BY_MIGRATE, HashingReader,
    backup_models, migration_state, sha256_of,
)


class RestoreRefused(Exception):
    """The archive or the target is not fit to restore into; nothing has been written."""


@dataclass
class RestoreResult:
    manifest: dict
    counts: dict[str, int]
    files_written: int
    files_unchanged: int
    migrated: bool = False
    notes: list[str] = field(default_factory=list)


def _open(path):
    try:
        return tarfile.open(path, "r|gz")
    except (OSError, tarfile.TarError) as exc:
        raise RestoreRefused(f"{path} is not a readable backup archive ({exc}).") from None


def _storage_name(member_name: str) -> str:
    name = member_name[len(FILES_PREFIX):]
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        raise RestoreRefused(f"The archive holds a file with an unsafe name: {member_name}.")
    return name


def archive_verify(path) -> dict:
    """The archive's manifest, after checking every member against its SHA-256. Raises RestoreRefused."""
    hashes, manifest_bytes = {}, None
    try:
        with _open(path) as tar:
            for member in tar:
                if not member.isfile():
                    raise RestoreRefused(f"The archive holds something that is not a file: {member.name}.")
                if member.name in hashes or (member.name == MANIFEST_NAME and manifest_bytes is not None):
                    raise RestoreRefused(f"The archive holds {member.name} twice.")
                stream = tar.extractfile(member)
                if member.name == MANIFEST_NAME:
                    manifest_bytes = stream.read()
                    continue
                if member.name != FIXTURE_NAME:
                    _storage_name(member.name)
                hashes[member.name] = sha256_of(stream)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise RestoreRefused(f"{path} is damaged and cannot be read to the end ({exc}).") from None
    if manifest_bytes is None:
        raise RestoreRefused(f"{path} has no {MANIFEST_NAME}: it is not a backup made by `manage.py backup`.")
    try:
        manifest = json.loads(manifest_bytes)
        expected = manifest["sha256"]
        manifest["counts"], manifest["migrations"]  # noqa: B018  (present, or the manifest is not ours)
    except (ValueError, KeyError, TypeError):
        raise RestoreRefused(f"{MANIFEST_NAME} in {path} is not a valid manifest.") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreRefused(f"The archive's format is {manifest.get('format')}; this code reads {FORMAT_VERSION}.")
    if FIXTURE_NAME not in expected:
        raise RestoreRefused(f"The manifest lists no {FIXTURE_NAME}.")
    for name in sorted(expected):
        if name not in hashes:
            raise RestoreRefused(f"Checksum failed: {name} is listed in the manifest but missing from the archive.")
        if hashes[name] != expected[name]:
            raise RestoreRefused(f"Checksum failed: {name} does not match its SHA-256 in the manifest "
                                 "(the archive is corrupt or has been altered). Nothing was restored.")
    extra = sorted(set(hashes) - set(expected))
    if extra:
        raise RestoreRefused(f"Checksum failed: {extra[0]} is in the archive but not in the manifest. "
                             "Nothing was restored.")
    return manifest


def database_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.using(using).count() for m in backup_models()}


def database_holdings(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The models that hold rows a fresh `migrate` would not have put there (tables not migrated yet hold none)."""
    tables = set(connections[using].introspection.table_names())
    return {label: n for label, n in (
        (m._meta.label_lower, m._base_manager.using(using).count())
        for m in backup_models() if m._meta.db_table in tables and m._meta.label_lower not in SEEDED_BY_MIGRATE
    ) if n}


def _check_migrations(manifest, using, migrate: bool) -> list[tuple[str, str]] | None:
    """None when the database's migration state is the archive's; else the targets to migrate to first."""
    wanted, current = manifest["migrations"], migration_state(using)
    if wanted == current:
        return None
    executor = MigrationExecutor(connections[using])
    unknown = [f"{app}.{name}" for app, name in wanted.items() if (app, name) not in executor.loader.graph.nodes]
    if unknown:
        raise RestoreRefused(f"The archive was made by a newer version of the code (unknown migration "
                             f"{unknown[0]}). Deploy that version, or a later one, and restore again.")
    differing = sorted(app for app in set(wanted) | set(current) if wanted.get(app) != current.get(app))
    if not migrate:
        detail = ", ".join(f"{app}: archive {wanted.get(app, '-')}, database {current.get(app, '-')}"
                           for app in differing[:5])
        raise RestoreRefused(f"The database's migrations differ from the archive's ({detail}). Restore with "
                             "--migrate to migrate this empty database to the archive's state, load, then "
                             "migrate forward.")
    return [(app, name) for app, name in wanted.items()]


def _check_files(manifest, storage) -> list[str]:
    """Names that exist in storage already; refuses one whose content differs (unless forced later)."""
    clashes = []
    for member, digest in manifest["sha256"].items():
        if not member.startswith(FILES_PREFIX):
            continue
        name = _storage_name(member)
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                same = sha256_of(existing) == digest
            if not same:
                clashes.append(name)
    return clashes


def _load_and_write(path, manifest, *, storage, using, overwrite, written):
    """Inside the caller's transaction: the rows, then the files, each file re-hashed as it is written."""
    files_written = files_unchanged = 0
    with _open(path) as tar, tempfile.TemporaryDirectory() as tmp:
        for member in tar:
            stream = tar.extractfile(member)
            if member.name == FIXTURE_NAME:
                fixture = Path(tmp) / FIXTURE_NAME
                with fixture.open("wb") as out:
                    shutil.copyfileobj(stream, out, CHUNK)
                call_command("loaddata", str(fixture), database=using, verbosity=0)
            elif member.name.startswith(FILES_PREFIX):
                name = _storage_name(member.name)
                digest = manifest["sha256"][member.name]
                if storage.exists(name):
                    with storage.open(name, "rb") as existing:
                        if sha256_of(existing) == digest:
                            files_unchanged += 1
                            continue
                    if not overwrite:
                        raise RestoreRefused(f"{name} already exists in storage with other content.")
                    storage.delete(name)
                # Spooled to a seekable local file (S3 uploads seek), hashed on the way, checked before saving.
                with tempfile.TemporaryFile(dir=tmp) as spool:
                    reader = HashingReader(stream)
                    shutil.copyfileobj(reader, spool, CHUNK)
                    if reader.sha256.hexdigest() != digest:
                        raise RestoreRefused(f"Checksum failed while writing {name}. Nothing was restored.")
                    spool.seek(0)
                    saved = storage.save(name, File(spool, name=name))
                written.append(saved)
                if saved != name:
                    raise RestoreRefused(f"Storage saved {name} as {saved}; restore needs the original name.")
                files_written += 1
    return files_written, files_unchanged


def _compare_counts(manifest, using) -> dict[str, int]:
    counts = database_counts(using)
    for label, expected in manifest["counts"].items():
        actual = counts.get(label)
        if actual is None:
            raise RestoreRefused(f"The archive holds {label}, which this code has no model for.")
        # A newer catalogue may hold clauses the archive's did not; every one of the archive's is there.
        too_few = actual < expected if label in SEEDED_BY_MIGRATE else actual != expected
        if too_few:
            raise RestoreRefused(f"After loading, {label} has {actual} rows; the archive holds {expected}. "
                                 "The restore was rolled back.")
    return counts


def _flush(using):
    """Empty every table (--force). PostgreSQL will not TRUNCATE a table with deferred checks pending."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", database=using, interactive=False, verbosity=0)
    ContentType.objects.clear_cache()  # flush re-creates content types under new ids
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore_run(*, path, force: bool = False, migrate: bool = False, storage=default_storage,
                using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Restore the archive at `path`. Raises RestoreRefused, having written nothing, when it cannot."""
    manifest = archive_verify(path)
    targets = _check_migrations(manifest, using, migrate)
    holdings = database_holdings(using)
    if holdings and not force:
        sample = ", ".join(f"{label} ({n})" for label, n in sorted(holdings.items())[:4])
        raise RestoreRefused(f"The database already holds records: {sample}. Restore into an empty, migrated "
                             "database, or use --force to replace everything in this one.")
    if holdings and targets:
        raise RestoreRefused("--migrate only runs on an empty database: migrations would have to change live data.")
    clashes = _check_files(manifest, storage)
    if clashes and not force:
        raise RestoreRefused(f"{len(clashes)} stored file(s) already exist with other content, e.g. {clashes[0]}. "
                             "Restore into empty storage, or use --force to overwrite them.")
    notes = []
    if targets:
        executor = MigrationExecutor(connections[using])
        executor.migrate(targets)
        notes.append("Migrated the empty database to the archive's state before loading.")
    written = []
    try:
        with transaction.atomic(using=using):
            if holdings:
                _flush(using)
                notes.append("Emptied the database first (--force).")
            files_written, files_unchanged = _load_and_write(path, manifest, storage=storage, using=using,
                                                             overwrite=force, written=written)
            counts = _compare_counts(manifest, using)
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    if targets:
        call_command("migrate", database=using, interactive=False, verbosity=0)
        notes.append("Migrated forward to this code's migrations after loading.")
    return RestoreResult(manifest=manifest, counts=counts, files_written=files_written,
                         files_unchanged=files_unchanged, migrated=bool(targets), notes=notes)
