"""A deterministic demo province for trying the system and for tests.

Quảng Ngãi (51) since 2025 includes former Kon Tum, where the collaborator model
started; the demo takes five of its communes: rural, urban and the Lý Sơn special
zone. Every demo account uses DEMO_PASSWORD (documented in README.md).
"""

import importlib
import importlib.util
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.geo.models import Kind, Level, Unit
from giamngheo.geo.services import add_village, load_official_units

DEMO_PASSWORD = "Giamngheo@2026"
DEMO_PROVINCE = "51"


@dataclass(frozen=True)
class DemoBase:
    """What app demo builders get: the admin, the province, communes by slug, users by name."""

    admin: User
    province: Unit
    communes: dict[str, Unit]
    users: dict[str, User]


@dataclass(frozen=True)
class DemoCommune:
    code: str
    slug: str
    villages: tuple[tuple[str, str], ...]


DEMO_COMMUNES = (
    DemoCommune(
        "23425",
        "tumorong",
        (
            ("Thôn Đăk Chum 1", Kind.HAMLET),
            ("Thôn Đăk Chum 2", Kind.HAMLET),
            ("Thôn Kon Hia 1", Kind.HAMLET),
            ("Thôn Mô Pả", Kind.HAMLET),
            ("Làng Tu Mơ Rông", Kind.VILLAGE),
        ),
    ),
    DemoCommune(
        "23473",
        "mangden",
        (
            ("Thôn Kon Chốt", Kind.HAMLET),
            ("Thôn Măng Đen", Kind.HAMLET),
            ("Thôn Kon Tu Rằng", Kind.HAMLET),
        ),
    ),
    DemoCommune(
        "23293",
        "kontum",
        (
            ("Tổ dân phố 1", Kind.RESIDENTIAL_GROUP),
            ("Tổ dân phố 2", Kind.RESIDENTIAL_GROUP),
            ("Tổ dân phố 3", Kind.RESIDENTIAL_GROUP),
            ("Làng Plei Tơ Nghia", Kind.VILLAGE),
        ),
    ),
    DemoCommune(
        "21025",
        "camthanh",
        (
            ("Tổ dân phố Phú Vinh", Kind.RESIDENTIAL_GROUP),
            ("Tổ dân phố Thu Lộ", Kind.RESIDENTIAL_GROUP),
        ),
    ),
    DemoCommune(
        "21548",
        "lyson",
        (
            ("Thôn Đông An Vĩnh", Kind.HAMLET),
            ("Thôn Tây An Vĩnh", Kind.HAMLET),
            ("Thôn Bắc An Hải", Kind.HAMLET),
        ),
    ),
)

# (user name, full name, role, unit code); commune accounts are generated below.
PROVINCE_USERS = (
    ("tinh.quangngai", "Trần Thị Thu Hà", Role.PROVINCE_STAFF),
    ("vanphong.quangngai", "Lê Văn Dũng", Role.MANAGING_OFFICE),
    ("kiemtra.quangngai", "Phạm Minh Khoa", Role.AUDITOR),
)
COMMUNE_ROLES = (
    ("canbo", Role.COMMUNE_OFFICER),
    ("lanhdao", Role.COMMUNE_LEADER),
    ("ctv", Role.COLLABORATOR),
    ("clb", Role.CLUB_OFFICER),
)
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "A", "Y", "Đinh", "Hồ", "Võ", "Huỳnh")
_GIVEN = ("Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Hoa", "Blong", "Thị Nga", "Văn Thắng", "Thị Mai")


def demo_users() -> list[tuple[str, str, str, str]]:
    """Every demo account as (user name, full name, role, unit code)."""
    users = [(u, n, r, DEMO_PROVINCE) for u, n, r in PROVINCE_USERS]
    i = 0
    for commune in DEMO_COMMUNES:
        for prefix, role in COMMUNE_ROLES:
            name = f"{_FAMILY[i % len(_FAMILY)]} {_GIVEN[i % len(_GIVEN)]}"
            users.append((f"{prefix}.{commune.slug}", name, role, commune.code))
            i += 1
    return users


@transaction.atomic
def build_demo(stdout=None, *, former_units: bool = False) -> dict:
    """Create (or complete) the demo province; running it again changes nothing.

    ``former_units=True`` (the demo_data command) also loads the ~10,800 pre-2025 units and,
    mapped through them, the Kon Tum 2018 roster; the test suite leaves both out except
    where a test needs them, to stay fast.
    """
    if not Unit.objects.filter(level=Level.COMMUNE).exists():
        load_official_units(legacy=former_units)
    elif former_units and not Unit.objects.filter(level=Level.DISTRICT).exists():
        load_official_units(legacy=True)
    # One hash for all demo accounts: they share a documented password, and hashing
    # it two dozen times would make every test run wait.
    password_hash = make_password(DEMO_PASSWORD)
    admin, _created = User.objects.get_or_create(
        username="admin",
        defaults={
            "full_name": "Quản trị hệ thống",
            "is_staff": True,
            "is_superuser": True,
            "password": password_hash,
        },
    )
    units = {
        u.code: u
        for u in Unit.objects.filter(code__in=[DEMO_PROVINCE, *[c.code for c in DEMO_COMMUNES]])
    }
    villages_added = 0
    for commune in DEMO_COMMUNES:
        unit = units[commune.code]
        existing = set(
            Unit.objects.filter(parent=unit, level=Level.VILLAGE).values_list("name", flat=True)
        )
        for name, kind in commune.villages:
            if name not in existing:
                add_village(commune=unit, name=name, kind=kind, by=admin, reason="Dữ liệu mẫu")
                villages_added += 1
    users_added = 0
    for username, full_name, role, unit_code in demo_users():
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "password": password_hash}
        )
        users_added += created
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=units[unit_code])
    summary = {"villages_added": villages_added, "users_added": users_added}
    if stdout is not None:
        stdout.write(f"Demo: {villages_added} villages and {users_added} accounts added.")
    base = DemoBase(
        admin=admin,
        province=units[DEMO_PROVINCE],
        communes={c.slug: units[c.code] for c in DEMO_COMMUNES},
        users={
            u.username: u for u in User.objects.filter(username__in=[u[0] for u in demo_users()])
        },
    )
    # Each app may add its part in ``<app>/demo.py`` with ``build(base, stdout)``, idempotently.
    for config in apps.get_app_configs():
        if config.name.startswith("giamngheo.") and config.name != __package__:
            if importlib.util.find_spec(f"{config.name}.demo"):
                module = importlib.import_module(f"{config.name}.demo")
                summary[config.label] = module.build(base, stdout)
    return summary
