"""The gap list (filters, pagination, "as of" preview), one gap, and the list as CSV or XLSX."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from compliance import exports, selectors, services
from compliance.catalogue.loader import catalogue_index
from compliance.forms import GapFilterForm
from compliance.views.common import PAGE_SIZE, attach_people, decorate, require
from records.models import Household
from records.permissions import restrict

STATUS_FILTER = {"open": "open", "resolved": "resolved", "all": None}


def _filtered_gaps(request):
    """(form, gaps, day) for the list and its exports: stored gaps, or a preview's when "as of" is set."""
    user = request.user
    today = timezone.localdate()
    form = GapFilterForm(request.GET or None, today=today, show_social_worker=not selectors.sees_caseload_only(user))
    preview = form.preview_date
    if preview:
        rows = selectors.visible_findings(services.gaps_preview(as_of=preview), user=user)
        return form, attach_people([gap for gap in rows if form.keep(gap, preview)]), preview
    gaps = selectors.gaps_for(user=user, status=STATUS_FILTER[form.wanted_status])
    return form, form.filter(gaps, today), today


def _query(request, *, without):
    params = request.GET.copy()
    for name in without:
        params.pop(name, None)
    return params.urlencode()


@login_required
def gap_list(request):
    require(selectors.can_view_gaps(request.user))
    form, gaps, day = _filtered_gaps(request)
    page = Paginator(gaps, PAGE_SIZE).get_page(request.GET.get("page"))
    household_id = form.value("household")
    return render(request, "compliance/gap_list.html", {
        "form": form, "page": page, "gaps": decorate(page.object_list, day=day), "day": day,
        "preview": form.preview_date, "caseload": selectors.sees_caseload_only(request.user),
        "household": household_id and restrict(Household.objects.filter(pk=household_id), request.user).first(),
        "querystring": _query(request, without=["page"]),
        "today_querystring": _query(request, without=["page", "as_of"]),
        "without_household": _query(request, without=["page", "household"]),
    })


@login_required
def gap_detail(request, pk):
    require(selectors.can_view_gaps(request.user))
    gap = get_object_or_404(selectors.gaps_for(user=request.user, status=None).select_related("last_run"), pk=pk)
    today = timezone.localdate()
    [gap] = decorate([gap], day=today)
    index = catalogue_index()
    return render(request, "compliance/gap_detail.html", {
        "gap": gap, "today": today,
        "clauses": [index[clause_id] for clause_id in gap.clause_ids if clause_id in index],
    })


@login_required
def gap_export(request, fmt):
    require(selectors.can_view_gaps(request.user))
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, gaps, day = _filtered_gaps(request)
    gaps = decorate(gaps, day=day)
    filename = f"gaps-{'preview-' if form.preview_date else ''}{day:%Y-%m-%d}"
    base_url = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        return exports.gaps_csv(gaps, day=day, base_url=base_url, filename=filename)
    title = f"Compliance gaps {'previewed as of' if form.preview_date else 'on'} {day:%d %b %Y}"
    return exports.gaps_xlsx(gaps, day=day, base_url=base_url, filename=filename, title=title)
