import datetime

import pytest

from giamngheo.assistance import services
from giamngheo.households.models import Household

D = datetime.date


@pytest.fixture
def users(demo):
    u = demo.users
    return type(
        "Users",
        (),
        {
            "ctv": u["ctv.tumorong"],
            "officer": u["canbo.tumorong"],
            "leader": u["lanhdao.tumorong"],
            "club": u["clb.tumorong"],
            "office": u["vanphong.quangngai"],
            "auditor": u["kiemtra.quangngai"],
            "ctv_b": u["ctv.kontum"],
            "officer_b": u["canbo.kontum"],
            "leader_b": u["lanhdao.kontum"],
        },
    )


@pytest.fixture
def household_a(demo):
    """A Tu Mơ Rông household the demo requests leave alone."""
    return Household.objects.filter(commune=demo.commune_a).order_by("code")[6]


@pytest.fixture
def household_a2(demo):
    return Household.objects.filter(commune=demo.commune_a).order_by("code")[7]


@pytest.fixture
def household_b(demo):
    return Household.objects.filter(commune=demo.commune_b).order_by("code")[6]


def take(r, action, on, by, **extra):
    """One step with the request's current version."""
    r.refresh_from_db()
    return services.transition(
        help_request=r, action=action, on=on, by=by, version=r.version, **extra
    )


@pytest.fixture
def housing_request(household_a, users):
    return services.record_request(
        household=household_a,
        need="housing",
        statement="Nhà dột nát, xin hỗ trợ làm nhà.",
        received_on=D(2026, 3, 2),
        by=users.ctv,
    )
