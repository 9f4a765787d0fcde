"""The demo sign-ins: one per role, all with the same documented password."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User

DEMO_PASSWORD = "fostering-demo-2026"


@dataclass(frozen=True)
class Login:
    username: str
    role: Role
    first_name: str
    last_name: str
    sees: str


LOGINS = [
    Login("manager", Role.REGISTERED_MANAGER, "Helen", "Marsden",
          "Everything, including allegations, staff files and /admin"),
    Login("ri", Role.RESPONSIBLE_INDIVIDUAL, "Robert", "Stanhope", "Everything, including allegations and staff files"),
    Login("ssw", Role.SUPERVISING_SOCIAL_WORKER, "Sara", "Fenwick",
          "Households on her caseload, their carers and children placed"),
    Login("admin", Role.ADMINISTRATOR, "Amir", "Chaudhry",
          "Every household's records (read and write); not allegations or staff files"),
    Login("adm", Role.DECISION_MAKER, "Diane", "Okafor", "Every household's records, read only"),
    Login("panel", Role.PANEL_MEMBER, "Peter", "Lindqvist", "Panel business only; no household records"),
    Login("inspector", Role.INSPECTOR, "Isobel", "Whitfield",
          "Nothing until a manager grants access; then the pack and the cases she samples, read only"),
    Login("carer", Role.FOSTER_CARER, "", "", "Own household and the children placed there now"),
]
USERNAMES = [login.username for login in LOGINS]


def logins_create(*, carer_name: tuple[str, str]) -> dict[str, User]:
    """Create the demo users; the carer login takes the name of the carer it is linked to."""
    password = make_password(DEMO_PASSWORD)  # hashed once: slow hashers cost ~0.3 s a call
    users = {}
    for login in LOGINS:
        first, last = carer_name if login.role == Role.FOSTER_CARER else (login.first_name, login.last_name)
        is_manager = login.role == Role.REGISTERED_MANAGER
        users[login.username] = User.objects.create(
            username=login.username, first_name=first, last_name=last, role=login.role, password=password,
            email=f"{login.username}@brightwater-fostering.example", is_staff=is_manager, is_superuser=is_manager,
        )
    return users
