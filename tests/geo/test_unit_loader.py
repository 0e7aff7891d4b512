from collections import Counter

import pytest

from giamngheo.geo.models import Area, Kind, Level, Unit
from giamngheo.geo.services import add_village, load_official_units

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Unit.objects.filter(level__in=[Level.PROVINCE, Level.COMMUNE]).values_list(
            "code", "name", "kind", "parent__code", "path", "area"
        )
    )


def test_loader_gives_34_provinces_and_3321_communes_with_official_codes(demo):
    assert Unit.objects.filter(level=Level.PROVINCE).count() == 34
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 3321
    kinds = Counter(Unit.objects.filter(level=Level.COMMUNE).values_list("kind", flat=True))
    assert kinds == {Kind.COMMUNE: 2621, Kind.WARD: 687, Kind.SPECIAL_ZONE: 13}
    tu_mo_rong = Unit.objects.get(code="23425")
    assert tu_mo_rong.name == "Xã Tu Mơ Rông"
    assert tu_mo_rong.parent.code == "51" and tu_mo_rong.parent.name == "Quảng Ngãi"
    assert tu_mo_rong.path == "51/23425/"


def test_wards_are_urban_and_communes_rural():
    assert not Unit.objects.filter(kind=Kind.WARD).exclude(area=Area.URBAN).exists()
    assert not Unit.objects.filter(kind=Kind.COMMUNE).exclude(area=Area.RURAL).exists()
    assert Unit.objects.get(code="23293").is_urban  # Phường Kon Tum


def test_loader_run_twice_leaves_the_same_units_and_no_audit_noise():
    before = _snapshot()
    history_before = Unit.history.count()
    result = load_official_units()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3355)
    assert _snapshot() == before
    assert Unit.history.count() == history_before


def test_loader_restores_a_renamed_unit_and_keeps_an_officers_area_choice():
    unit = Unit.objects.get(code="23425")
    Unit.objects.filter(pk=unit.pk).update(name="Tên sai", area=Area.URBAN)
    result = load_official_units()
    assert result.updated == 1
    unit.refresh_from_db()
    assert unit.name == "Xã Tu Mơ Rông"
    assert unit.area == Area.URBAN


def test_loader_on_an_empty_table_creates_everything(db):
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)  # rolled back after the test
    assert not Unit.objects.exists()
    result = load_official_units()
    assert result.created == 3355
    assert Unit.objects.count() == 3355


def test_a_former_unit_can_point_to_its_successor(demo):
    quang_ngai = demo.province
    kon_tum = Unit.objects.create(
        code="62",
        name="Kon Tum",
        level=Level.PROVINCE,
        kind=Kind.PROVINCE,
        is_active=False,
        successor=quang_ngai,
    )
    district = Unit.objects.create(
        code="610",
        name="Huyện Tu Mơ Rông",
        level=Level.DISTRICT,
        kind=Kind.DISTRICT,
        parent=kon_tum,
        is_active=False,
        successor=demo.commune_a,
    )
    assert district.path == "62/610/"
    assert list(quang_ngai.predecessors.all()) == [kon_tum]


def test_units_recoded_by_the_statistics_office_keep_their_rows(demo):
    """2025.10.1 had Kim Liên as 00226 and Văn Miếu - Quốc Tử Giám as 00196; 2026.9.0 has
    them as 00229 and 00226. The loader moves the codes, so records keep their unit."""
    kim_lien = Unit.objects.get(code="00229")
    van_mieu = Unit.objects.get(code="00226")
    lang_co = Unit.objects.get(code="20137")
    village = add_village(
        commune=kim_lien, name="Tổ dân phố 1", kind=Kind.RESIDENTIAL_GROUP, by=None
    )
    Unit.objects.filter(pk=van_mieu.pk).update(code="00196", path="01/00196/")
    Unit.objects.filter(pk=kim_lien.pk).update(code="00226", path="01/00226/")
    Unit.objects.filter(pk=village.pk).update(path=f"01/00226/{village.code}/")
    Unit.objects.filter(pk=lang_co.pk).update(
        code="20152", path="46/20152/", name="Xã Chân Mây – Lăng Cô"
    )
    result = load_official_units()
    assert (result.created, result.updated) == (0, 3)
    assert Unit.objects.get(pk=kim_lien.pk).code == "00229"
    assert Unit.objects.get(pk=van_mieu.pk).code == "00226"
    assert Unit.objects.get(pk=lang_co.pk).name == "Xã Chân Mây - Lăng Cô"
    assert Unit.objects.get(pk=village.pk).path == f"01/00229/{village.code}/"
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 3321
