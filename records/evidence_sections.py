"""The "Evidence" card on household, carer, member, child, placement and staff pages (from RecordsConfig.ready())."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from records.evidence import evidence_for_record, may_upload_for
from records.views.generic import register_detail_section

# Resource slug -> the Evidence field pointing at that record.
SECTIONS = {"households": "household", "carers": "carer", "members": "household_member", "children": "resident",
            "placements": "placement", "staff": "staff_member"}


def evidence_section(field):
    def render(request, obj):
        user = request.user
        if user.is_carer and field not in {"household", "carer", "household_member"}:
            return None
        items = list(evidence_for_record(field, obj, user))
        upload_url = None
        if may_upload_for(user, field, obj):
            query = urlencode({field: obj.pk, "next": request.get_full_path()})
            upload_url = f"{reverse('records:evidence_upload')}?{query}"
        if not items and not upload_url:
            return None
        return render_to_string("records/evidence/_section.html", {"items": items, "upload_url": upload_url},
                                request=request)
    return render


def register():
    for slug, field in SECTIONS.items():
        register_detail_section(slug, evidence_section(field))
