"""The Panels menu entries a user's role allows (read by accounts/context_processors.py)."""

from django.db.models import Q
from django.urls import reverse

from accounts.models import Role
from panels.models import AgendaItem, PanelMeeting, PanelMember
from panels.permissions import DECIDE, READ_ALL_ROLES, VIEW, can, can_view_decision_queue


def panel_menu(user) -> list:
    """[(title, url)]; empty for roles with nothing to see here (carers find letters on their household page)."""
    if not user.is_authenticated:
        return []
    entries = []
    if can(user, VIEW, PanelMember):
        entries.append(("Central list", reverse("panels:member_list")))
    if user.role in READ_ALL_ROLES or (user.role == Role.INSPECTOR and can(user, VIEW, PanelMeeting)):
        entries.append(("Panel meetings", reverse("panels:meeting_list")))
    elif user.role == Role.PANEL_MEMBER or (
            user.role == Role.SUPERVISING_SOCIAL_WORKER
            and PanelMember.objects.filter(Q(user=user) | Q(staff_member__user=user)).exists()):
        entries.append(("My panel meetings", reverse("panels:meeting_list")))
    if can_view_decision_queue(user):
        title = "Decisions to make" if can(user, DECIDE, AgendaItem) else "Decisions"
        entries.append((title, reverse("panels:decision_queue")))
    return entries
