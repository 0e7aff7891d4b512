"""Helpers for the collaborators' tests: roster entries made through the services."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.collaborators.models import (
    Collaborator,
    MassOrganisation,
    Qualification,
    Sex,
)
from giamngheo.collaborators.services import register_collaborator, sign_contract
from giamngheo.core.periods import Period
from giamngheo.geo.models import Level, Unit

_numbers = itertools.count(1)


@pytest.fixture
def office(demo):
    return demo.users["vanphong.quangngai"]


@pytest.fixture
def lyson(demo):
    """Đặc khu Lý Sơn: a demo commune the demo leaves without a collaborator."""
    return Unit.objects.get(code="21548")


@pytest.fixture
def make_collaborator(demo, office):
    def _make(commune=None, *, user=None, **fields):
        commune = commune or Unit.objects.get(code="21548")
        values = {
            "full_name": f"Cộng tác viên {next(_numbers)}",
            "sex": Sex.FEMALE,
            "ethnicity": "01",
            "commune": commune,
            "managing_office": commune.parent,
            "organisation": MassOrganisation.WOMEN,
            "qualification": Qualification.INTERMEDIATE,
            "user": user,
        }
        values.update(fields)
        return register_collaborator(by=office, **values)

    return _make


@pytest.fixture
def make_contract(office):
    def _make(collaborator, *, starts_on, ends_on, coefficient="0.50", number=None):
        return sign_contract(
            collaborator=collaborator,
            number=number or f"HĐ-{next(_numbers)}",
            starts_on=starts_on,
            ends_on=ends_on,
            allowance_coefficient=Decimal(coefficient),
            signer_name="Lê Văn Dũng",
            signed_on=starts_on,
            by=office,
        )

    return _make


@pytest.fixture
def collaborator_user(demo):
    """A new account holding the collaborator role on Lý Sơn."""

    def _make(username="ctv.moi", commune_code="21548"):
        user = User.objects.create_user(
            username=username, password=demo.password, full_name=username
        )
        RoleAssignment.objects.create(
            user=user, role=Role.COLLABORATOR, unit=Unit.objects.get(code=commune_code)
        )
        return user

    return _make


@pytest.fixture
def this_month():
    return Period.containing(timezone.localdate())


@pytest.fixture
def last_month(this_month):
    return this_month.previous()


def communes_of(province_code: str):
    return list(
        Unit.objects.filter(parent__code=province_code, level=Level.COMMUNE).order_by("code")
    )


def day_in(period: Period, day: int) -> datetime.date:
    return period.start.replace(day=min(day, period.days))


def existing_collaborator(username: str) -> Collaborator:
    return Collaborator.objects.select_related("commune").get(user__username=username)
