"""The demo agency's fostering panel: the central list, a year of meetings, decisions and letters.

`plan_panels` runs last in records/demo/build.py's plan, so the rest of the agency is drawn exactly
as before. Each approval, first review, deregistration and change of terms of the last year is heard
on a working day that suits it (after the review report; in time for the decision the household's
dates already fix), and the household's or review's panel date moves onto that meeting.
`panels_save` writes it all, with a small PDF per paper and per set of minutes, once the households
and logins exist.

  central list   13: chair, vice chair, three social workers with PQE, independents (one
                 care-experienced; the `panel` login, who misses a meeting now and then), medical
                 adviser, panel adviser, minute taker; one has left, one's annual review is overdue,
                 the vice chair's three-yearly DBS falls due soon, everyone else's is current
  held meetings  quorate, final minutes sent to the ADM; one with papers at short notice
  decisions      in time but one, with oral and written notice; the `carer` login's change of terms
  ADM queue      one item inside the 7 working days, one overdue
  coming up      the next meeting, its papers sent
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from compliance.calendar import add_working_days, is_working_day
from panels.choices import Decision, ItemKind, MemberRole, PaperKind, Recommendation
from panels.models import (
    AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember, PanelMinutes, PanelPaper,
)
from panels.quorum import quorum_check
from panels.terms import Terms
from records.choices import ApprovalCategory, HouseholdStatus, PlacementType, ReviewOutcome, StaffRole
from records.demo.names import FIRST_NAMES, LAST_NAMES
from records.demo.plan import Plan, add_years
from records.models import ApprovalReview, Household, StaffMember

# Insertion order: every model after the models it points at.
PANEL_MODELS = [PanelMember, PanelMeeting, PanelAttendance, AgendaItem, PanelPaper, PanelMinutes, AgencyDecision]
PAPERS_FOLDER, MINUTES_FOLDER = "private/panels/papers/demo", "private/panels/minutes/demo"
DECIDED, AWAITING, OVERDUE, UPCOMING = "decided", "awaiting", "overdue", "upcoming"

# The central list: (role, independent, PQE years, days on the list, who they are, mark).
CENTRAL_LIST = [
    (MemberRole.CHAIR, True, None, 6 * 365, "Independent chair; a retired head of children's services.", ""),
    (MemberRole.VICE_CHAIR, True, None, 4 * 365, "Chairs when the chair cannot attend.", "dbs_due"),
    (MemberRole.SOCIAL_WORKER, True, 14, 5 * 365, "Independent social worker; a former fostering team manager.", ""),
    (MemberRole.SOCIAL_WORKER, False, 9, 3 * 365, "The agency's team manager.", "staff:manager"),
    (MemberRole.SOCIAL_WORKER, True, 4, 240, "Social worker in a local authority children's team.", ""),
    (MemberRole.INDEPENDENT, True, None, 3 * 365, "Care-experienced adult: grew up in foster care.", ""),
    (MemberRole.INDEPENDENT, True, None, 2 * 365, "Adoptive parent; signs in with the `panel` login.", "panel"),
    (MemberRole.INDEPENDENT, True, None, 5 * 365, "Foster carer with another agency for 15 years.", ""),
    (MemberRole.INDEPENDENT, True, None, 4 * 365, "Primary school head teacher.", "review_overdue"),
    (MemberRole.INDEPENDENT, True, None, 6 * 365, "Retired health visitor; stood down from the list.", "left"),
    (MemberRole.MEDICAL_ADVISER, False, None, 7 * 365, "The agency's medical adviser (a GP).", ""),
    (MemberRole.PANEL_ADVISER, False, None, 5 * 365, "The agency's panel adviser.", "staff:panel_adviser"),
    (MemberRole.MINUTE_TAKER, False, None, 3 * 365, "Agency administrator.", "staff:administrator"),
]
STAFF_ROLES = {"staff:manager": StaffRole.MANAGER, "staff:panel_adviser": StaffRole.PANEL_ADVISER,
               "staff:administrator": StaffRole.ADMINISTRATOR}

REASONS = {
    Recommendation.APPROVE: [
        "The assessment shows warm, reflective applicants who understand how trauma affects children. "
        "Checks and references are satisfactory and the household has room and support.",
        "The applicants have relevant experience, a strong support network and a realistic view of "
        "fostering. The report evidences each competence well.",
    ],
    Recommendation.CONTINUE: [
        "The carers have worked openly with their supervising social worker, kept up their training and "
        "the children placed are settled. The placing authorities' feedback is positive.",
        "A good year: the carers have met the standards, supported contact well and used supervision.",
    ],
    Recommendation.CHANGE_TERMS: [
        "The carers have cared well for the children placed and have room and support for one more child, "
        "so a sibling group can stay together.",
    ],
    Recommendation.TERMINATE: [
        "Concerns raised during the year were not resolved: the carers have not followed the safer-care plan "
        "or worked with the agency to put things right.",
    ],
}
ADM_REASONS = [
    "I have read the minutes and the papers and I agree with the panel's recommendation and its reasons.",
    "I agree with the panel. The report and the panel's discussion give clear evidence for this decision.",
]
DESCRIPTIONS = {
    ItemKind.APPROVAL: "{form} assessment: approval as {category} foster carers.",
    ItemKind.FIRST_REVIEW: "First review of approval, with the carers' and placing authorities' views.",
    ItemKind.DEREGISTRATION: "The agency proposes to end approval after the review of approval.",
}
PAPERS = {
    ItemKind.APPROVAL: [(PaperKind.ASSESSMENT_REPORT, "Form F assessment"),
                        (PaperKind.MEDICAL_REPORT, "Medical adviser's summary")],
    ItemKind.FIRST_REVIEW: [(PaperKind.REVIEW_REPORT, "First review report")],
    ItemKind.REVIEW: [(PaperKind.REVIEW_REPORT, "Review of approval report")],
    ItemKind.DEREGISTRATION: [(PaperKind.REVIEW_REPORT, "Review report recommending termination"),
                              (PaperKind.OTHER, "Carers' written comments")],
}


@dataclass(eq=False)
class Case:
    """One household's business for panel and the days a meeting could hear it."""

    household: Household
    kind: str
    recommendation: str
    earliest: date
    latest: date
    state: str = DECIDED
    decide_on: date | None = None  # fixed by the household's own dates (approval, deregistration)
    review: ApprovalReview | None = None  # its panel date follows the meeting
    terms: Terms = Terms()
    description: str = ""

    def fits(self, day: date) -> bool:
        if not (self.earliest <= day <= self.latest and is_working_day(day)):
            return False
        if self.decide_on is None:
            return True
        sent = add_working_days(day, 1)  # the earliest the final minutes can reach the ADM
        return sent <= self.decide_on <= add_working_days(sent, settings.PANEL_DECISION_WORKING_DAYS)


