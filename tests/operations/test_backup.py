"""Backup and restore (operations/backup.py, operations/restore.py): a whole agency out and back in."""

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.models import User
from compliance.catalogue.loader import load_catalogue
from compliance.models import Clause
from operations.backup import backup_create, stored_file_names
from operations.restore import RestoreRefused, _flush, archive_verify, database_counts, database_holdings, restore_run
from records.models import Evidence, Household
from tests.factories import (
    TEST_PASSWORD, CarerFactory, CheckFactory, HouseholdFactory, HouseholdMemberFactory, JournalEntryFactory, PlacementFactory,
    StaffSupervisionFactory, TrainingRecordFactory,
)
from tests.factories.evidence import PDF_BYTES, EvidenceFactory
from tests.factories.panels import PanelPaperFactory


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """Emptying the database re-creates content types under new ids; the test's rollback restores the old ones,
    so the cache must not outlive the test (or later tests would look up the wrong model)."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def tmp_media(settings, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def agency(manager, household, other_household, tmp_media):
    """A small agency: `household` (two carers, a member, a child placed with a journal entry, a check,
    training, two evidence files, a name change in its history), `other_household` (its own child),
    a panel paper, a staff supervision, evidence linked to clauses, an admin log entry (a content type)
    and a permission granted to the manager (rows `migrate` rebuilds, referred to by natural key)."""
    carer = household.carers.get()
    CarerFactory(household=household)
    HouseholdMemberFactory(household=household)
    placement = PlacementFactory(household=household)
    JournalEntryFactory(placement=placement)
    CheckFactory(carer=carer)
    TrainingRecordFactory(carer=carer)
    StaffSupervisionFactory(staff_member=manager.staff_member)
    first = EvidenceFactory(carer=carer, file=ContentFile(PDF_BYTES + b"% dbs\n", name="dbs.pdf"))
    first.clauses.set(Clause.objects.order_by("id")[:2])
    EvidenceFactory(carer=None, household=household, kind="insurance",
                    file=ContentFile(PDF_BYTES + b"% insurance\n" * 1000, name="insurance.pdf"))
    PanelPaperFactory(item__household=household)
    household.name = "Fenwick-Hall household"
    household.save()
    LogEntry.objects.create(user=manager, content_type=ContentType.objects.get_for_model(Household),
                            object_id=str(household.pk), object_repr=str(household), action_flag=CHANGE)
    manager.user_permissions.add(Permission.objects.get(codename="view_household"))
    return household


def file_hashes():
    return {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in stored_file_names()}


def history_rows():
    return list(Household.history.order_by("history_id").values("history_id", "id", "name", "history_type"))


def empty_everything(media):
    """A freshly migrated database (the clause catalogue loaded, nothing else) and empty storage."""
    _flush("default")
    load_catalogue()
    shutil.rmtree(media)
    media.mkdir()


def rewrite(archive, out, change):
    """Copy `archive` to `out`, passing every member's (name, bytes) through `change`."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            name, data = change(member.name, src.extractfile(member).read())
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return out


def test_restore_brings_back_every_record_file_and_history(agency, tmp_media, tmp_path):
    counts, files, history = database_counts(), file_hashes(), history_rows()
    result = backup_create(output=tmp_path)
    assert result.path.name.startswith("fostering-backup-") and result.path.suffixes == [".tar", ".gz"]
    assert len(files) == 3 and result.files == 3 and result.missing_files == []
    empty_everything(tmp_media)
    assert database_holdings() == {} and stored_file_names() == []

    restored = restore_run(path=result.path)

    manifest = restored.manifest
    assert manifest["counts"] == counts == database_counts()
    assert manifest["counts"]["records.evidence"] == 2 and manifest["counts"]["records.historicalhousehold"] >= 3
    assert restored.files_written == 3
    assert file_hashes() == files
    assert {f"files/{name}": digest for name, digest in files.items()}.items() <= manifest["sha256"].items()
    assert history_rows() == history
    assert Evidence.objects.get(title="", kind="dbs_certificate").clauses.count() == 2
    manager = User.objects.get(username="manager")
    assert manager.check_password(TEST_PASSWORD) and manager.has_perm("records.view_household")
    assert LogEntry.objects.get().get_edited_object() == Household.objects.get(name="Fenwick-Hall household")
    assert set(manifest) >= {"created_at", "app_version", "migrations", "counts", "sha256"}
    assert manifest["migrations"]["records"].startswith("0")


def test_the_manifest_leaves_out_what_migrate_rebuilds_and_what_is_transient(agency, tmp_path):
    manifest = archive_verify(backup_create(output=tmp_path).path)
    assert "contenttypes.contenttype" not in manifest["counts"]
    assert "auth.permission" not in manifest["counts"]
    assert "sessions.session" not in manifest["counts"]
    assert "axes.accessattempt" not in manifest["counts"]
    assert "axes.accesslog" in manifest["counts"]  # the sign-in audit trail is kept
    assert "records.historicalcarer" in manifest["counts"]


