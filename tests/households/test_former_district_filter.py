"""The province's household list filters by former district (abolished July 2025)."""

import re

import pytest

from giamngheo.geo.models import Kind, Level, Unit
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db

LIST = "/ho-gia-dinh/"


def _codes(response) -> set[str]:
    return set(re.findall(r"<td>(\d{5}-\d{5})</td>", response.content.decode()))


def test_province_staff_filter_households_by_former_district(demo, login):
    # Set by load_units from the conversion tables; built by hand to keep the test fast.
    districts = {
        name: Unit.objects.create(
            code=code,
            name=name,
            level=Level.DISTRICT,
            kind=Kind.DISTRICT,
            parent=demo.province,
            is_active=False,
        )  # fmt: skip
        for code, name in (("cu-617", "Huyện Tu Mơ Rông"), ("cu-608", "Thành phố Kon Tum"))
    }
    Unit.objects.filter(pk=demo.commune_a.pk).update(former_district=districts["Huyện Tu Mơ Rông"])
    Unit.objects.filter(pk=demo.commune_b.pk).update(former_district=districts["Thành phố Kon Tum"])
    client = login(demo.users["tinh.quangngai"])
    page = client.get(LIST)
    assert "Huyện cũ" in page.text and "Huyện Tu Mơ Rông" in page.text
    filtered = client.get(LIST, {"former_district": districts["Huyện Tu Mơ Rông"].pk})
    expected = set(Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True))
    assert expected and _codes(filtered) <= expected
    assert _codes(filtered)
    assert not _codes(filtered) & set(
        Household.objects.filter(commune=demo.commune_b).values_list("code", flat=True)
    )
