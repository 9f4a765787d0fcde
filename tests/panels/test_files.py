"""Private uploads (records/files.py) as panel papers and minutes.

Checked by content, stored privately under generated names, served only after a permission check.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from panels.models import PanelMinutes, PanelPaper
from records.files import DOCX, JPEG, PDF, PNG, PrivateUploadPath, safe_download_name, validate_upload
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory
from tests.factories.panels import PDF_BYTES, AgendaItemFactory, PanelMinutesFactory, PanelPaperFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def zip_bytes(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("content, kind", [
    (PDF_BYTES, PDF), (PNG_BYTES, PNG), (JPEG_BYTES, JPEG),
    (zip_bytes("[Content_Types].xml", "word/document.xml"), DOCX),
])
def test_allowed_files_are_recognised_by_their_content_whatever_their_name(content, kind):
    assert validate_upload(upload("whatever.bin", content)) == kind


def test_an_executable_renamed_pdf_is_refused():
    with pytest.raises(ValidationError, match="renaming a file does not change its type"):
        validate_upload(upload("assessment.pdf", EXE_BYTES))


def test_a_zip_that_is_not_a_word_document_is_refused():
    with pytest.raises(ValidationError, match="is not a PDF"):
        validate_upload(upload("report.docx", zip_bytes("xl/workbook.xml")))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = upload("big.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024 // 2))
    with pytest.raises(ValidationError) as error:
        validate_upload(big)
    assert error.value.messages == ["The file is 2.5 MB; the largest file you can upload is 1 MB."]


def test_the_default_limit_is_20_mb(settings):
    del settings.UPLOAD_MAX_BYTES
    with pytest.raises(ValidationError, match="the largest file you can upload is 20 MB"):
        validate_upload(upload("huge.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024)))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(upload("empty.pdf", b""))


def test_stored_names_are_generated_and_keep_only_a_trusted_extension():
    path = PrivateUploadPath("panels/papers")(None, "upload.pdf")
    assert path.startswith("private/panels/papers/") and path.endswith(".pdf")
    assert PrivateUploadPath("panels/papers")(None, "../../etc/passwd.exe").endswith(tuple("0123456789abcdef"))


def test_download_names_lose_folders_and_control_characters():
    assert safe_download_name("..\\..\\secret/Form F.pdf", fallback="x.pdf") == "Form F.pdf"
    assert safe_download_name('evil"\r\nname.pdf', fallback="x.pdf") == "evilname.pdf"
    assert safe_download_name("", fallback="x.pdf") == "x.pdf"


def test_a_manager_uploads_a_paper_stored_privately_under_a_generated_name(client_for, manager, item, private_media):
    response = client_for(manager).post(reverse("panels:paper_upload", args=[item.pk]), {
        "kind": "assessment_report", "title": "", "file": upload("Form F – Ashworth.pdf", PDF_BYTES),
    })
    assert response.status_code == 302
    paper = PanelPaper.objects.get()
    assert paper.original_filename == "Form F – Ashworth.pdf"
    assert paper.file.name.startswith("private/panels/papers/")
    assert "Ashworth" not in paper.file.name
    assert (private_media / paper.file.name).read_bytes() == PDF_BYTES


def test_an_executable_renamed_pdf_is_refused_on_upload_and_nothing_is_stored(client_for, manager, item,
                                                                              private_media):
    response = client_for(manager).post(reverse("panels:paper_upload", args=[item.pk]), {
        "kind": "assessment_report", "file": upload("Form F.pdf", EXE_BYTES),
    })
    assert response.status_code == 200
    assert "renaming a file does not change its type" in response.content.decode()
    assert not PanelPaper.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_minutes_upload_too_large_is_refused_with_the_limit(client_for, manager, meeting, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = client_for(manager).post(reverse("panels:minutes_record", args=[meeting.pk]), {
        "drafted_date": meeting.date.isoformat(), "file": upload("minutes.pdf", PDF_BYTES + b"0" * 2048),
    })
    assert "the largest file you can upload is 1 KB" in response.content.decode()
    assert not PanelMinutes.objects.exists()


def test_minutes_are_recorded_with_their_file(client_for, manager, meeting):
    response = client_for(manager).post(reverse("panels:minutes_record", args=[meeting.pk]), {
        "drafted_date": meeting.date.isoformat(), "signed_by_chair_date": meeting.date.isoformat(),
        "sent_to_adm_date": meeting.date.isoformat(), "file": upload("Panel minutes.docx",
                                                                      zip_bytes("word/document.xml")),
    })
    assert response.status_code == 302
    minutes = PanelMinutes.objects.get(meeting=meeting)
    assert minutes.original_filename == "Panel minutes.docx"
    assert minutes.file.name.endswith(".docx")


def test_final_minutes_need_the_chairs_signature(client_for, manager, meeting):
    response = client_for(manager).post(reverse("panels:minutes_record", args=[meeting.pk]), {
        "drafted_date": meeting.date.isoformat(), "sent_to_adm_date": meeting.date.isoformat(),
    })
    assert "record the chair&#x27;s signature first" in response.content.decode()


def paper_url(paper):
    return reverse("panels:paper_download", args=[paper.pk])


def test_a_paper_downloads_as_an_attachment_with_its_original_name(client_for, manager, item):
    paper = PanelPaperFactory(item=item)
    response = client_for(manager).get(paper_url(paper))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Form F - Fenwick.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_downloads_are_checked_per_role(client, client_for, item, seat, panel_member, ssw, other_ssw, carer_user,
                                        inspector, decision_maker):
    paper = PanelPaperFactory(item=item)
    other_meeting_paper = PanelPaperFactory()
    assert client.get(paper_url(paper)).status_code == 302  # anonymous: to the login page
    assert client_for(panel_member).get(paper_url(paper)).status_code == 200
    assert client_for(panel_member).get(paper_url(other_meeting_paper)).status_code == 404
    assert client_for(ssw).get(paper_url(paper)).status_code == 200  # `item` is on ssw's caseload
    assert client_for(other_ssw).get(paper_url(paper)).status_code == 404
    assert client_for(carer_user).get(paper_url(paper)).status_code == 404
    assert client_for(inspector).get(paper_url(paper)).status_code == 404  # no grant
    grant = InspectorGrantFactory(inspector=inspector)
    SampledCaseFactory(inspection=grant.inspection, household=item.household)
    assert client_for(inspector).get(paper_url(paper)).status_code == 200  # a sampled household's paper
    assert client_for(inspector).get(paper_url(other_meeting_paper)).status_code == 404  # not sampled
    assert client_for(decision_maker).get(paper_url(paper)).status_code == 200


def test_minutes_download_is_for_those_who_may_see_the_meeting(client_for, meeting, seat, panel_member, ssw):
    minutes = PanelMinutesFactory(meeting=meeting, file=SimpleUploadedFile("m.pdf", PDF_BYTES),
                                  original_filename="Minutes.pdf")
    url = reverse("panels:minutes_download", args=[meeting.pk])
    assert client_for(panel_member).get(url).status_code == 200
    assert client_for(ssw).get(url).status_code == 404  # minutes cover other households' cases
    assert minutes.file.name.startswith("private/panels/minutes/")


def test_a_missing_file_is_a_404_not_an_error(client_for, manager, item):
    paper = PanelPaperFactory(item=item)
    paper.file.storage.delete(paper.file.name)
    assert client_for(manager).get(paper_url(paper)).status_code == 404


def test_uploaded_files_have_no_public_url(client_for, manager, item):
    paper = PanelPaperFactory(item=item)
    assert client_for(manager).get(f"/media/{paper.file.name}").status_code == 404
    assert client_for(manager).get(f"/{paper.file.name}").status_code == 404


def test_a_panel_member_who_has_left_the_list_loses_access_to_old_papers(client_for, item, seat, panel_member):
    paper = PanelPaperFactory(item=AgendaItemFactory(meeting=item.meeting))
    seat.left_date = item.meeting.date
    seat.save()
    assert client_for(panel_member).get(paper_url(paper)).status_code == 404


def test_a_very_long_original_name_is_kept_as_data_not_used_as_a_path(client_for, manager, item):
    name = "Assessment report " + "x" * 200 + ".pdf"
    response = client_for(manager).post(reverse("panels:paper_upload", args=[item.pk]), {
        "kind": "assessment_report", "file": upload(name, PDF_BYTES),
    })
    assert response.status_code == 302
    paper = PanelPaper.objects.get()
    assert paper.original_filename == name
    assert len(paper.file.name) < 100


def test_the_upload_form_shows_the_clause_badges_for_the_file(client_for, manager, item):
    page = client_for(manager).get(reverse("panels:paper_upload", args=[item.pk])).content.decode()
    assert 'href="/compliance/clauses/nms2011:14.3/"' in page
