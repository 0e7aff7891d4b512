"""core.tabular.write_xlsx (XlsxWriter, constant memory): what goes in is what a reader gets."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from giamngheo.core import tabular


def _written(headers, rows, **kwargs):
    buffer = io.BytesIO()
    count = tabular.write_xlsx(buffer, headers, rows, **kwargs)
    return count, buffer.getvalue()


def test_values_keep_their_type_and_text_stays_text():
    rows = [
        ["=1+1", "http://attacker.example/", "0905123456", "1e5", Decimal("1250000.50"), 4, True],
        [],
        [None, "", datetime.date(2026, 1, 31), datetime.datetime(2026, 1, 31, 8, 30)],
    ]
    progress = []
    count, content = _written(
        ["Mã hộ", "Địa chỉ"], rows, sheet_title="Hộ gia đình", on_progress=progress.append, every=2
    )
    assert count == 3 and progress == [2, 3]
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Hộ gia đình"]
    assert sheet["A1"].value == "Mã hộ" and sheet["A1"].font.b
    first = [c.value for c in sheet[2]]
    assert first == ["'=1+1", "http://attacker.example/", "0905123456", "1e5", 1250000.5, 4, True]
    assert not any(c.hyperlink for c in sheet[2])
    assert all(c.value is None for c in sheet[3])
    assert sheet["C4"].value == datetime.datetime(2026, 1, 31)
    assert sheet["C4"].number_format == "dd/mm/yyyy"
    assert sheet["D4"].value == datetime.datetime(2026, 1, 31, 8, 30)
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula was written"


def test_a_written_template_is_read_back_by_the_importer():
    """Templates (xlsx_response) are filled in and uploaded again: the upload checks and
    calamine must read what the writer writes."""
    _, content = _written(["Tên thôn", "Loại"], [("Thôn 1", "Thôn"), ("Tổ 2", "Tổ dân phố")])
    upload = SimpleUploadedFile("mau.xlsx", content)
    rows = tabular.read_rows(upload, {"name": "Tên thôn", "kind": "Loại"}, kind="villages")
    assert [(r["name"], r["kind"], r["_row"]) for r in rows] == [
        ("Thôn 1", "Thôn", 2),
        ("Tổ 2", "Tổ dân phố", 3),
    ]


def test_more_rows_than_a_sheet_holds_fail_instead_of_being_dropped(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_SHEET_ROWS", 3)
    with pytest.raises(ValueError):
        _written(["A"], [[1], [2], [3]])
    assert _written(["A"], [[1], [2]])[0] == 2
