"""Is a panel quorate? A pure function over the members attending (CR-PN-005, reg 24).

The reference marks the reg 24 quorum LOW confidence (recalled, not read), so every number is a
setting: PANEL_QUORUM_MIN_MEMBERS (5), PANEL_QUORUM_JOINT_MIN_MEMBERS (6 for a joint panel) and
PANEL_QUORUM_SW_MIN_PQE_YEARS (3). A quorum also needs the chair or a vice chair, and a social
worker with at least that many years' post-qualifying experience. Advisers who are not panel
members (PANEL_QUORUM_NON_MEMBER_ROLES: the panel adviser and the minute taker) do not count.
"""

from dataclasses import dataclass, field

from django.conf import settings

from panels.choices import CHAIR_ROLES, MemberRole

DEFAULT_NON_MEMBER_ROLES = (MemberRole.PANEL_ADVISER, MemberRole.MINUTE_TAKER)


@dataclass(frozen=True)
class QuorumResult:
    met: bool
    reasons: list[str] = field(default_factory=list)
    members_counted: int = 0
    members_needed: int = 0


def quorum_check(attendees, *, joint: bool) -> QuorumResult:
    """`attendees`: objects with `role` and `pqe_years` (PanelMember). `reasons` say what is missing."""
    needed = settings.PANEL_QUORUM_JOINT_MIN_MEMBERS if joint else settings.PANEL_QUORUM_MIN_MEMBERS
    min_pqe = settings.PANEL_QUORUM_SW_MIN_PQE_YEARS
    non_members = set(getattr(settings, "PANEL_QUORUM_NON_MEMBER_ROLES", DEFAULT_NON_MEMBER_ROLES))
    members = [person for person in attendees if person.role not in non_members]

    reasons = []
    if len(members) < needed:
        panel = "a joint panel" if joint else "a panel"
        reasons.append(f"{len(members)} panel member{'' if len(members) == 1 else 's'} attended; "
                       f"{panel} needs at least {needed}.")
    if not any(person.role in CHAIR_ROLES for person in members):
        reasons.append("Neither the chair nor a vice chair attended.")
    if not any(person.pqe_years is not None and person.pqe_years >= min_pqe for person in members):
        reasons.append(f"No social worker with at least {min_pqe} years' post-qualifying experience attended.")
    return QuorumResult(met=not reasons, reasons=reasons, members_counted=len(members), members_needed=needed)
