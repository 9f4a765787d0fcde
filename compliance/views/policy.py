"""The agency's compliance policy: the registered manager changes the figures no regulation fixes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from compliance import selectors
from compliance.forms import AgencyPolicyForm
from compliance.models import AgencyPolicy
from compliance.views.common import require
from records.history import history_entries


@login_required
def policy_edit(request):
    require(selectors.can_edit_policy(request.user))
    policy = AgencyPolicy.current()
    form = AgencyPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            form.save()
            messages.success(request, "Policy saved. The next run (or Recheck now) applies it.")
        else:
            messages.info(request, "Nothing was changed.")
        return redirect("compliance:policy")
    return render(request, "compliance/policy.html", {"form": form, "entries": history_entries(policy)})
