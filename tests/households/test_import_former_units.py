"""Imports into one commune from lists that name the units as before July 2025.

The household and village files may carry Tỉnh / Huyện / Xã (old or new, code or name,
with or without diacritics) and Xã mới; each row must lead to the commune imported into.
One test loads the former units once (they take seconds) and checks both importers.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from giamngheo.geo.models import Level, Unit
from giamngheo.geo.services import load_official_units
from giamngheo.households.models import Household, ImportJob

from .conftest import head_row, sheet

pytestmark = pytest.mark.django_db


def _villages_xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("thon.xlsx", buffer.getvalue())


def test_old_format_household_and_village_lists_map_every_row_or_save_nothing(
    demo, login, village_a
):
    load_official_units(legacy=True)
    client = login(demo.users["canbo.tumorong"])
    # Xã Tu Mơ Rông (today) = former Xã Tu Mơ Rông + Xã Đắk Hà of Huyện Tu Mơ Rông, Kon Tum.
    old = {"Tỉnh": "Kon Tum", "Huyện": "Huyen Tu Mo Rong", "Xã": "Xa Dak Ha"}
    rows = [
        head_row("OLD-1", village_a.name, **old),
        head_row("OLD-2", village_a.name, cid="062085000222", **{**old, "Xã": "23425"}),
    ]
    response = client.post("/ho-gia-dinh/nhap/", {"commune": "23425", "file": sheet(rows)})
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.DONE, job.errors
    assert set(
        Household.objects.filter(code__startswith="OLD-").values_list("commune", flat=True)
    ) == {demo.commune_a.pk}

    # Xã Đắk Rơ Ông became Xã Đăk Tờ Kan: not this commune, so the file is refused whole.
    rows = [
        head_row("OLD-3", village_a.name, cid="062085000333", **old),
        head_row("OLD-4", village_a.name, cid="062085000444", **{**old, "Xã": "Dak Ro Ong"}),
    ]
    response = client.post("/ho-gia-dinh/nhap/", {"commune": "23425", "file": sheet(rows)})
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.REJECTED
    [(row, column, message)] = job.errors
    assert (row, column) == (3, "Xã")
    assert "Xã Đăk Tờ Kan" in message
    assert not Household.objects.filter(code="OLD-3").exists()

    # Villages: a former commune name that leads here is accepted, one that does not is not.
    url = reverse("geo:village_import", args=["23425"])
    header = ["Tên thôn", "Loại", "Huyện", "Xã"]
    before = Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).count()
    bad = _villages_xlsx(
        [
            header,
            ["Thôn Kon Hia 9", "Thôn", "Tu Mo Rong", "Dak Ha"],
            ["Thôn Mới", "Thôn", "", "Xa Dak Ro Ong"],
        ]
    )
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "Xã Đăk Tờ Kan" in response.text
    assert Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).count() == before
    good = _villages_xlsx([header, ["Thôn Kon Hia 9", "Thôn", "Tu Mo Rong", "Dak Ha"]])
    assert client.post(url, {"file": good}).status_code == 302
    assert Unit.objects.filter(parent=demo.commune_a, name="Thôn Kon Hia 9").exists()
