"""Statistics of the force, in officials' terms, on the Kon Tum 2018 roster.

Kon Tum (2018): 102 collaborators — Farmers' Union 15, Youth Union 27, Women's Union 24,
Veterans' Association 5, Red Cross 4, Agent Orange/Dioxin Victims 12, no organisation
15; 57 women (55.9 %), 54 ethnic minority (52.9 %); 57 % intermediate or higher
(35 % university/college, 22 % intermediate) — see ../shared/domain/README.md.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.collaborators.models import Collaborator, MassOrganisation, Qualification, Sex
from giamngheo.collaborators.selectors import force_statistics, share
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db

KON_TUM_2018 = {
    MassOrganisation.FARMERS: 15,
    MassOrganisation.YOUTH: 27,
    MassOrganisation.WOMEN: 24,
    MassOrganisation.VETERANS: 5,
    MassOrganisation.RED_CROSS: 4,
    MassOrganisation.AGENT_ORANGE: 12,
    MassOrganisation.NONE: 15,
}


@pytest.fixture
def kon_tum_roster(demo):
    """The 102 collaborators of 2018, in a province of their own, with its office."""
    province = Unit.objects.filter(level=Level.PROVINCE).exclude(code="51").order_by("code")[0]
    communes = list(Unit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code"))
    organisations = [o for o, n in KON_TUM_2018.items() for _i in range(n)]
    # 36 university/college + 22 intermediate = 58 (the report's "57 %"), 44 below.
    qualifications = (
        [Qualification.UNIVERSITY] * 36
        + [Qualification.INTERMEDIATE] * 22
        + [Qualification.PRIMARY] * 44
    )
    rows = [
        Collaborator(
            full_name=f"CTV {i + 1}",
            sex=Sex.FEMALE if i < 57 else Sex.MALE,
            ethnicity="16" if (i * 5) % 102 < 54 else "01",  # 54 minority, spread out
            commune=communes[i % len(communes)],
            managing_office=province,
            organisation=organisations[i],
            qualification=qualifications[(i * 7) % 102],
        )
        for i in range(102)
    ]
    Collaborator.objects.bulk_create(rows)
    office = User.objects.create_user(username="vanphong.kontum2018", password="x" * 12)
    RoleAssignment.objects.create(user=office, role=Role.MANAGING_OFFICE, unit=province)
    return province, office


def test_kon_tum_2018_roster_gives_the_published_counts_and_shares(kon_tum_roster):
    province, office = kon_tum_roster
    stats = force_statistics(office)
    total = stats.total
    assert total.total == 102
    assert total.organisations == {o.value: n for o, n in KON_TUM_2018.items()}
    assert (total.women, total.women_share) == (57, Decimal("55.9"))
    assert (total.minority, total.minority_share) == (54, Decimal("52.9"))
    assert total.qualifications == {"university": 36, "intermediate": 22, "primary": 44}
    assert total.qualified_share == Decimal("56.9")
    shares = {label: s for label, _n, s in total.qualification_rows()}
    assert shares[Qualification.UNIVERSITY.label] == Decimal("35.3")
    assert shares[Qualification.INTERMEDIATE.label] == Decimal("21.6")
    org_shares = {label: s for label, _n, s in total.organisation_rows()}
    assert org_shares[MassOrganisation.YOUTH.label] == Decimal("26.5")
    assert org_shares[MassOrganisation.AGENT_ORANGE.label] == Decimal("11.8")
    assert [p.code for p in stats.provinces] == [province.code]
    assert stats.provinces[0].total == 102
    assert sum(c.total for c in stats.communes) == 102
    assert sum(c.women for c in stats.communes) == 57


def test_statistics_take_a_fixed_number_of_queries(kon_tum_roster, django_assert_max_num_queries):
    _province, office = kon_tum_roster
    with django_assert_max_num_queries(6):
        force_statistics(office)


def test_halves_are_rounded_up_as_officials_do_not_to_even():
    # 1 of 16 is exactly 6.25 %: float round() gives 6.2, officials write 6.3.
    assert round(6.25, 1) == 6.2
    assert share(1, 16) == Decimal("6.3")
    assert share(57, 102) == Decimal("55.9")
    assert share(0, 0) is None


def test_statistics_page_shows_shares_with_a_decimal_comma(kon_tum_roster, client):
    _province, office = kon_tum_roster
    client.force_login(office, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("collaborators:statistics"))
    assert "55,9 %" in response.text
    assert "52,9 %" in response.text


def test_statistics_export_holds_the_province_total(kon_tum_roster, client):
    province, office = kon_tum_roster
    client.force_login(office, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("collaborators:statistics_export"))
    import io

    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    province_row = next(r for r in rows if r[0] == province.name)
    assert province_row[1:4] == (102, 57, 55.9)


def test_statistics_count_only_the_users_area(kon_tum_roster, demo):
    stats = force_statistics(demo.users["vanphong.quangngai"])
    assert (
        stats.total.total
        == Collaborator.objects.filter(commune__parent=demo.province, status="active").count()
    )
