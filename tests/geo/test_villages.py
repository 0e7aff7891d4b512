import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from giamngheo.core.concurrency import EditConflict
from giamngheo.geo.models import Area, Kind, Level, Unit
from giamngheo.geo.services import add_village, set_commune_area, update_village

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("thon.xlsx", buf.getvalue())


def test_village_takes_its_communes_area_and_a_generated_code(demo):
    officer = demo.users["canbo.kontum"]
    village = add_village(
        commune=demo.commune_b, name="Tổ dân phố 9", kind=Kind.RESIDENTIAL_GROUP, by=officer
    )
    assert village.area == Area.URBAN
    assert village.code.startswith("23293-")
    assert village.path == f"51/23293/{village.code}/"


def test_village_name_must_be_unique_in_the_commune_ignoring_diacritics(demo):
    with pytest.raises(ValidationError) as exc:
        add_village(
            commune=demo.commune_a, name="thon dak chum 1", kind=Kind.HAMLET, by=demo.users["admin"]
        )
    assert "đã có" in str(exc.value.message_dict["name"][0])


def test_officer_adds_a_village_through_the_page(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        reverse("geo:village_add", args=["23425"]),
        {"name": "Thôn Đăk Prông", "kind": "thon", "reason": ""},
    )
    assert response.status_code == 302
    village = Unit.objects.get(name="Thôn Đăk Prông")
    assert village.parent == demo.commune_a
    page = client.get(reverse("geo:unit_detail", args=["23425"]))
    assert "Thôn Đăk Prông" in page.content.decode()


def test_form_keeps_what_was_typed_on_error(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        reverse("geo:village_add", args=["23425"]), {"name": "Thôn Mô Pả", "kind": "thon"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Thôn Mô Pả"' in body
    assert "đã có trong Xã Tu Mơ Rông" in body


def test_edit_records_who_what_and_why_in_the_history(demo, login):
    officer = demo.users["canbo.tumorong"]
    village = Unit.objects.get(parent=demo.commune_a, name="Thôn Mô Pả")
    client = login(officer)
    response = client.post(
        reverse("geo:village_edit", args=[village.code]),
        {
            "name": "Thôn Mô Pả 1",
            "kind": "lang",
            "version": village.version,
            "reason": "Đổi tên theo nghị quyết",
        },
    )
    assert response.status_code == 302
    record = village.history.latest()
    assert record.history_user == officer
    assert record.history_change_reason == "Đổi tên theo nghị quyết"
    changes = {c.field: (c.old, c.new) for c in record.diff_against(record.prev_record).changes}
    assert changes["name"] == ("Thôn Mô Pả", "Thôn Mô Pả 1")
    page = client.get(reverse("geo:unit_detail", args=[village.code])).content.decode()
    assert "Đổi tên theo nghị quyết" in page
    assert "Thôn Mô Pả 1" in page and "Trước" in page and "Sau" in page


def test_second_save_of_the_same_version_is_refused_and_keeps_the_input(demo, login):
    village = Unit.objects.get(parent=demo.commune_a, name="Thôn Kon Hia 1")
    opened = village.version
    update_village(
        village=village, name="Thôn Kon Hia", kind="thon", version=opened, by=demo.users["admin"]
    )
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        reverse("geo:village_edit", args=[village.code]),
        {"name": "Thôn Kon Hia Một", "kind": "thon", "version": opened, "reason": ""},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Người khác đã lưu" in body
    assert 'value="Thôn Kon Hia Một"' in body
    assert Unit.objects.get(pk=village.pk).name == "Thôn Kon Hia"


def test_stale_version_in_the_service_raises_edit_conflict(demo):
    village = Unit.objects.get(parent=demo.commune_a, name="Thôn Kon Hia 1")
    update_village(
        village=village, name="A", kind="thon", version=village.version, by=demo.users["admin"]
    )
    stale = Unit.objects.get(pk=village.pk)
    with pytest.raises(EditConflict):
        update_village(
            village=stale, name="B", kind="thon", version=stale.version - 1, by=demo.users["admin"]
        )


def test_changing_a_communes_area_moves_its_villages_and_needs_a_reason(demo):
    commune = demo.commune_a
    with pytest.raises(ValidationError):
        set_commune_area(
            commune=commune,
            area=Area.URBAN,
            version=commune.version,
            by=demo.users["admin"],
            reason="",
        )
    set_commune_area(
        commune=commune,
        area=Area.URBAN,
        version=commune.version,
        by=demo.users["admin"],
        reason="Lên phường",
    )
    assert set(Unit.objects.filter(parent=commune).values_list("area", flat=True)) == {Area.URBAN}


def test_import_with_a_bad_row_reports_each_problem_and_saves_nothing(demo, login):
    client = login(demo.users["canbo.tumorong"])
    before = Unit.objects.filter(parent=demo.commune_a).count()
    upload = _xlsx(
        [
            ["Tên thôn", "Loại"],
            ["Thôn Mới 1", "Thôn"],
            ["", "Thôn"],
            ["Thôn Mới 1", "thôn"],
            ["Thôn Mới 2", "quận"],
            ["Thôn Mô Pả", "Thôn"],
        ]
    )
    response = client.post(reverse("geo:village_import", args=["23425"]), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    for row in ("<td>3</td>", "<td>4</td>", "<td>5</td>", "<td>6</td>"):
        assert row in body
    assert "không nhập gì" in body
    assert Unit.objects.filter(parent=demo.commune_a).count() == before


def test_import_of_a_clean_file_adds_every_village(demo, login):
    client = login(demo.users["canbo.tumorong"])
    upload = SimpleUploadedFile(
        "thon.csv", "Tên thôn,Loại\nThôn Tân Lập,Thôn\nLàng Kon Rế,làng\n".encode()
    )
    response = client.post(reverse("geo:village_import", args=["23425"]), {"file": upload})
    assert response.status_code == 302
    kinds = dict(
        Unit.objects.filter(
            parent=demo.commune_a, name__in=["Thôn Tân Lập", "Làng Kon Rế"]
        ).values_list("name", "kind")
    )
    assert kinds == {"Thôn Tân Lập": Kind.HAMLET, "Làng Kon Rế": Kind.VILLAGE}


def test_import_template_has_the_vietnamese_headers(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.get(reverse("geo:village_template", args=["23425"]))
    workbook = load_workbook(io.BytesIO(response.content))
    data, examples = workbook.worksheets[:2]
    assert [c.value for c in data[1]] == ["Tên thôn", "Loại"]
    assert data.max_row == 1  # importing the template as downloaded adds no village
    assert examples["B2"].value == "Thôn"
    (kind_list,) = data.data_validations.dataValidation
    assert str(kind_list.sqref).startswith("B2:")


def test_import_without_the_expected_columns_says_which_are_missing(demo, login):
    client = login(demo.users["canbo.tumorong"])
    upload = SimpleUploadedFile("thon.csv", "Tên,Loại\nA,Thôn\n".encode())
    response = client.post(reverse("geo:village_import", args=["23425"]), {"file": upload})
    assert "Thiếu cột: Tên thôn" in response.content.decode()
    assert not Unit.objects.filter(parent=demo.commune_a, name="A", level=Level.VILLAGE).exists()
