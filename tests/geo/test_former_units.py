"""The former (pre-July-2025) units in the tree, and old lists mapped onto today's communes.

Loading the ~10,800 former units takes seconds, so only these tests load them (inside
their own rolled-back transaction), each once.
"""

import io

import pytest
from django.urls import reverse

from giamngheo.collaborators.demo import KON_TUM_2018
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.roster_import import COLUMNS, REQUIRED, import_roster
from giamngheo.collaborators.selectors import force_statistics
from giamngheo.core.tabular import RowErrors, read_rows
from giamngheo.geo.conversion import CommuneResolver
from giamngheo.geo.models import Level, Succession, Unit
from giamngheo.geo.services import load_official_units

pytestmark = pytest.mark.django_db


def _snapshot():
    units = sorted(
        Unit.objects.values_list(
            "code", "name", "level", "kind", "parent__code", "path", "is_active", "abolished_on",
            "successor__code", "former_district__code",
        )
    )  # fmt: skip
    links = sorted(Succession.objects.values_list("predecessor__code", "successor__code", "partly"))
    return units, links


def test_former_units_load_once_with_their_successors_and_a_second_run_changes_nothing(demo):
    load_official_units(legacy=True)
    assert Unit.objects.filter(level=Level.PROVINCE).count() == 34
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 3321
    assert Unit.objects.filter(level=Level.DISTRICT).count() == 696
    assert Unit.objects.filter(level=Level.FORMER_COMMUNE).count() == 10051
    kon_tum = Unit.objects.get(code="cu-62")
    assert (kon_tum.name, kon_tum.is_active, str(kon_tum.abolished_on)) == (
        "Kon Tum", False, "2025-07-01"
    )  # fmt: skip
    assert kon_tum.successor == demo.province and kon_tum.parent == demo.province
    # A former Kon Tum commune resolves to its current Quảng Ngãi commune.
    dak_ro_ong = Unit.objects.get(code="cu-23417")
    assert dak_ro_ong.parent.name == "Huyện Tu Mơ Rông"
    assert dak_ro_ong.successor.code == "23419"
    assert dak_ro_ong.successor.parent == demo.province
    # A split commune: Xã Trà Bùi went to two new communes.
    tra_bui = Unit.objects.get(code="cu-21142")
    assert tra_bui.successor is None
    assert sorted(tra_bui.successors.values_list("code", flat=True)) == ["21136", "21157"]
    # Today's communes know their main former district; unchanged provinces keep no twin.
    demo.commune_a.refresh_from_db()
    assert demo.commune_a.former_district.name == "Huyện Tu Mơ Rông"
    assert not Unit.objects.filter(code="cu-01").exists()
    assert Unit.objects.get(code="cu-001").parent.code == "01"  # Quận Ba Đình under Hà Nội

    before = _snapshot()
    history = Unit.history.count(), Succession.history.count()
    result = load_official_units(legacy=True)
    assert (result.created, result.updated) == (0, 0)
    assert _snapshot() == before
    assert (Unit.history.count(), Succession.history.count()) == history


def _csv(text: str, name="ds.csv"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload


def test_old_lists_map_onto_current_communes_and_a_split_commune_asks_which(demo, login):
    load_official_units(legacy=True)
    resolver = CommuneResolver(within=demo.province)
    match = resolver.resolve(commune="Xa Dak Ro Ong", district="Tu Mo Rong", province="Kon Tum")
    assert match.commune.code == "23419"
    assert resolver.resolve(commune="23417").commune.code == "23419"  # by former code
    split = resolver.resolve(commune="Trà Bùi", district="Huyện Trà Bồng")
    assert split.commune is None and split.split
    assert [c.code for c in split.candidates] == ["21136", "21157"]
    assert resolver.resolve(commune="Trà Bùi", new_commune="Cà Đam").commune.code == "21136"

    # The Kon Tum 2018 roster (former district and commune names, a third without
    # diacritics) maps every row onto today's communes.
    office = demo.users["vanphong.quangngai"]
    with KON_TUM_2018.open("rb") as fh:
        rows = read_rows(fh, COLUMNS, required=REQUIRED, kind="collaborators")
    assert any(r["district"] == "Huyen Tu Mo Rong" for r in rows)
    before = Collaborator.objects.count()

    def by_former_district():
        stats = force_statistics(office)
        kon_tum = Unit.objects.filter(parent__code="cu-62").values_list("name", flat=True)
        rows = [f for f in stats.former_districts if f.name in kon_tum]
        return stats, tuple(
            sum(getattr(f, k) for f in rows) for k in ("total", "women", "minority")
        )

    _stats, (total, women, minority) = by_former_district()
    created = import_roster(rows=rows, managing_office=demo.province, by=office)
    assert len(created) == 102
    assert all(
        c.commune.level == Level.COMMUNE and c.commune.parent == demo.province for c in created
    )
    # Read by the former districts of Kon Tum, the force grew by the 2018 roster.
    stats, after = by_former_district()
    assert after == (total + 102, women + 57, minority + 54)
    assert sum(c.total for c in stats.communes) == stats.total.total
    page = login(office).get(reverse("collaborators:statistics"))
    assert "Huyện Tu Mơ Rông" in page.text

    # A split former commune stops the whole file, with its row, column and candidates.
    bad = read_rows(
        _csv(
            "Họ và tên,Giới tính,Dân tộc,Xã,Huyện\n"
            "A Blong,Nam,Xơ Đăng,Xa Dak Ro Ong,Tu Mo Rong\n"
            "Y Hoa,Nữ,Co,Xa Tra Bui,Huyen Tra Bong\n"
        ),
        COLUMNS,
        required=REQUIRED,
        kind="collaborators",
    )
    count = Collaborator.objects.count()
    with pytest.raises(RowErrors) as caught:
        import_roster(rows=bad, managing_office=demo.province, by=office)
    [error] = caught.value.rows
    assert (error.row, error.column) == (3, "Xã")
    assert error.candidates == ("Xã Cà Đam (21136)", "Xã Tây Trà Bồng (21157)")
    assert "Xã mới" in error.message
    assert Collaborator.objects.count() == count == before + 102

    # The unit pages say what a unit was and what it became.
    admin = login(demo.users["admin"])
    became = admin.get(reverse("geo:unit_detail", args=["cu-21142"]))
    assert "Xã Cà Đam" in became.text and "Xã Tây Trà Bồng" in became.text
    was = admin.get(reverse("geo:unit_detail", args=["23419"]))
    assert "Xã Đắk Rơ Ông" in was.text
