"""The agency itself: registration details, the people responsible, contacts and changes to the registration.

The agency's URN, registered provider and address are settings until the agency record arrives
(AGENCY_URN, AGENCY_REGISTERED_PROVIDER, AGENCY_ADDRESS); a blank one prints as "Not recorded".
"""

from django.conf import settings

from inspections import timeline
from inspections.pack.gather.common import day, facts, in_post, table
from records.choices import StaffRole
from records.models import InspectionReport, ManagerRegistration, RegistrationNotice, StaffMember

NOT_RECORDED = "Not recorded"
CONTACT_ROLES = (StaffRole.RESPONSIBLE_INDIVIDUAL, StaffRole.REGISTERED_MANAGER, StaffRole.MANAGER,
                 StaffRole.DECISION_MAKER, StaffRole.PANEL_ADVISER)


def agency_setting(name: str) -> str:
    return getattr(settings, name).strip() or NOT_RECORDED


def agency_details(ctx, spec):
    ri = (in_post(StaffMember.objects.filter(role=StaffRole.RESPONSIBLE_INDIVIDUAL), ctx.today)
          .order_by("start_date").first())
    registration = (ManagerRegistration.objects.filter(left_date__isnull=True, appointed_date__lte=ctx.today)
                    .select_related("manager").order_by("-appointed_date").first())
    manager = None
    if registration is None:  # no registration recorded: at least name the manager in post
        manager = (in_post(StaffMember.objects.filter(role=StaffRole.REGISTERED_MANAGER), ctx.today)
                   .order_by("start_date").first())
    reports = list(InspectionReport.objects.order_by("-published_date").values_list("published_date", flat=True)[:2])
    rows = [
        ("Agency", settings.AGENCY_NAME),
        ("Ofsted URN", agency_setting("AGENCY_URN")),
        ("Registered provider", agency_setting("AGENCY_REGISTERED_PROVIDER")),
        ("Registered address", agency_setting("AGENCY_ADDRESS")),
        ("Responsible individual", f"{ri}, since {day(ri.start_date)}" if ri else NOT_RECORDED),
        ("Registered manager", _manager(registration) if manager is None
         else f"{manager}, in post since {day(manager.start_date)}; no registration with Ofsted recorded"),
        ("Manager's qualification", _qualification(registration)),
        ("Last Ofsted reports published", ", ".join(day(d) for d in reports) or "None recorded"),
        ("Period covered", f"{day(ctx.since)} to {day(ctx.today)}, from {ctx.period.basis}"),
    ]
    inspection = ctx.inspection
    if inspection is not None:
        rows += [
            ("This inspection", inspection.get_type_display()),
            ("Notice received", timeline.local(inspection.notice_received_at).strftime("%d/%m/%Y %H:%M")),
            ("Fieldwork starts", timeline.local(inspection.fieldwork_start).strftime("%d/%m/%Y %H:%M")),
            ("Lead inspector", inspection.lead_inspector or NOT_RECORDED),
        ]
    return facts(spec, rows)


def _manager(registration) -> str:
    if registration is None:
        return NOT_RECORDED
    text = f"{registration.manager}, appointed {day(registration.appointed_date)}"
    if registration.registered_date:
        return f"{text}; registered by Ofsted {day(registration.registered_date)}"
    if registration.registration_applied_date:
        return f"{text}; applied to register {day(registration.registration_applied_date)}, not yet registered"
    return f"{text}; not yet registered with Ofsted"


def _qualification(registration) -> str:
    if registration is None:
        return NOT_RECORDED
    if registration.qualification_achieved_date:
        return f"Achieved {day(registration.qualification_achieved_date)}"
    if registration.qualification_enrolled_date:
        return f"Enrolled {day(registration.qualification_enrolled_date)}, not yet achieved"
    return "Not recorded"


def agency_contacts(ctx, spec):
    order = {role: index for index, role in enumerate(CONTACT_ROLES)}
    staff = sorted(in_post(StaffMember.objects.filter(role__in=CONTACT_ROLES), ctx.today),
                   key=lambda person: (order[person.role], person.last_name, person.first_name))
    return table(spec, ["Role", "Name", "Email", "Phone"],
                 [(person.get_role_display(), str(person), person.email, person.phone) for person in staff],
                 empty="No managers or decision makers are recorded.")


def registration_changes(ctx, spec):
    notices = RegistrationNotice.objects.filter(event_date__gte=ctx.since).order_by("event_date", "pk")
    rows = []
    for notice in notices:
        details = [notice.details] if notice.details else []
        if notice.is_absence:
            details.append(f"Back {day(notice.end_date)}" if notice.end_date else "Not yet back")
            if notice.interim_arrangements:
                details.append(f"Meanwhile: {notice.interim_arrangements}")
        rows.append((notice.get_kind_display(), notice.event_date, notice.ofsted_notified_date, details))
    return table(spec, ["Change", "Date", "Ofsted notified", "Details"], rows,
                 empty="No change to the registration since the last inspection.")


GATHERERS = {"agency_details": agency_details, "agency_contacts": agency_contacts,
             "registration_changes": registration_changes}
