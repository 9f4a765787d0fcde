"""Complaints, allegations and notifications since the last inspection, and the safeguarding figures.

Summaries are typed by staff and can name a child: every one goes through `ctx.redact`.
"""

from collections import Counter

from django.db.models import Count, Q

from inspections.pack.gather.common import facts, since_label, table
from records.choices import AllegationOutcome, ComplaintOutcome, NotifiableEvent, NotifiedBody
from records.models import Allegation, Complaint, MissingEpisode, Notification


def _household(household):
    return [household.reference, household.name] if household else ""


def complaints(ctx, spec):
    rows = [(c.received_date, c.get_complainant_type_display(), _household(c.household), ctx.child(c.resident_id),
             ctx.redact(c.summary, resident_id=c.resident_id), c.acknowledged_date, c.responded_date,
             c.get_outcome_display())
            for c in Complaint.objects.filter(received_date__gte=ctx.since).select_related("household")
            .order_by("received_date", "pk")]
    return table(spec, ["Received", "From", "Household", "Child", "Summary", "Acknowledged", "Responded", "Outcome"],
                 rows, empty="No complaint was received since the last inspection.")


def allegations(ctx, spec):
    rows = [(a.received_date, _household(a.household), str(a.carer or ""), ctx.child(a.resident_id),
             a.get_category_display(), ctx.redact(a.summary, resident_id=a.resident_id), a.lado_referred_date,
             a.ofsted_notified_date, a.get_outcome_display(), a.closed_date)
            for a in Allegation.objects.filter(received_date__gte=ctx.since).select_related("household", "carer")
            .order_by("received_date", "pk")]
    return table(spec, ["Received", "Household", "About", "Child", "Category", "Summary", "Referred to LADO",
                        "Ofsted told", "Outcome", "Closed"], rows,
                 empty="No allegation was received since the last inspection.")


def notifications(ctx, spec):
    rows = [(n.get_event_display(), n.event_at, n.agency_aware_at,
             [n.get_notified_body_display(), n.notified_at.strftime("%d/%m/%Y %H:%M") if n.notified_at else
              "Not yet"], _household(n.household), ctx.child(n.resident_id),
             ctx.redact(n.summary, resident_id=n.resident_id))
            for n in Notification.objects.filter(agency_aware_at__date__gte=ctx.since).select_related("household")
            .order_by("agency_aware_at", "pk")]
    return table(spec, ["Event", "Happened", "Agency aware", "Told", "Household", "Child", "Summary"], rows,
                 empty="No notifiable event since the last inspection.")


def safeguarding_figures(ctx, spec):
    since = ctx.since
    allegation = Allegation.objects.filter(received_date__gte=since).aggregate(
        received=Count("pk"), lado=Count("pk", filter=Q(lado_referred_date__isnull=False)),
        substantiated=Count("pk", filter=Q(outcome=AllegationOutcome.SUBSTANTIATED)),
        open=Count("pk", filter=Q(outcome=AllegationOutcome.OPEN)))
    complaint = Complaint.objects.filter(received_date__gte=since).aggregate(
        received=Count("pk"),
        upheld=Count("pk", filter=Q(outcome__in=[ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD])),
        open=Count("pk", filter=Q(outcome=ComplaintOutcome.OPEN)))
    notification = Notification.objects.filter(agency_aware_at__date__gte=since).aggregate(
        sent=Count("pk"), ofsted=Count("pk", filter=Q(notified_body=NotifiedBody.OFSTED)),
        exploitation=Count("resident", distinct=True,
                           filter=Q(event=NotifiableEvent.CHILD_SEXUAL_EXPLOITATION)))
    missing = MissingEpisode.objects.filter(missing_from__date__gte=since).count()
    period = since_label(ctx)
    return facts(spec, [
        (f"Allegations received {period}", allegation["received"]),
        ("of which referred to the LADO", allegation["lado"]),
        ("of which substantiated", allegation["substantiated"]),
        ("of which still open", allegation["open"]),
        (f"Complaints received {period}", complaint["received"]),
        ("of which upheld or partly upheld", complaint["upheld"]),
        ("of which still open", complaint["open"]),
        (f"Notifications of serious events {period}", notification["sent"]),
        ("of which to Ofsted", notification["ofsted"]),
        ("Children notified as sexually exploited or at risk", notification["exploitation"]),
        (f"Missing episodes {period}", missing),
    ])


def notifications_by_event(ctx, spec):
    rows = (Notification.objects.filter(agency_aware_at__date__gte=ctx.since).values_list("event", "notified_body"))
    total, ofsted = Counter(), Counter()
    for event, body in rows:
        total[event] += 1
        ofsted[event] += body == NotifiedBody.OFSTED
    return table(spec, ["Event", "Notifications", "to Ofsted"],
                 [(label, total[value], ofsted[value]) for value, label in NotifiableEvent.choices if total[value]],
                 empty="No notifiable event since the last inspection.")


GATHERERS = {"complaints": complaints, "allegations": allegations, "notifications": notifications,
             "safeguarding_figures": safeguarding_figures, "notifications_by_event": notifications_by_event}
