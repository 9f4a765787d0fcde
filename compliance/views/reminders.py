"""Reminders sent to me: every signed-in user's own digests, and nobody else's."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from compliance.reminders import reminder_digests_of

PAGE_SIZE = 20


@login_required
def reminders_mine(request):
    page = Paginator(reminder_digests_of(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "compliance/reminders.html", {"page": page, "digests": page.object_list})


@login_required
def reminder_detail(request, pk):
    """One digest with the email as sent; another person's is a 404."""
    digest = get_object_or_404(reminder_digests_of(user=request.user), pk=pk)
    return render(request, "compliance/reminders.html", {"digest": digest, "digests": [digest]})
