"""The register import reads causes of poverty and support needs (several per cell) in words."""

import pytest

from giamngheo.households.models import Household

from .conftest import head_row, sheet

pytestmark = pytest.mark.django_db


def test_causes_and_needs_are_imported_and_unknown_words_are_refused(demo, login, village_a):
    client = login(demo.users["canbo.tumorong"])
    row = head_row(
        "TMR-C1", village_a.name,
        **{"Nguyên nhân nghèo": "Thiếu vốn; Ốm đau hoặc tai nạn", "Nhu cầu hỗ trợ": "Hỗ trợ sản xuất"},
    )  # fmt: skip
    response = client.post(
        "/ho-gia-dinh/nhap/", {"commune": demo.commune_a.code, "file": sheet([row])}
    )
    assert response.status_code == 302
    household = Household.objects.get(code="TMR-C1")
    assert set(household.cause_tags.values_list("cause", flat=True)) == {"no_capital", "illness"}
    assert list(household.need_tags.values_list("need", flat=True)) == ["production"]
    bad = head_row("TMR-C2", village_a.name, cid="062085000112", **{"Nguyên nhân nghèo": "Lười"})
    response = client.post(
        "/ho-gia-dinh/nhap/", {"commune": demo.commune_a.code, "file": sheet([bad])}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Lười" in page and not Household.objects.filter(code="TMR-C2").exists()
