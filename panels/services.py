"""Every write to panel records: named <entity>_<action>, keyword-only, full_clean() before save()."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from panels.choices import DECISIONS_WITH_TERMS, RECOMMENDATIONS_WITH_TERMS, Decision, ItemKind
from panels.models import (
    AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember, PanelMinutes, PanelPaper,
)
from panels.permissions import CHANGE, DECIDE, can
from panels.quorum import quorum_check
from panels.terms import Terms
from records.choices import HouseholdStatus
from records.files import validate_upload
from records.models import Household


def _save(obj, user):
    obj.stamp(user)
    obj._history_user = user  # the history names who acted, with or without a request (tasks, commands)
    obj.full_clean()
    obj.save()
    return obj


def panel_member_save(*, member: PanelMember, user) -> PanelMember:
    """Add someone to the central list, or save changes to their entry."""
    return _save(member, user)


def meeting_save(*, meeting: PanelMeeting, user) -> PanelMeeting:
    return _save(meeting, user)


@transaction.atomic
def meeting_attendance_set(*, meeting: PanelMeeting, members: Iterable[PanelMember], user) -> list[PanelMember]:
    """Record exactly `members` as attending. Only people on the central list on the meeting date may sit."""
    members = list(members)
    refused = [reason for member in members if (reason := member.not_active_reason(meeting.date))]
    if refused:
        raise ValidationError(refused)
    if meeting.items.exclude(recommendation="").exists():
        result = quorum_check(members, joint=meeting.is_joint)
        if not result.met:
            raise ValidationError(
                ["Recommendations are already recorded at this meeting, and this attendance would make it "
                 "not quorate:", *result.reasons])
    existing = {attendance.member_id: attendance for attendance in meeting.attendances.all()}
    wanted = {member.pk for member in members}
    for member_id, attendance in existing.items():
        if member_id not in wanted:
            attendance._history_user = user
            attendance.delete()
    for member in members:
        if member.pk not in existing:
            _save(PanelAttendance(meeting=meeting, member=member), user)
    return members


def item_create(*, meeting: PanelMeeting, household: Household, kind: str, description: str = "", user) -> AgendaItem:
    return _save(AgendaItem(meeting=meeting, household=household, kind=kind, description=description), user)


@transaction.atomic
def item_recommendation_record(
    *, item: AgendaItem, user, recommendation: str, reasons: str, dissent: str = "", report_feedback: str = "",
    carers_attended: bool = False, terms: Terms | None = None,
) -> AgendaItem:
    """The panel's recommendation and reasons; refused unless the meeting has happened and was quorate."""
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    meeting = item.meeting
    if AgencyDecision.objects.filter(item=item).exists():
        raise ValidationError("The decision maker has already decided this item, so the recommendation cannot change.")
    if meeting.date > timezone.localdate():
        raise ValidationError(f"The panel does not meet until {date_format(meeting.date, 'j M Y')}: "
                              "record the recommendation after the meeting.")
    quorum = meeting.quorum()
    if not quorum.met:
        raise ValidationError(["This meeting was not quorate, so it cannot make recommendations:", *quorum.reasons])
    item.recommendation = recommendation
    item.recommendation_reasons = reasons
    item.dissent = dissent
    item.report_feedback = report_feedback
    item.carers_attended = carers_attended
    # Terms only mean something with a recommendation to approve or re-term; otherwise clear them.
    recommended = terms if (terms and recommendation in RECOMMENDATIONS_WITH_TERMS) else Terms()
    recommended.apply_to(item)
    return _save(item, user)


def _store_upload(instance, upload, *, user):
    """Check and store an uploaded file on `instance.file`, then save; the stored file is removed if saving fails."""
    kind = validate_upload(upload)
    instance.original_filename = upload.name[:255]
    instance.stamp(user)
    instance._history_user = user
    instance.full_clean(exclude=["file"])
    instance.file.save(kind.storage_name(), upload, save=False)
    try:
        with transaction.atomic():
            instance.save()
    except Exception:
        instance.file.delete(save=False)
        raise
    return instance


def paper_add(*, item: AgendaItem, kind: str, title: str = "", upload, user) -> PanelPaper:
    paper = PanelPaper(item=item, kind=kind, title=title, size_bytes=upload.size or 0)
    return _store_upload(paper, upload, user=user)


def minutes_record(
    *, meeting: PanelMeeting, user, drafted_date: date | None, signed_by_chair_date: date | None,
    sent_to_adm_date: date | None, upload=None,
) -> PanelMinutes:
    """Create or update the meeting's minutes; a new file replaces the current one (history keeps the old name)."""
    minutes = PanelMinutes.objects.filter(meeting=meeting).first() or PanelMinutes(meeting=meeting)
    minutes.drafted_date = drafted_date
    minutes.signed_by_chair_date = signed_by_chair_date
    minutes.sent_to_adm_date = sent_to_adm_date
    if upload is not None:
        return _store_upload(minutes, upload, user=user)
    return _save(minutes, user)


def decision_record(
    *, item: AgendaItem, user, decision: str, reasons: str, decision_date: date, terms: Terms | None = None,
    carer_agrees_to_terms: bool | None = None,
) -> AgencyDecision:
    """Record the ADM's decision and, in the same transaction, change the household it approves, re-terms or ends.

    The household's history entry names the decision and the person who made it.
    """
    if not can(user, DECIDE, AgencyDecision):
        raise PermissionDenied("Only the agency decision maker or a manager may record a decision.")
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if AgencyDecision.objects.filter(item=item).exists():
            raise ValidationError("A decision has already been recorded for this item.")
        record = AgencyDecision(item=item, decision=decision, reasons=reasons, decision_date=decision_date,
                                decided_by=user, carer_agrees_to_terms=carer_agrees_to_terms)
        decided = terms if (terms and decision in DECISIONS_WITH_TERMS) else Terms()
        decided.apply_to(record)
        _save(record, user)
        _household_apply(record, user=user)
    return record


def _household_apply(decision: AgencyDecision, *, user) -> None:
    item = decision.item
    household = Household.objects.select_for_update().get(pk=item.household_id)
    if decision.decision in DECISIONS_WITH_TERMS:
        if item.kind == ItemKind.APPROVAL:
            household.status = HouseholdStatus.APPROVED
            household.approval_date = decision.decision_date
            household.panel_date = item.meeting.date
            household.deregistration_date = None
        decision.terms.apply_to(household)
    elif decision.decision == Decision.TERMINATE:
        household.status = HouseholdStatus.DEREGISTERED
        household.deregistration_date = decision.decision_date
    else:
        return
    reason = (f"ADM decision #{decision.pk}: {decision.get_decision_display()} "
              f"(panel {date_format(item.meeting.date, 'j M Y')})")
    household._change_reason = reason[:100]  # simple-history's change reason holds 100 characters
    _save(household, user)


def decision_notices_record(
    *, decision: AgencyDecision, user, oral_notice_date: date | None, written_notice_date: date | None,
    irm_notified_date: date | None = None, irm_papers_sent_date: date | None = None,
) -> AgencyDecision:
    """When the applicant or carer was told, and any Independent Review Mechanism dates."""
    if not can(user, CHANGE, AgencyDecision):
        raise PermissionDenied("You cannot change this decision's records.")
    decision.oral_notice_date = oral_notice_date
    decision.written_notice_date = written_notice_date
    decision.irm_notified_date = irm_notified_date
    decision.irm_papers_sent_date = irm_papers_sent_date
    return _save(decision, user)
