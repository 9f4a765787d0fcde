"""One archive holding the whole agency: the database as a fixture, every stored file, and a manifest.

    archive.tar.gz
      db.jsonl          every row of every model (history included), one JSON object per line
      files/<name>      every file in the default storage, under its storage name
      manifest.json     created_at, versions, migration state, record counts, a SHA-256 per member

Rows and files are streamed: a row is serialised and written, a file is read from storage in chunks
while it is hashed and added, so memory does not grow with the size of the agency. The database is
read in one REPEATABLE READ transaction on PostgreSQL, so the rows and the counts are one snapshot.

This is the portable backup (any database, any storage backend, restorable with `manage.py restore`);
production should also run the PostgreSQL-native backups in docs/backup-and-restore.md.
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
FIXTURE_NAME = "db.jsonl"
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024

# Rebuilt by `migrate` (post_migrate) in every database: rows elsewhere refer to them by natural key.
REBUILT_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Transient: who is signed in now and who is locked out now. Restoring them would resurrect old
# sign-ins and lock-outs; the sign-in audit trail (axes.accesslog, axes.accessfailurelog) is kept.
TRANSIENT = {"sessions.session", "axes.accessattempt", "axes.accessattemptexpiration"}
EXCLUDED = REBUILT_BY_MIGRATE | TRANSIENT
# Included, but a freshly migrated database already holds them (compliance/migrations/0002 loads the
# clause catalogue), so they do not make a database "not empty" and restore overwrites them by id.
SEEDED_BY_MIGRATE = {"compliance.clause"}


@dataclass
class BackupResult:
    path: Path
    counts: dict[str, int]
    files: int
    bytes: int
    missing_files: list[str] = field(default_factory=list)


def backup_models() -> list[type[models.Model]]:
    """Every concrete model the backup holds, in dependency order (what a row refers to comes first)."""
    by_app = {}
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed or opts.label_lower in EXCLUDED:
            continue
        by_app.setdefault(opts.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The latest applied migration per app, e.g. {"records": "0031_household_retention"}."""
    latest = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        if name > latest.get(app_label, ""):
            latest[app_label] = name
    return dict(sorted(latest.items()))


def app_version() -> str:
    """APP_VERSION from the environment (set it at deploy), else the git commit, else 'unknown'."""
    if os.environ.get("APP_VERSION"):
        return os.environ["APP_VERSION"]
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=settings.BASE_DIR, capture_output=True,
                             text=True, timeout=5, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def stored_file_names(storage=default_storage) -> list[str]:
    """Every file in `storage`, walked through the storage API (works on the filesystem and on S3)."""
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # an empty MEDIA_ROOT that was never created
            continue
        names += [f"{folder}/{name}" if folder else name for name in files]
        folders += [f"{folder}/{name}" if folder else name for name in subfolders]
    return sorted(names)


def referenced_file_names() -> set[str]:
    """Every name a FileField of a current row points at (history rows may name files since replaced)."""
    names = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names |= set(model._base_manager.exclude(**{f.name: ""}).exclude(**{f"{f.name}__isnull": True})
                             .values_list(f.name, flat=True))
    return names


class HashingReader:
    """Wraps a file: every byte read through it goes into a SHA-256."""

    def __init__(self, raw):
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def default_archive_name(now: datetime) -> str:
    return f"fostering-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def _counted(queryset, counts, label):
    counts[label] = 0
    for obj in queryset.iterator(chunk_size=2000):
        counts[label] += 1
        yield obj


class _Serializer(JsonlSerializer):
    """JSON lines with natural keys only for references to the tables `migrate` rebuilds (content types,
    permissions), whose ids differ between databases; every other reference keeps its id, so loading
    does not look each one up (a user referred to by username would cost a query per row)."""

    def _natural_for(self, field):
        self.use_natural_foreign_keys = field.related_model._meta.label_lower in REBUILT_BY_MIGRATE

    def handle_fk_field(self, obj, field):
        self._natural_for(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self._natural_for(field)
        super().handle_m2m_field(obj, field)


def _is_rebuilt(model) -> bool:
    return model._meta.label_lower in REBUILT_BY_MIGRATE


def _dump_database(stream, using) -> dict[str, int]:
    """Write every row to `stream` as JSON lines; references to rebuilt tables as natural keys."""
    counts = {}
    for model in backup_models():
        label = model._meta.label_lower
        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        # Without these the serialiser fetches each natural-key target and each M2M set row by row.
        natural = [f.name for f in model._meta.concrete_fields if f.is_relation and _is_rebuilt(f.related_model)]
        m2m = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
        queryset = queryset.select_related(*natural).prefetch_related(*m2m)
        _Serializer().serialize(_counted(queryset, counts, label), stream=stream)
    return counts


def _add_member(tar, name: str, fileobj, size: int) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(datetime.now(UTC).timestamp()), 0o600
    reader = HashingReader(fileobj)
    tar.addfile(info, reader)
    if reader.size != size:
        raise OSError(f"{name} changed size while it was being backed up.")
    return reader.sha256.hexdigest()


@contextmanager
def _snapshot(using):
    """One consistent view of the database for the whole dump (PostgreSQL; elsewhere a plain transaction)."""
    connection = connections[using]
    repeatable = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(using=using):
        if repeatable:  # must be the transaction's first statement
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup_create(*, output: Path | str | None = None, storage=default_storage,
                  using: str = DEFAULT_DB_ALIAS, now: datetime | None = None) -> BackupResult:
    """Write one .tar.gz archive of the database and every stored file; return where and what it holds.

    `output` is a folder (the archive is named with the time) or a file path; default: the current folder.
    The archive is written under a temporary name and renamed when complete, so a half-written
    archive never looks like a backup.
    """
    now = now or datetime.now(UTC)
    target = Path(output) if output else Path.cwd()
    if target.is_dir() or (output is None):
        target = target / default_archive_name(now)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    checksums, total = {}, 0
    try:
        # Only the owner may read it: the archive holds every child's and carer's personal data.
        raw = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
        with raw, tarfile.open(fileobj=raw, mode="w:gz") as tar, tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / FIXTURE_NAME
            with _snapshot(using):
                with fixture.open("w", encoding="utf-8") as stream:
                    counts = _dump_database(stream, using)
                migrations = migration_state(using)
                referenced = referenced_file_names()
            with fixture.open("rb") as stream:
                size = fixture.stat().st_size
                checksums[FIXTURE_NAME] = _add_member(tar, FIXTURE_NAME, stream, size)
                total += size
            names = stored_file_names(storage)
            for name in names:
                size = storage.size(name)
                with storage.open(name, "rb") as stream:
                    checksums[FILES_PREFIX + name] = _add_member(tar, FILES_PREFIX + name, stream, size)
                total += size
            missing = sorted(referenced - set(names))
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": now.isoformat(),
                "app_version": app_version(),
                "django_version": django.get_version(),
                "database_vendor": connections[using].vendor,
                "migrations": migrations,
                "counts": counts,
                "excluded_models": sorted(EXCLUDED),
                "files": len(names),
                "missing_files": missing,
                "sha256": checksums,
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add_member(tar, MANIFEST_NAME, io.BytesIO(body), len(body))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, counts=counts, files=len(names), bytes=total, missing_files=missing)