def plan_panels(plan: Plan) -> None:
    """Add the central list, meetings, items, papers, minutes and decisions to `plan`."""
    today = plan.today
    members = plan_members(plan)
    meetings = {}
    for case in year_cases(plan, until=add_working_days(today, -10)):
        day = next((d for d in sorted(meetings) if case.fits(d)), None)
        days = (case.latest - timedelta(days=n) for n in range((case.latest - case.earliest).days + 1))
        day = day or next((d for d in days if case.fits(d)), None)  # else a new meeting, as late as suits
        if day is not None:
            meetings.setdefault(day, []).append(case)
    # A panel last week whose applicant awaits the ADM, and the next panel, its papers already out.
    overrunning = plan.marks.get("gap:assessment_due")  # its panel is not booked yet
    applicants = sorted((h for h in plan.of(Household) if h.status == HouseholdStatus.ASSESSMENT
                         and h is not overrunning), key=lambda h: (h.application_date, h.reference))
    batch = max(1, plan.scale.households // 200)
    recent, papers_out = add_working_days(today, -4), add_working_days(today, -1)
    upcoming = add_working_days(papers_out, 8)
    if heard := [applicant_case(plan, h, AWAITING) for h in applicants[:batch]]:
        meetings[recent] = heard
    if coming := [applicant_case(plan, h, UPCOMING) for h in applicants[batch:2 * batch]] + \
            upcoming_reviews(plan, limit=batch):
        meetings[upcoming] = coming
    past = sorted(day for day in meetings if day < recent)
    short = past[len(past) // 2] if past else None
    missed = set(past[1::6])  # meetings the `panel` login's member could not attend
    late = next((case for day in past if day < add_working_days(today, -20) for case in meetings[day]
                 if case.kind == ItemKind.FIRST_REVIEW and case.state == DECIDED), None)
    for day in sorted(meetings):
        meeting_plan(plan, day, meetings[day], members, short=day == short, panel_absent=day in missed,
                     late=late, papers_sent=papers_out if day == upcoming else None)


def plan_members(plan: Plan) -> list[PanelMember]:
    """The central list; `plan.marks["login:panel"]` is the member the `panel` login signs in as."""
    rng, today = plan.rng, plan.today
    staff = [s for s in plan.of(StaffMember) if not s.end_date and s is not plan.marks.get("login:admin")]
    members = []
    names = zip(rng.sample(FIRST_NAMES, len(CENTRAL_LIST)), rng.sample(LAST_NAMES, len(CENTRAL_LIST)))
    for (role, independent, pqe, days, notes, mark), (first, last) in zip(CENTRAL_LIST, names):
        joined = plan.ago(days + rng.randint(0, 60))
        worker = next((s for s in staff if s.role == STAFF_ROLES[mark]), None) if mark in STAFF_ROLES else None
        if worker:
            first, last, joined = worker.first_name, worker.last_name, max(joined, worker.start_date)
        elif mark == "panel":
            first, last = "Peter", "Lindqvist"  # the name on the demo login
        member = plan.add(PanelMember(
            first_name=first, last_name=last, staff_member=worker, role=role, is_independent=independent,
            pqe_years=pqe, joined_date=joined, notes=notes,
            dbs_date=joined - timedelta(days=rng.randint(20, 60)),
            references_received_date=joined - timedelta(days=rng.randint(10, 40)),
            induction_date=min(joined + timedelta(days=rng.randint(10, 45)), today),
            annual_review_date=max(plan.ago(rng.randint(30, 300)), joined) if joined < plan.ago(365) else None,
            last_training_date=max(plan.ago(rng.randint(20, 330)), joined),
        ))
        renew_after = add_years(today, -3) + timedelta(days=30)  # a DBS older than this is renewed (CR-PN-003)
        if member.dbs_date < renew_after:
            # Renewed before the first meeting in the demo year, so the first sitting found is after it.
            member.dbs_date = plan.between(renew_after, plan.ago(380))
        if mark == "panel":
            plan.marks["login:panel"] = member
        elif mark == "dbs_due":
            member.dbs_date = add_years(today, -3) + timedelta(days=rng.randint(5, 12))
            plan.marks["gap:panel_dbs_due"] = member
        elif mark == "review_overdue":
            plan.marks["gap:panel_review_overdue"] = member
            member.annual_review_date = plan.ago(430 + rng.randint(0, 60))
        elif mark == "left":
            member.left_date = plan.ago(150 + rng.randint(0, 30))
            member.annual_review_date = member.left_date - timedelta(days=100)
            member.last_training_date = member.left_date - timedelta(days=60)
        members.append(member)
    return members


def year_cases(plan: Plan, *, until: date) -> list[Case]:
    """Approvals, first reviews, deregistrations and the carer login's change of terms in the last year."""
    today, since = plan.today, plan.ago(365)
    reviews = {}
    for review in plan.of(ApprovalReview):
        reviews.setdefault(review.household.reference, []).append(review)
    carer_home = plan.marks["login:carer"].household
    cases = []
    for household in plan.of(Household):
        approved, ended = household.approval_date, household.deregistration_date
        mine = sorted(reviews.get(household.reference, []), key=lambda r: r.review_date)
        if approved and since < approved <= plan.ago(14):
            cases.append(Case(household, ItemKind.APPROVAL, Recommendation.APPROVE, approved - timedelta(days=10),
                              approved - timedelta(days=2), decide_on=approved, terms=Terms.of(household)))
        for review in mine:
            heard = review_ready(review)
            if review.is_first_review and review.went_to_panel and review.panel_date > since and heard:
                change = review.outcome == ReviewOutcome.CHANGE_TERMS
                latest = min(review.review_date + timedelta(days=60), until, (ended or today) - timedelta(days=14))
                cases.append(Case(
                    household, ItemKind.FIRST_REVIEW,
                    Recommendation.CHANGE_TERMS if change else Recommendation.CONTINUE, heard, latest,
                    review=review, terms=Terms.of(household) if change else Terms()))
        ending = next((r for r in mine if r.outcome == ReviewOutcome.TERMINATE), None)
        if household.status == HouseholdStatus.DEREGISTERED and ended and ended > since and ending:
            cases.append(Case(household, ItemKind.DEREGISTRATION, Recommendation.TERMINATE,
                              review_ready(ending) or ending.review_date, ended - timedelta(days=2),
                              decide_on=ended, review=ending))
    cases.append(carer_case(plan, reviews.get(carer_home.reference, []), until=until))
    if overdue := overdue_case(plan, reviews, taken={case.household.reference for case in cases}):
        cases.append(overdue)
    return sorted(cases, key=lambda case: (case.latest, case.household.reference, case.kind))


def carer_case(plan: Plan, reviews: list, *, until: date) -> Case:
    """The `carer` login's household asks to take a sibling group: a change of terms after its last review."""
    household = plan.marks["login:carer"].household
    review = max((r for r in reviews if review_ready(r)), key=lambda r: r.review_date, default=None)
    earliest, latest = plan.ago(200), until
    if review and review_ready(review) <= min(review.review_date + timedelta(days=75), until):
        earliest, latest = review_ready(review), min(review.review_date + timedelta(days=75), until)
    else:
        review = None
    return Case(household, ItemKind.REVIEW, Recommendation.CHANGE_TERMS, earliest, latest, review=review,
                terms=Terms.of(household),
                description=f"Change of terms: the carers ask to be approved for {household.approved_places} "
                            f"children, so a sibling group can stay together.")


def review_ready(review: ApprovalReview) -> date | None:
    """The first day a panel could hear `review`: a few days after its report, or None with no report yet."""
    if review.report_completed_date is None or review.outcome == ReviewOutcome.PENDING:
        return None
    return max(review.review_date, review.report_completed_date) + timedelta(days=3)


def overdue_case(plan: Plan, reviews: dict, *, taken: set) -> Case | None:
    """A recent review of approval brought to panel whose decision is now late (the newest that fits)."""
    until = add_working_days(plan.today, -12)
    candidates = []
    for household in plan.of(Household):
        mine = sorted(reviews.get(household.reference, []), key=lambda r: r.review_date)
        if household.status != HouseholdStatus.APPROVED or household.reference in taken or not mine:
            continue
        review = mine[-1]
        ready = review_ready(review)
        if not review.is_first_review and not review.went_to_panel and ready and ready <= until \
                and review.review_date >= plan.ago(120):
            candidates.append((review.review_date, household.reference, review))
    if not candidates:
        return None
    review = max(candidates)[2]
    return Case(review.household, ItemKind.REVIEW, Recommendation.CONTINUE, review_ready(review),
                min(review.review_date + timedelta(days=60), until), state=OVERDUE, review=review,
                description="Review of approval brought to panel in the agency's three-yearly cycle.")


def applicant_case(plan: Plan, household: Household, state: str) -> Case:
    """An applicant heard recently (recommended, awaiting the ADM) or at the coming panel."""
    rng = plan.rng
    if household.approval_category == ApprovalCategory.CONNECTED:
        terms = Terms(household.approval_category, 1, 0, 18, (PlacementType.CONNECTED.value,))
    elif household.approval_category == ApprovalCategory.SHORT_BREAK:
        terms = Terms(household.approval_category, rng.choice([1, 2]), 5, 17, (PlacementType.RESPITE.value,))
    else:
        ages = rng.choice([(0, 18), (5, 18), (0, 11)])
        terms = Terms(household.approval_category, rng.choice([1, 2, 2]), *ages,
                      tuple(sorted([PlacementType.SHORT_TERM.value, PlacementType.LONG_TERM.value])))
    recommended = state == AWAITING
    return Case(household, ItemKind.APPROVAL, Recommendation.APPROVE if recommended else "", plan.today, plan.today,
                state=state, terms=terms if recommended else Terms())


def upcoming_reviews(plan: Plan, *, limit: int) -> list[Case]:
    """First reviews whose report is written and whose panel is still to come (their outcome awaits it)."""
    ready = [r for r in plan.of(ApprovalReview) if r.is_first_review and not r.went_to_panel
             and r.report_completed_date and r.household.status == HouseholdStatus.APPROVED
             and r.review_date >= plan.ago(60)]
    ready.sort(key=lambda r: (r.review_date, r.household.reference))
    return [Case(r.household, ItemKind.FIRST_REVIEW, "", plan.today, plan.today, state=UPCOMING)
            for r in ready[:limit]]


def meeting_plan(plan: Plan, day: date, cases: list[Case], members: list, *, short: bool, panel_absent: bool,
                 late: Case | None, papers_sent: date | None):
    rng, today = plan.rng, plan.today
    lead = 3 if short else rng.randint(6, 9)
    meeting = plan.add(PanelMeeting(date=day, papers_sent_date=papers_sent or add_working_days(day, -lead)))
    for member in attendance(plan, day, members, medical=any(c.kind == ItemKind.APPROVAL for c in cases),
                             panel_absent=panel_absent):
        plan.add(PanelAttendance(meeting=meeting, member=member))
    if day > today:
        for case in cases:
            item_plan(plan, meeting, case)
        return
    fixed = [case.decide_on for case in cases if case.decide_on]
    sent = add_working_days(day, rng.choice([1, 2, 2, 3]))
    if fixed:
        # Final minutes reach the ADM in time for every decision already fixed by the household's dates.
        latest_start = max(add_working_days(d, -settings.PANEL_DECISION_WORKING_DAYS) for d in fixed)
        sent = min(max(sent, latest_start), min(fixed))
        if not is_working_day(sent) and add_working_days(sent, -1) >= max(latest_start, add_working_days(day, 1)):
            sent = add_working_days(sent, -1)  # the household's date fell at a weekend
    sent = min(sent, today)
    plan.add(PanelMinutes(meeting=meeting, drafted_date=min(add_working_days(day, 1), sent),
                          signed_by_chair_date=sent, sent_to_adm_date=sent))
    for case in cases:
        item = item_plan(plan, meeting, case)
        if case.state == DECIDED:
            decision_plan(plan, item, case, minutes_sent=sent, late=case is late)


def attendance(plan: Plan, day: date, members: list, *, medical: bool, panel_absent: bool) -> list[PanelMember]:
    """Who sat: a chair, social workers, independents and advisers, topped up until the panel is quorate."""
    rng = plan.rng
    active = [m for m in members if m.is_active_on(day)]
    chairs = [m for m in active if m.role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR)]
    sitting = [chairs[0] if len(chairs) == 1 or rng.random() < 0.85 else chairs[1]] if chairs else []
    for member in active:
        if member in sitting:
            continue
        if member.role in (MemberRole.PANEL_ADVISER, MemberRole.MINUTE_TAKER):
            sitting.append(member)
        elif member is plan.marks["login:panel"]:
            if not panel_absent:
                sitting.append(member)
        elif member.role == MemberRole.MEDICAL_ADVISER:
            if medical or rng.random() < 0.3:
                sitting.append(member)
        elif rng.random() < 0.65:
            sitting.append(member)
    spare = [m for m in active if m not in sitting and m is not plan.marks["login:panel"]]
    while not quorum_check(sitting, joint=False).met and spare:
        sitting.append(spare.pop(0))
    return sitting


def item_plan(plan: Plan, meeting: PanelMeeting, case: Case) -> AgendaItem:
    household, rng = case.household, plan.rng
    if case.review is not None:
        case.review.went_to_panel, case.review.panel_date = True, meeting.date
        if case.kind == ItemKind.REVIEW:
            case.review.outcome = (ReviewOutcome.CHANGE_TERMS if case.recommendation == Recommendation.CHANGE_TERMS
                                   else ReviewOutcome.CONTINUE)
    if case.kind == ItemKind.APPROVAL:
        household.panel_date = meeting.date
    category = ApprovalCategory(household.approval_category).label.lower()
    form = "Form C" if household.approval_category == ApprovalCategory.CONNECTED else "Form F"
    description = case.description or DESCRIPTIONS.get(case.kind, "").format(category=category, form=form)
    item = plan.add(AgendaItem(meeting=meeting, household=household, kind=case.kind, description=description))
    if case.state in (AWAITING, OVERDUE):  # the decision maker's queue: due soon and overdue (CR-ADM-001)
        plan.marks.setdefault(f"gap:adm_{case.state}", item)
    if case.recommendation:
        item.recommendation = case.recommendation
        item.recommendation_reasons = rng.choice(REASONS[case.recommendation])
        item.carers_attended = rng.random() < 0.8
        if case.kind == ItemKind.APPROVAL and rng.random() < 0.3:
            item.dissent = ("One independent member felt the applicants' support network should be tested "
                            "further before a first placement; the panel noted this as advice.")
        if rng.random() < 0.4:
            item.report_feedback = rng.choice([
                "A well-evidenced report; the analysis of the applicants' own childhoods was particularly clear.",
                "The report would have been stronger with the children's own views quoted directly.",
            ])
        case.terms.apply_to(item)
    for kind, title in PAPERS[case.kind]:
        title = title.replace("Form F", form)
        plan.add(PanelPaper(item=item, kind=kind, title=title,
                            original_filename=f"{title} - {household.name}.pdf"))
    return item


def decision_plan(plan: Plan, item: AgendaItem, case: Case, *, minutes_sent: date, late: bool):
    rng, today = plan.rng, plan.today
    due = add_working_days(minutes_sent, settings.PANEL_DECISION_WORKING_DAYS)
    if case.decide_on:
        decided = case.decide_on
    elif late:
        decided = min(add_working_days(due, rng.randint(2, 4)), today)
    else:
        decided = min(add_working_days(minutes_sent, rng.randint(2, 6)), today)
    outcome = {
        Recommendation.APPROVE: Decision.APPROVE, Recommendation.CONTINUE: Decision.CONTINUE,
        Recommendation.TERMINATE: Decision.TERMINATE, Recommendation.CHANGE_TERMS: Decision.APPROVE_CHANGED_TERMS,
    }[case.recommendation]
    decision = plan.add(AgencyDecision(
        item=item, decision=outcome, reasons=rng.choice(ADM_REASONS), decision_date=decided,
        carer_agrees_to_terms=True if outcome == Decision.APPROVE_CHANGED_TERMS else None,
        oral_notice_date=min(add_working_days(decided, rng.choice([0, 1, 1, 2])), today),
        written_notice_date=min(add_working_days(decided, rng.randint(2, 5)), today),
    ))
    case.terms.apply_to(decision)


# Writing ----------------------------------------------------------------------------------------

def panels_save(plan: Plan, *, users: dict, validate: bool, progress=None) -> dict[str, int]:
    """Insert the planned panel records with history (decisions by the `adm` login, the rest by the manager)."""
    manager, adm = users["manager"], users["adm"]
    started = time.monotonic()
    files = files_store(plan)
    if progress:
        progress("panel PDF files", files, time.monotonic() - started)
    counts = {}
    for model in PANEL_MODELS:
        started = time.monotonic()
        instances = plan.of(model)
        for instance in instances:
            instance.created_by = instance.updated_by = instance._history_user = (
                adm if model is AgencyDecision else manager)
            if model is AgencyDecision:
                instance.decided_by = adm
        bulk_create_with_history(instances, model, batch_size=2000, default_change_reason="Demo agency")
        counts[model.__name__] = len(instances)
        if progress:
            progress(model.__name__, len(instances), time.monotonic() - started)
    if validate:
        started = time.monotonic()
        for model in PANEL_MODELS:
            fixed = [field.name for field in model._meta.concrete_fields if not field.editable]
            for instance in plan.of(model):
                instance.full_clean(exclude=fixed)
        if progress:
            progress("panels full_clean", sum(counts.values()), time.monotonic() - started)
    return counts


def files_store(plan: Plan) -> int:
    """A one-page PDF per paper and per set of minutes, under names fixed by household, meeting and kind
    (a reseed overwrites them rather than piling up). Returns how many were written."""
    for paper in plan.of(PanelPaper):
        item = paper.item
        store(paper, f"{PAPERS_FOLDER}/{item.household.reference}-{item.meeting.date:%Y%m%d}-{item.kind}-{paper.kind}",
              [paper.title, f"{item.household.name} ({item.household.reference})",
               f"Fostering panel, {item.meeting.date:%d %B %Y}: {ItemKind(item.kind).label}"])
        paper.size_bytes = paper.file.size
    present, heard = {}, {}
    for attendance in plan.of(PanelAttendance):
        present.setdefault(id(attendance.meeting), []).append(attendance.member)
    for item in plan.of(AgendaItem):
        heard.setdefault(id(item.meeting), []).append(item)
    for minutes in plan.of(PanelMinutes):
        meeting = minutes.meeting
        lines = [f"Minutes of the fostering panel, {meeting.date:%d %B %Y}", "", "Present:"]
        lines += [f"    {member}, {MemberRole(member.role).label.lower()}" for member in present[id(meeting)]]
        lines += ["", "Items:"]
        for number, item in enumerate(heard[id(meeting)], start=1):
            lines += [f"{number}. {ItemKind(item.kind).label}: {item.household.name}",
                      f"    Recommendation: {Recommendation(item.recommendation).label}"]
        lines += ["", f"Signed by the chair on {minutes.signed_by_chair_date:%d %B %Y}."]
        store(minutes, f"{MINUTES_FOLDER}/{meeting.date:%Y%m%d}", lines)
        minutes.original_filename = f"Panel minutes {meeting.date:%Y-%m-%d}.pdf"
    return len(plan.of(PanelPaper)) + len(plan.of(PanelMinutes))


def store(instance, name: str, lines: list[str]):
    storage = instance.file.storage
    name = f"{name}.pdf"
    storage.delete(name)
    instance.file = storage.save(name, ContentFile(demo_pdf(
        [*lines, "", "A fictional document in the demo agency: it stands in for the real one."])))


def demo_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica (ASCII only): enough for a download to open."""
    def text(line):
        return line.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    leading = max(8, min(18, 740 // max(len(lines), 1)))  # long minutes (large scale) still fit the page
    stream = (f"BT /F1 {leading - 5} Tf {leading} TL 72 790 Td " + " ".join(f"({text(line)}) '" for line in lines)
              + " ET")
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def panels_reset():
    """Delete every panel record and its history; stored papers and minutes go once the deletion commits.

    Only for a demo database (records/demo/reset.py): this is the whole panel record, not just the demo's.
    """
    names = [*PanelPaper.objects.values_list("file", flat=True),
             *PanelMinutes.objects.exclude(file="").values_list("file", flat=True)]
    for model in reversed(PANEL_MODELS):
        model.objects.all().delete()
        model.history.all().delete()
    storage = PanelPaper._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