def test_rebuilt_tables_are_referred_to_by_natural_key(agency, tmp_path):
    archive = backup_create(output=tmp_path).path
    with tarfile.open(archive, "r:gz") as tar:
        rows = [json.loads(line) for line in tar.extractfile("db.jsonl")]
    [entry] = [row for row in rows if row["model"] == "admin.logentry"]
    assert entry["fields"]["content_type"] == ["records", "household"]
    [manager] = [row for row in rows if row["model"] == "accounts.user" and row["fields"]["username"] == "manager"]
    assert manager["fields"]["user_permissions"] == [["view_household", "records", "household"]]
    assert isinstance(entry["fields"]["user"], int)  # everything else keeps its id


def test_a_tampered_archive_is_refused_and_nothing_written(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path
    evidence_name = f"files/{Evidence.objects.order_by('pk').first().file.name}"
    tampered = rewrite(archive, tmp_path / "tampered.tar.gz",
                       lambda name, data: (name, data + b"x" if name == evidence_name else data))
    empty_everything(tmp_media)

    with pytest.raises(RestoreRefused, match=f"Checksum failed: {evidence_name} does not match"):
        restore_run(path=tampered)

    assert database_holdings() == {} and stored_file_names() == []
    assert not Evidence.objects.exists()


def test_an_archive_with_an_unlisted_file_is_refused(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path
    extra = tmp_path / "extra.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(extra, "w:gz") as dst:
        for member in src:
            dst.addfile(member, src.extractfile(member))
        info = tarfile.TarInfo("files/evidence/planted.pdf")
        info.size = len(PDF_BYTES)
        dst.addfile(info, io.BytesIO(PDF_BYTES))
    empty_everything(tmp_media)
    with pytest.raises(RestoreRefused, match="files/evidence/planted.pdf is in the archive but not in the manifest"):
        restore_run(path=extra)
    assert database_holdings() == {}


def test_a_truncated_archive_is_refused(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(archive.read_bytes()[:-200])
    empty_everything(tmp_media)
    with pytest.raises(RestoreRefused, match="damaged|not a readable"):
        restore_run(path=broken)
    assert database_holdings() == {}


def test_restore_refuses_a_database_that_holds_records(agency, tmp_path):
    archive = backup_create(output=tmp_path).path
    before = database_counts()
    with pytest.raises(RestoreRefused, match="already holds records"):
        restore_run(path=archive)
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(archive))
    assert database_counts() == before


def test_force_replaces_what_the_database_holds(agency, tmp_path):
    archive = backup_create(output=tmp_path).path
    counts = database_counts()
    HouseholdFactory(surname="Added-after-backup")
    restore_run(path=archive, force=True)
    assert database_counts() == counts
    assert not Household.objects.filter(name__startswith="Added-after-backup").exists()


def test_an_archive_from_newer_code_is_refused(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path

    def newer(name, data):
        if name != "manifest.json":
            return name, data
        manifest = json.loads(data)
        manifest["migrations"]["records"] = "9999_from_the_future"
        return name, json.dumps(manifest).encode()

    future = rewrite(archive, tmp_path / "future.tar.gz", newer)
    empty_everything(tmp_media)
    with pytest.raises(RestoreRefused, match="newer version of the code .*records.9999_from_the_future"):
        restore_run(path=future)
    assert database_holdings() == {}


def test_the_commands_back_up_and_restore(agency, tmp_media, tmp_path, capsys):
    counts = database_counts()
    call_command("backup", output=str(tmp_path / "nightly.tar.gz"))
    assert "Backup written to" in capsys.readouterr().out
    empty_everything(tmp_media)

    call_command("restore", str(tmp_path / "nightly.tar.gz"))

    out = capsys.readouterr().out
    assert "every checksum matched" in out and "every count matches the manifest" in out
    assert "records.household" in out and "Files: 3 written" in out
    assert database_counts() == counts


def test_restore_command_names_the_bad_file(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path
    tampered = rewrite(archive, tmp_path / "t.tar.gz",
                       lambda name, data: (name, data.replace(b'"model"', b'"modell"', 1) if name == "db.jsonl"
                                           else data))
    empty_everything(tmp_media)
    with pytest.raises(CommandError, match="db.jsonl does not match"):
        call_command("restore", str(tampered))


def test_a_stored_file_with_other_content_is_not_overwritten(agency, tmp_media, tmp_path):
    archive = backup_create(output=tmp_path).path
    name = Evidence.objects.order_by("pk").first().file.name
    _flush("default")
    load_catalogue()
    (tmp_media / name).write_bytes(b"someone else's file")
    with pytest.raises(RestoreRefused, match="already exist with other content"):
        restore_run(path=archive)
    assert (tmp_media / name).read_bytes() == b"someone else's file" and database_holdings() == {}
