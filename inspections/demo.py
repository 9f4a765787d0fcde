"""The demo agency's last full inspection: judged, reported and published, with its requirements,
recommendations, action plan and two interview records. No current notice: the demo's user records one.

The dates line up with the agency's own record of its latest Ofsted report (records.InspectionReport,
whose publication date the demo plan picks about 14 to 23 months ago); without one, fieldwork ended
about 14 months before `today`. Everything else follows from that date, so the same seed on the same
day gives the same inspection. One requirement (reg 17, carers' training) is past its compliance date
and not yet met: the compliance run reports it as CR-IN-001, overdue, on top of the deliberate gaps in
records/demo/stories.py.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from accounts.models import User
from compliance.calendar import add_working_days
from compliance.models import Clause
from inspections.models import Action, Finding, Inspection, Interview, InterviewEntry, Judgement
from inspections.timeline import LONDON
from records.models import InspectionReport

FALLBACK_DAYS_AGO = 425  # about 14 months


@dataclass(frozen=True)
class Requirement:
    clause: str
    text: str
    due_after_publication: int | None  # days; None: due 30 days before today (the one still open)
    met_days_after_due: int | None  # None: not met
    actions: tuple = ()  # (description, owner username, due days after publication, done)


REQUIREMENTS = [
    Requirement("fsr2011:r35", "The registered person must review the quality of care at the intervals the "
                "statement of purpose sets, consult carers, children and placing authorities, and send the "
                "reports to Ofsted.", 90, -12,
                (("Set a quarterly reg 35 schedule and book the reviews for the year", "manager", 30, True),
                 ("Send the first reg 35 report to Ofsted", "manager", 80, True))),
    Requirement("fsr2011:r28", "The registered person must ensure each foster carer's review of approval "
                "seeks and records the views of the placing authorities of the children placed.", 60, 12,
                (("Add placing authorities' views to the review template and brief reviewing officers",
                  "admin", 45, True),)),
    Requirement("fsr2011:r17", "The registered person must ensure every foster carer completes the Training, "
                "Support and Development Standards within 12 months of approval.", None, None,
                (("Book every carer still short of the TSD standards onto the next workbook group", "ssw", None,
                  True),
                 ("Sign off the outstanding TSD workbooks", "ssw", None, False))),
]
RECOMMENDATIONS = [
    ("nms2011:25.6", "Share the inspection report with carers, children and placing authorities, with a "
                     "child-friendly summary.", True),
    ("nms2011:21", "Supervision records should show the carer's own views and the social worker's reflection on "
                   "the children's progress.", False),
]
INTERVIEWS = [
    ("manager", "Registered manager", 0, time(10, 0), [
        ("How do you know the quality of care is improving between inspections?", "fsr2011:r35",
         "Through the reg 35 reviews and the compliance dashboard, which I review every week with the team."),
        ("Talk me through how the panel and the decision maker work together.", "nms2011:14",
         "Minutes go to the ADM within five working days of the panel; the ADM decides within seven."),
        ("What do you do when a carer falls behind with their training?", "fsr2011:r17",
         "Their social worker agrees a plan at supervision; I see the overdue list each month."),
    ]),
    ("ssw", "Supervising social worker", 1, time(14, 0), [
        ("How often do you visit your carers, and what do you record?", "nms2011:21",
         "At least monthly, more often in the first months of a placement; every visit is written up."),
        ("How do you keep the household's checks up to date?", "nms2011:19.3",
         "I get a reminder when a DBS or medical falls due and chase it at the next visit."),
        ("Who takes part in a carer's annual review?", "fsr2011:r28",
         "The carers, the children placed, their social workers and an independent reviewing officer."),
    ]),
]


def _friday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 4) % 7)


def inspection_demo_create(*, today: date) -> Inspection:
    """Replace any inspections with the demo's last full inspection; return it."""
    Inspection.objects.all().delete()
    users = {user.username: user for user in User.objects.filter(username__in=["manager", "ssw", "admin"])}
    manager = users["manager"]
    report = InspectionReport.objects.order_by("-published_date").first()
    if report is not None:
        published = report.published_date
        final = add_working_days(published, -5)
        ended = _friday_on_or_before(add_working_days(final, -25))
    else:
        ended = _friday_on_or_before(today - timedelta(days=FALLBACK_DAYS_AGO))
        final = add_working_days(ended, 27)
        published = add_working_days(final, 5)
    started = ended - timedelta(days=4)  # Monday to Friday on site
    draft = add_working_days(ended, 16)
    inspection = _save(Inspection(
        type=Inspection.Type.FULL, notice_working_days=2, lead_inspector="Priya Raman",
        notice_received_at=datetime.combine(add_working_days(started, -2), time(9, 10), tzinfo=LONDON),
        status=Inspection.Status.FINISHED, fieldwork_end=ended, draft_received_on=draft,
        comments_sent_on=add_working_days(draft, 4), final_report_on=final, published_on=published,
        judgement_overall=Judgement.GOOD, judgement_helped_protected=Judgement.GOOD,
        judgement_leaders=Judgement.REQUIRES_IMPROVEMENT,
        notes="Two inspectors on site for five days; feedback to the registered manager and the RI on the Friday.",
    ), manager)
    clauses = Clause.objects.in_bulk([r.clause for r in REQUIREMENTS] + [c for c, _, _ in RECOMMENDATIONS]
                                     + [c for *_, entries in INTERVIEWS for _, c, _ in entries])
    for req in REQUIREMENTS:
        due = (published + timedelta(days=req.due_after_publication) if req.due_after_publication is not None
               else today - timedelta(days=30))
        met_on = due + timedelta(days=req.met_days_after_due) if req.met_days_after_due is not None else None
        finding = _save(Finding(inspection=inspection, kind=Finding.Kind.REQUIREMENT, text=req.text,
                                clause=clauses[req.clause], due_date=due, met_on=met_on), manager)
        for step, (description, owner, days, done) in enumerate(req.actions):
            action_due = published + timedelta(days=days) if days is not None else due - timedelta(days=60 - 40 * step)
            _save(Action(finding=finding, description=description, owner=users.get(owner), due_date=action_due,
                         status=Action.Status.DONE if done else Action.Status.IN_PROGRESS,
                         completed_on=action_due - timedelta(days=3) if done else None), manager)
    for clause_id, text, met in RECOMMENDATIONS:
        _save(Finding(inspection=inspection, kind=Finding.Kind.RECOMMENDATION, text=text, clause=clauses[clause_id],
                      met_on=published + timedelta(days=5) if met else None), manager)
    for username, role, day, at, entries in INTERVIEWS:
        user = users[username]
        interview = _save(Interview(inspection=inspection, interviewee=user, interviewee_name=user.get_full_name(),
                                    interviewee_role=role, inspector_name="Priya Raman",
                                    held_at=datetime.combine(started + timedelta(days=day), at, tzinfo=LONDON)),
                          manager)
        for order, (question, clause_id, response) in enumerate(entries, start=1):
            _save(InterviewEntry(interview=interview, order=order, question=question, clause=clauses[clause_id],
                                 response=response), manager)
    return inspection


def _save(obj, user):
    obj.full_clean()
    obj.stamp(user)
    obj.save()
    return obj
