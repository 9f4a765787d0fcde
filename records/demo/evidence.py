"""Demo evidence: a few uploads waiting in the inbox, so verifying one can be tried.

Run after the compliance run: it picks the carer of the lapsed-DBS story by that story's open gap
(uploads change no gap until they are verified). The documents are one-page PDFs made
with WeasyPrint that say they are fictional; they go through the real upload service, so they are
checked and stored exactly as a user's would be.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import User
from compliance.models import Gap
from records.evidence import evidence_upload
from records.models import Carer, Evidence, EvidenceKind


def _pdf(title: str, lines: list[str]) -> bytes:
    import weasyprint  # imported on use, as the pack does: it loads Pango

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (f"<h1 style='font-family: DejaVu Sans'>{title}</h1>{body}"
            "<p><em>Fictional document made for the demo agency.</em></p>")
    return weasyprint.HTML(string=html).write_pdf()


def _upload(*, user, kind, target_field, target, filename, title, lines, issued_on=None):
    upload = SimpleUploadedFile(filename, _pdf(title, lines), content_type="application/pdf")
    return evidence_upload(upload=upload, kind=kind, user=user, target_field=target_field, target=target,
                           issued_on=issued_on)


def evidence_demo_create(*, today: date) -> list[Evidence]:
    """Two uploads waiting to be checked: the demo carer's medical report (sent from the portal) and a
    renewed DBS certificate for the carer whose DBS has lapsed (verifying it closes that gap)."""
    created = []
    carer_login = User.objects.filter(username="carer").first()
    demo_carer = Carer.objects.filter(user=carer_login).select_related("household").first()
    if demo_carer is not None:
        created.append(_upload(
            user=carer_login, kind=EvidenceKind.MEDICAL_REPORT, target_field="carer", target=demo_carer,
            filename="GP letter.pdf", title="Medical report for fostering",
            lines=[f"Patient: {demo_carer}", "Fit to foster; no concerns.", f"Date: {today - timedelta(days=3):%d %B %Y}"],
            issued_on=today - timedelta(days=3)))
    # The carer of the demo's lapsed-DBS story (its open CR-HH-004 gap), uploaded by their social worker.
    lapsed_gap = Gap.objects.filter(status=Gap.Status.OPEN, rule_id="CR-HH-004", subject_kind="carer").first()
    lapsed = (Carer.objects.filter(pk=lapsed_gap.subject_id, household__supervising_social_worker__user__isnull=False)
              .select_related("household__supervising_social_worker__user").first() if lapsed_gap else None)
    if lapsed is not None:
        created.append(_upload(
            user=lapsed.household.supervising_social_worker.user, kind=EvidenceKind.DBS_CERTIFICATE,
            target_field="carer", target=lapsed, filename="DBS renewal.pdf", title="Enhanced DBS certificate",
            lines=[f"Applicant: {lapsed}", "Children's barred list: checked", "Information: none recorded",
                   f"Date of issue: {today - timedelta(days=6):%d %B %Y}"]))
    return created
