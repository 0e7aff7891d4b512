"""Fixtures: groups built through the services in Xã Măng Đen (23473), where the demo
has none, so every count below is exact."""

import datetime

import pytest

from giamngheo.collaborators.models import Collaborator
from giamngheo.geo.models import Unit
from giamngheo.groups import services
from giamngheo.groups.catalogues import FundingSource, Programme
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_status

D = datetime.date


@pytest.fixture
def mangden(demo):
    return Unit.objects.get(code="23473")


@pytest.fixture
def officer(demo):
    return demo.users["canbo.mangden"]


@pytest.fixture
def leader(demo):
    return demo.users["lanhdao.mangden"]


@pytest.fixture
def collaborator(demo, mangden):
    return Collaborator.objects.get(commune=mangden, user__username="ctv.mangden")


@pytest.fixture
def eligible(mangden):
    """The commune's poor and near-poor households (the demo has six)."""
    return list(
        Household.objects.filter(
            commune=mangden, status__in=[PovertyStatus.POOR, PovertyStatus.NEAR_POOR]
        ).order_by("code")
    )


@pytest.fixture
def not_eligible(mangden):
    return Household.objects.filter(commune=mangden, status=PovertyStatus.NOT_LISTED).first()


@pytest.fixture
def make_group(mangden, officer, eligible, collaborator):
    def _make(name="Nhóm hộ trồng sâm", households=None, **kw):
        households = eligible[:5] if households is None else households
        kw.setdefault("formed_on", D(2026, 2, 1))
        kw.setdefault("leader", households[0] if households else None)
        kw.setdefault("advisor", collaborator)
        return services.form_group(
            commune=kw.pop("commune", mangden),
            name=name,
            households=households,
            by=kw.pop("by", officer),
            **kw,
        )

    return _make


@pytest.fixture
def active_group(make_group, leader):
    group = make_group()
    return services.approve_rules(
        group=group, decision_no="12/QĐ-UBND", approved_on=D(2026, 2, 10), by=leader
    )


@pytest.fixture
def project(active_group, officer):
    project = services.start_project(
        group=active_group,
        name="Trồng sâm dưới tán rừng",
        programme=Programme.POVERTY_NTP,
        starts_on=D(2026, 3, 1),
        by=officer,
    )
    services.set_funding(
        project=project, source=FundingSource.CENTRAL_BUDGET, amount=50_000_000, by=officer
    )
    services.set_funding(
        project=project, source=FundingSource.ENTERPRISE, amount=10_000_000, by=officer
    )
    return project


@pytest.fixture
def committed(project, officer):
    """The project under way, its commitment signed."""
    services.sign_commitment(
        project=project, text="Dùng đúng mục đích", signed_on=D(2026, 2, 25), by=officer
    )
    return services.change_project_state(project=project, action="start", by=officer)


def escape(household, on, by, status=PovertyStatus.ESCAPED_POOR):
    """Record the commune's decision recognising the household as escaped."""
    return record_status(
        household=household,
        status=status,
        year=on.year,
        standard="2022-2025",
        decision_number=f"{on.month}/QĐ-UBND",
        decision_date=on,
        source=StatusRecord.Source.REVIEW,
        by=by,
        reason="Thoát nghèo",
    )
