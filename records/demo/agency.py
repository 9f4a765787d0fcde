"""The agency's own records: its periodic reviews, registration notices, Ofsted reports, allowance rates and
the registered manager's registration (CR-AG-007..014, CR-ST-009).

The deliberate gaps: the regulation 35 review slipped while the manager was away (overdue), and the
statement of purpose is due its yearly review within a fortnight.
"""

from datetime import timedelta
from decimal import Decimal

from compliance.periods import add_months
from records.choices import StaffRole
from records.demo.plan import Plan, add_years
from records.models import (
    AgencyReview, AllowanceRate, InspectionReport, ManagerRegistration, RegistrationNotice, StaffMember,
)

Kind = AgencyReview.Kind
# Illustrative national minimum weekly allowances for the agency's region, this year; the agency pays more.
NATIONAL_MINIMUM = {"0_2": Decimal("185.00"), "3_4": Decimal("190.00"), "5_10": Decimal("210.00"),
                    "11_15": Decimal("239.00"), "16_17": Decimal("278.00")}
AGENCY_SUPPLEMENT = Decimal("42.00")
SUMMARIES = {
    Kind.REG35: "Quality of care reviewed: carers, children, placing authorities and staff consulted; "
                "improvement plan agreed with the responsible individual.",
    Kind.BOARD_REPORT: "Management, outcomes and finance reported to the board.",
    Kind.STATEMENT_OF_PURPOSE: "Statement of purpose reviewed; revised copy sent to Ofsted.",
    Kind.CHILDRENS_GUIDE: "Children's guide reviewed with the children's participation group; reissued.",
    Kind.ALLOWANCES: "Allowances reviewed after consulting the carers' association.",
    Kind.PAYMENT_POLICY: "Payment policy reissued to every carer with the new rates.",
}


def plan_agency(plan: Plan):
    rng = plan.rng
    # Regulation 35 review every six months (agency policy): the last one fell due while the manager
    # was away and has not been done since (gap CR-AG-007).
    absence = manager_absence(plan)
    reviews(plan, Kind.REG35, last=add_months(absence, -6) + timedelta(days=rng.randint(0, 20)), months=6, count=4)
    reviews(plan, Kind.BOARD_REPORT, last=plan.ago(rng.randint(10, 60)), months=3, count=8)
    # The statement of purpose is due its yearly review in the next fortnight (gap CR-AG-008, due soon).
    reviews(plan, Kind.STATEMENT_OF_PURPOSE, last=add_years(plan.today, -1) + timedelta(days=rng.randint(5, 12)),
            months=12, count=3)
    reviews(plan, Kind.CHILDRENS_GUIDE, last=plan.ago(rng.randint(40, 250)), months=12, count=3)
    allowances = reviews(plan, Kind.ALLOWANCES, last=plan.ago(rng.randint(40, 300)), months=12, count=2)
    for number, review in enumerate(allowances):
        issued = review.completed_date + timedelta(days=rng.randint(7, 14))
        plan.add(AgencyReview(kind=Kind.PAYMENT_POLICY, completed_date=issued, summary=SUMMARIES[Kind.PAYMENT_POLICY]))
        rises = Decimal(number) * Decimal("0.04")  # last year's rates were about 4% lower
        for band, minimum in NATIONAL_MINIMUM.items():
            minimum = (minimum / (1 + rises)).quantize(Decimal("0.01"))
            plan.add(AllowanceRate(age_band=band, effective_from=issued, national_minimum=minimum,
                                   weekly_allowance=minimum + AGENCY_SUPPLEMENT))
    published = plan.ago(rng.randint(420, 700))
    for report in (add_years(published, -3), published):
        plan.add(InspectionReport(published_date=report, shared_date=report + timedelta(days=rng.randint(2, 8)),
                                  notes="Shared by email with staff, carers and placing authorities; "
                                        "children's version sent to each child placed."))
    manager_registration(plan)


def reviews(plan: Plan, kind: str, *, last, months: int, count: int) -> list[AgencyReview]:
    """`count` reviews of `kind`, `months` apart, the latest on `last`; newest first."""
    done = []
    for number in range(count):
        day = add_months(last, -number * months)
        done.append(plan.add(AgencyReview(kind=kind, completed_date=day, summary=SUMMARIES[kind])))
    return done


def manager_absence(plan: Plan):
    """The registered manager's planned six-week absence a few months ago, notified before and after (CR-AG-010).

    Returns its first day.
    """
    rng = plan.rng
    start = plan.ago(rng.randint(95, 120))
    back = start + timedelta(days=42)
    plan.add(RegistrationNotice(
        kind=RegistrationNotice.Kind.MANAGER_ABSENCE, event_date=start, end_date=back,
        ofsted_notified_date=start - timedelta(days=rng.randint(20, 30)), return_notified_date=back + timedelta(days=2),
        interim_arrangements="The team manager managed the agency, with the responsible individual's support.",
        details="Planned surgery and recovery.",
    ))
    return start


def manager_registration(plan: Plan):
    """The registered manager: registered with Ofsted within weeks of appointment, qualified beforehand."""
    rng = plan.rng
    manager = next(s for s in plan.of(StaffMember) if s.role == StaffRole.REGISTERED_MANAGER)
    appointed = manager.start_date
    applied = appointed + timedelta(days=rng.randint(10, 30))
    achieved = appointed - timedelta(days=rng.randint(400, 1500))
    plan.add(ManagerRegistration(
        manager=manager, appointed_date=appointed, registration_applied_date=applied,
        registered_date=plan.upto_today(applied + timedelta(days=rng.randint(40, 90))),
        qualification_enrolled_date=achieved - timedelta(days=rng.randint(450, 700)),
        qualification_achieved_date=achieved,
    ))
