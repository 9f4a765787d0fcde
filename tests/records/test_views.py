"""Every records page as anonymous, as an outsider and as an allowed user."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from records import models as m
from records.permissions import policy_for
from records.resources import BY_SLUG, RESOURCES
from tests import factories as f

SLUGS = [resource.slug for resource in RESOURCES]


def record_for(slug, household):
    """A record of resource `slug` belonging to `household` (staff records: an unrelated staff member)."""
    carer = household.carers.first() or f.CarerFactory(household=household)
    placement = household.placements.first() or f.PlacementFactory(household=household)
    builders = {
        "households": lambda: household,
        "carers": lambda: carer,
        "members": lambda: f.HouseholdMemberFactory(household=household),
        "checks": lambda: f.CheckFactory(carer=carer),
        "training": lambda: f.TrainingRecordFactory(carer=carer),
        "staff": lambda: f.StaffMemberFactory(),
        "staff-supervisions": lambda: f.StaffSupervisionFactory(),
        "children": lambda: placement.resident,
        "placements": lambda: placement,
        "journal": lambda: f.JournalEntryFactory(placement=placement),
        "supervision-visits": lambda: f.SupervisionVisitFactory(household=household),
        "unannounced-visits": lambda: f.UnannouncedVisitFactory(household=household),
        "reviews": lambda: f.ApprovalReviewFactory(household=household),
        "complaints": lambda: f.ComplaintFactory(household=household),
        "allegations": lambda: f.AllegationFactory(household=household),
        "missing-episodes": lambda: f.MissingEpisodeFactory(placement=placement),
        "notifications": lambda: f.NotificationFactory(household=household),
        # Agency-level records (manager only); not tied to a household.
        "agency-reviews": lambda: m.AgencyReview.objects.create(kind="reg35", completed_date=date(2026, 3, 1)),
        "registration-notices": lambda: m.RegistrationNotice.objects.create(
            kind="responsible_individual", event_date=date(2026, 3, 1)),
        "manager-registrations": lambda: m.ManagerRegistration.objects.create(
            manager=f.StaffMemberFactory(role="registered_manager"), appointed_date=date(2025, 1, 6)),
        "inspection-reports": lambda: m.InspectionReport.objects.create(published_date=date(2026, 3, 2)),
        "allowance-rates": lambda: m.AllowanceRate.objects.create(
            age_band="5_10", effective_from=date(2026, 4, 6) + timedelta(days=m.AllowanceRate.objects.count()),
            weekly_allowance=215, national_minimum=210),
    }
    return builders[slug]()


def url(slug, action, obj=None):
    prefix = BY_SLUG[slug].url_prefix
    return reverse(f"records:{prefix}_{action}", args=[obj.pk] if obj is not None else [])


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("action", ["list", "create"])
def test_anonymous_is_sent_to_login(client, db, slug, action):
    response = client.get(url(slug, action))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("slug", SLUGS)
def test_anonymous_cannot_see_a_record(client, household, slug):
    obj = record_for(slug, household)
    for action in ("detail", "update", "history"):
        response = client.get(url(slug, action, obj))
        assert response.status_code == 302, action
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("slug", SLUGS)
def test_manager_sees_every_page(client_for, manager, other_household, slug):
    obj = record_for(slug, other_household)
    client = client_for(manager)
    for action, target in [("list", None), ("create", None), ("detail", obj), ("update", obj), ("history", obj)]:
        response = client.get(url(slug, action, target))
        assert response.status_code == 200, (action, response.status_code)
    assert str(obj) in client.get(url(slug, "detail", obj)).content.decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_social_worker_sees_own_caseload_only(client_for, ssw, household, other_household, slug):
    policy = policy_for(BY_SLUG[slug].model)
    own, other = record_for(slug, household), record_for(slug, other_household)
    client = client_for(ssw)
    if policy.managers_only:
        assert client.get(url(slug, "list")).status_code == 403
        assert client.get(url(slug, "detail", other)).status_code == 404
        return
    assert client.get(url(slug, "detail", own)).status_code == 200
    assert client.get(url(slug, "update", own)).status_code == 200
    for action in ("detail", "update", "history"):
        assert client.get(url(slug, action, other)).status_code == 404, action
    listing = client.get(url(slug, "list"), {"q": ""}).content.decode()
    assert f'href="{own.get_absolute_url()}"' in listing
    assert f'href="{other.get_absolute_url()}"' not in listing


@pytest.mark.parametrize("slug", SLUGS)
def test_foster_carer_never_reaches_another_household(client_for, carer_user, household, other_household, slug):
    other = record_for(slug, other_household)
    client = client_for(carer_user)
    for action in ("detail", "update", "history"):
        assert client.get(url(slug, action, other)).status_code in (403, 404), action


@pytest.mark.parametrize("slug", SLUGS)
def test_foster_carer_sees_own_records_read_only(client_for, carer_user, household, slug):
    policy = policy_for(BY_SLUG[slug].model)
    own = record_for(slug, household)
    client = client_for(carer_user)
    detail = client.get(url(slug, "detail", own))
    if not policy.carer_can_view or own.__class__ is m.StaffMember:
        assert detail.status_code in (403, 404)
        return
    assert detail.status_code == 200
    assert client.get(url(slug, "update", own)).status_code == 404
    assert client.post(url(slug, "update", own), {}).status_code == 404


def test_carer_sees_limited_fields_of_a_child(client_for, carer_user, household):
    placement = f.PlacementFactory(household=household)
    page = client_for(carer_user).get(url("children", "detail", placement.resident)).content.decode()
    assert placement.resident.first_name in page
    assert "Legal status" not in page
    assert placement.resident.get_legal_status_display() not in page


def test_carer_does_not_see_a_child_after_the_placement_ended(client_for, carer_user, household):
    placement = f.PlacementFactory(household=household)
    placement.end_date = placement.start_date
    placement.end_reason = "returned_home"
    placement.save()
    assert client_for(carer_user).get(url("children", "detail", placement.resident)).status_code == 404


def test_carer_lands_on_their_portal_from_home(client_for, carer_user, household):
    response = client_for(carer_user).get(reverse("home"))
    assert response.status_code == 200
    assert "records/portal/portal.html" in [t.name for t in response.templates]
    assert response.context["portal"].household == household


def test_administrator_cannot_open_allegations_or_staff(client_for, administrator, household):
    client = client_for(administrator)
    allegation = f.AllegationFactory(household=household)
    assert client.get(url("allegations", "list")).status_code == 403
    assert client.get(url("allegations", "detail", allegation)).status_code == 404
    assert client.get(url("staff", "list")).status_code == 403
    staff_check = f.CheckFactory(carer=None, staff_member=f.StaffMemberFactory())
    assert client.get(url("checks", "detail", staff_check)).status_code == 404


def test_inspector_reads_their_sampled_household_but_cannot_change_it(client_for, granted_inspector, household,
                                                                     other_household):
    client = client_for(granted_inspector)
    assert client.get(url("households", "detail", household)).status_code == 200
    assert client.get(url("households", "update", household)).status_code == 404
    assert client.get(url("households", "create")).status_code == 403
    assert client.get(url("households", "detail", other_household)).status_code == 404  # not sampled


def test_inspector_without_a_grant_reads_nothing(client_for, inspector, household):
    assert client_for(inspector).get(url("households", "detail", household)).status_code == 404


def test_panel_member_sees_no_records(client_for, panel_member, household):
    client = client_for(panel_member)
    assert client.get(url("households", "list")).status_code == 403
    assert client.get(url("households", "detail", household)).status_code == 404


def household_form(**overrides):
    data = {
        "reference": "HH-9001", "name": "Ashworth household", "status": "assessment",
        "approval_category": "mainstream", "enquiry_date": "2026-01-05", "application_date": "2026-02-01",
        "placement_types": ["short_term"], "town": "Millbridge",
    }
    data.update(overrides)
    return data


def test_manager_adds_a_household_and_it_is_attributed(client_for, manager):
    client = client_for(manager)
    response = client.post(url("households", "create"), household_form())
    household = m.Household.objects.get(reference="HH-9001")
    assert response.status_code == 302 and response.url == household.get_absolute_url()
    assert household.created_by == manager and household.placement_types == ["short_term"]
    assert household.history.get().history_user == manager


def test_bad_household_is_refused_with_a_clear_message(client_for, manager):
    response = client_for(manager).post(url("households", "create"), household_form(
        status="approved", application_date="2026-03-01", approval_date="2026-02-01"))
    assert response.status_code == 200
    assert "Approval cannot be before the application was received." in response.content.decode()
    assert not m.Household.objects.filter(reference="HH-9001").exists()


def test_future_birth_date_is_refused(client_for, manager, household):
    response = client_for(manager).post(url("members", "create"), {
        "household": household.pk, "first_name": "Sam", "last_name": "Lee", "date_of_birth": "2099-01-01",
        "relationship": "relative"})
    assert "This date is in the future" in response.content.decode()
    assert not m.HouseholdMember.objects.filter(first_name="Sam").exists()


def test_placement_in_unapproved_household_is_refused(client_for, manager):
    applicant = f.HouseholdFactory(assessment=True)
    child = f.ResidentFactory()
    response = client_for(manager).post(url("placements", "create"), {
        "resident": child.pk, "household": applicant.pk, "placement_type": "short_term",
        "start_date": "2026-10-01"})
    assert "children can only be placed with an approved household" in response.content.decode()
    assert not m.Placement.objects.filter(resident=child).exists()


def test_social_worker_cannot_choose_another_caseload_in_a_form(client_for, ssw, household, other_household):
    client = client_for(ssw)
    form_page = client.get(url("members", "create")).content.decode()
    assert household.name in form_page and other_household.name not in form_page
    response = client.post(url("members", "create"), {
        "household": other_household.pk, "first_name": "Zed", "last_name": "Ray", "date_of_birth": "1990-01-01",
        "relationship": "lodger"})
    assert response.status_code == 200
    assert not m.HouseholdMember.objects.filter(first_name="Zed").exists()


def test_social_worker_cannot_record_a_staff_check(client_for, ssw):
    page = client_for(ssw).get(url("checks", "create")).content.decode()
    assert 'name="staff_member"' not in page


def test_history_tab_shows_who_changed_what(client_for, manager, household):
    client = client_for(manager)
    data = {name: value for name, value in client.get(url("households", "update", household)).context["form"]
            .initial.items() if value is not None}
    data.update(town="Eastwick", placement_types=household.placement_types,
                supervising_social_worker=household.supervising_social_worker_id)
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
    response = client.post(url("households", "update", household), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(url("households", "history", household)).content.decode()
    assert "Eastwick" in page and "Changed" in page and str(manager) in page


def test_search_and_filter_narrow_the_list(client_for, manager):
    f.HouseholdFactory(name="Quayle household")
    f.HouseholdFactory(name="Brennan household", assessment=True)
    client = client_for(manager)
    found = client.get(url("households", "list"), {"q": "quayle"}).content.decode()
    assert "Quayle household" in found and "Brennan household" not in found
    filtered = client.get(url("households", "list"), {"status": "assessment"}).content.decode()
    assert "Brennan household" in filtered and "Quayle household" not in filtered


def test_certificate_numbers_are_masked_in_lists(client_for, manager, household):
    f.CheckFactory(carer=household.carers.first(), certificate_number="001234567890")
    page = client_for(manager).get(url("checks", "list")).content.decode()
    assert "001234567890" not in page and "7890" in page


@pytest.mark.parametrize("slug", SLUGS)
def test_list_pages_make_a_fixed_number_of_queries(client_for, manager, django_assert_max_num_queries, slug):
    client = client_for(manager)
    for _ in range(3):
        record_for(slug, f.HouseholdFactory())
    client.get(url(slug, "list"))  # warm caches (content types, session)
    with django_assert_max_num_queries(8):
        response = client.get(url(slug, "list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 3


def test_home_needs_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_home_counts_only_the_social_workers_caseload(client_for, ssw, household, other_household):
    summary = {label: count for label, count, *_ in client_for(ssw).get(reverse("home")).context["summary"]}
    assert summary["Approved households"] == 1
    assert summary["Children placed now"] == 0  # other_household's child is not on this caseload


# Fields deliberately not on the forms: carers' logins are linked by invitation, not typed in.
NOT_ON_FORMS = {("carers", "user")}


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.slug)
def test_every_editable_field_can_be_filled_in_on_a_form(resource):
    """A rule can only be satisfied if people can record what it needs."""
    bookkeeping = m.TrackedModel.BOOKKEEPING_FIELDS
    editable = {field.name for field in resource.model._meta.concrete_fields if field.editable} - bookkeeping
    missing = {name for name in editable - set(resource.form_fields) if (resource.slug, name) not in NOT_ON_FORMS}
    assert not missing, f"{resource.slug}: add {sorted(missing)} to form_fields in records/resources.py"


def test_history_keeps_capitals_in_field_names(manager, household):
    from records.history import history_entries

    household.deregistration_date = None
    household.safer_care_plan_reviewed_date = household.approval_date
    household.stamp(manager)
    household.save()
    labels = [change.label for change in history_entries(household)[0].changes]
    assert "Safer care plan reviewed date" in labels
    from records.display import sentence_case
    assert sentence_case("DBS update service checked") == "DBS update service checked"


def test_the_social_worker_is_a_link_only_for_those_who_may_open_staff_records(
        client_for, manager, carer_user, household):
    staff_url = household.supervising_social_worker.get_absolute_url()
    assert staff_url in client_for(manager).get(household.get_absolute_url()).content.decode()

    page = client_for(carer_user).get(household.get_absolute_url()).content.decode()
    assert str(household.supervising_social_worker) in page  # named, as plain text
    assert staff_url not in page  # no link to a page that would be a 404 for them
