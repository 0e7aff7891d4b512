"""Imports office workers trust: the template imports as downloaded, its coded columns have
drop-downs, errors name the allowed values, counts are right, exports speak Vietnamese."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.core.tabular import write_xlsx
from giamngheo.households.exports import HOUSEHOLDS
from giamngheo.households.import_columns import COLUMNS
from giamngheo.households.models import Household, ImportJob

from .conftest import head_row, sheet

pytestmark = pytest.mark.django_db

URL = "/ho-gia-dinh/nhap/"


def _template(client):
    response = client.get(reverse("households:import_template", args=["xlsx"]))
    return response.content, load_workbook(io.BytesIO(response.content))


def test_every_coded_column_has_a_drop_down_of_the_values_the_import_accepts(demo, login):
    _bytes, workbook = _template(login(demo.users["canbo.tumorong"]))
    data = workbook.worksheets[0]
    lists = workbook["Danh mục"]
    by_column = {}
    for validation in data.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        by_column[column] = validation
    coded = {
        c.header: i
        for i, c in enumerate(COLUMNS)
        if c.kind not in ("text", "int", "decimal", "date")
    }
    letters = {h: data.cell(row=1, column=i + 1).column_letter for h, i in coded.items()}
    assert set(letters.values()) <= set(by_column), "a coded column has no drop-down"
    sex = by_column[letters["Giới tính"]]
    sheet_ref, cells = sex.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    values = [c.value for row in lists[first:last] for c in row]
    assert values == ["Nam", "Nữ"] or sorted(values) == ["Nam", "Nữ"]
    assert data.freeze_panes == "A2"


def test_the_template_imports_as_downloaded_without_adding_or_refusing_anything(demo, login):
    client = login(demo.users["canbo.tumorong"])
    content, _workbook = _template(client)
    before = Household.objects.count()
    upload = SimpleUploadedFile("mau-nhap-ho-gia-dinh.xlsx", content)
    response = client.post(URL, {"commune": demo.commune_a.code, "file": upload})
    page = client.get(response["Location"])
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.DONE, (job.message, job.errors)
    assert Household.objects.count() == before
    assert page.status_code == 200


def test_a_wrong_coded_value_is_refused_with_the_allowed_values(demo, login, village_a):
    client = login(demo.users["canbo.tumorong"])
    rows = [
        head_row("T-1", village_a.name, **{"Giới tính": "Đực"}),
        head_row("T-2", village_a.name, cid="062085000999", **{"Dân tộc": "Klingon"}),
        head_row("T-3", village_a.name, cid="062085000998"),
    ]
    response = client.post(URL, {"commune": demo.commune_a.code, "file": sheet(rows)})
    page = client.get(response["Location"])
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.REJECTED
    messages = {(row, column): m for row, column, m in job.errors}
    assert "Nam, Nữ" in messages[(2, "Giới tính")]
    assert "Xơ Đăng" in messages[(3, "Dân tộc")]
    # Every row was checked before the file was refused, and the page says so.
    assert (job.processed_rows, job.total_rows) == (3, 3)
    assert "3 / 3" in page.content.decode()


def test_the_register_export_writes_categories_in_words_under_a_frozen_filtered_header(demo):
    user = demo.users["canbo.tumorong"]
    assert Household.objects.filter(commune=demo.commune_a).exclude(assessed_category="").exists()
    _count, rows = HOUSEHOLDS.rows(user, QueryDict(""))
    buffer = io.BytesIO()
    write_xlsx(buffer, HOUSEHOLDS.headers(), rows)
    written = load_workbook(buffer).active
    header = [c.value for c in written[1]]
    column = header.index("Phân loại theo dữ liệu")
    values = {row[column] for row in written.iter_rows(min_row=2, values_only=True)}
    assert values and not values & {"POOR", "NEAR_POOR", "AVERAGE", "NOT_POOR", "UNKNOWN"}
    assert values <= {"Nghèo", "Cận nghèo", "Có mức sống trung bình", "Không nghèo", None} or all(
        v and v.upper() != v for v in values
    )
    assert written.freeze_panes == "A2"
    assert written.auto_filter.ref.startswith("A1:")
    assert written.column_dimensions["B"].width > 8
