"""Each report of the small commune, on screen, in .xlsx and in PDF, against hand-worked figures."""

import io
import re
import subprocess

import lxml.html
import pytest
from openpyxl import load_workbook

from .expected import ETHNIC_COLUMNS, EXPECTED, HAI, LISTS, MOT

ROWS = {"Thôn Hai": 0, "Thôn Một": 1, "Tổng cộng": 2}


def _url(report, suffix=""):
    return f"/bao-cao/bieu-{report:02d}/99901/2025/{suffix}"


def _expected(report, keys):
    """Every shown column: the hand-worked figure, else 0 (a ratio of a non-empty row: 0.0)."""
    spec = EXPECTED[report]
    zero = {True: (0.0, 0.0, 0.0), False: (0, 0, 0)}
    return {k: spec.get(k, zero[k.endswith("_pct")]) for k in keys}


def _screen(client, report):
    response = client.get(_url(report))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    keys = [
        th.get("data-col") for th in page.xpath('//table[@id="report-table"]/thead//th[@data-col]')
    ]
    rows = {}
    for tr in page.xpath('//table[@id="report-table"]/tbody/tr'):
        cells = {td.get("data-col"): td.text_content().strip() for td in tr.xpath("td[@data-col]")}
        rows[tr.get("data-unit")] = cells
    return keys, rows


def _as_number(text: str):
    return float(text.replace(".", "").replace(",", ".")) if text not in ("", "–") else None


@pytest.mark.parametrize("report", sorted(EXPECTED))
@pytest.mark.django_db
def test_report_screen_xlsx_and_pdf_show_the_hand_worked_figures(small, login, report, tmp_path):
    client = login(small.province_staff)
    keys, rows = _screen(client, report)
    expected = _expected(report, keys)
    assert set(EXPECTED[report]) <= set(keys), "a hand-worked column is missing from the screen"
    if report == 9:
        assert [k for k in keys if "_e" in k] == ETHNIC_COLUMNS
    for unit, i in ((HAI, 0), (MOT, 1), ("total", 2)):
        got = {k: _as_number(rows[unit][k]) for k in keys}
        assert got == {k: v[i] for k, v in expected.items()}, unit
    _check_xlsx(client.get(_url(report, "tai-ve.xlsx")), keys, expected)
    _check_pdf(client.get(_url(report, "tai-ve.pdf")), keys, expected, tmp_path)


def _check_xlsx(response, keys, expected):
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [str(v) for row in values for v in row if v is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "NGƯỜI LẬP BIỂU" in flat
    assert any("bố cục chưa đối chiếu bản gốc" in v for v in flat)
    assert not {"POOR", "NEAR_POOR", "AVERAGE", "NOT_POOR"} & set(flat), "an internal code"
    numbering = next(r for r in values if r[:3] == ["A", "B", "1"])
    assert numbering[2:] == [str(i) for i in range(1, len(keys) + 1)]
    assert ws.freeze_panes is not None
    for row in values:
        if row[1] in ROWS:
            got = dict(zip(keys, row[2 : 2 + len(keys)], strict=True))
            assert got == {k: v[ROWS[row[1]]] for k, v in expected.items()}, row[1]
    assert sum(1 for row in values if row[1] in ROWS) == 3


def _pdf_text(response, tmp_path) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _check_pdf(response, keys, expected, tmp_path):
    text = _pdf_text(response, tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "bố cục chưa đối chiếu bản gốc" in text and "NGƯỜI LẬP BIỂU" in text
    for label, i in ROWS.items():
        line = next(ln for ln in text.splitlines() if re.search(rf"\b{label}\b", ln))
        tokens = line.split(label, 1)[1].split()
        want = [_print(v[i]) for v in expected.values()]
        assert tokens == want, label


def _print(value):
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)


@pytest.mark.parametrize("report", sorted(LISTS))
@pytest.mark.django_db
def test_detailed_lists_hold_the_listed_households_with_members(small, login, report, tmp_path):
    client = login(small.province_staff)
    page = lxml.html.fromstring(client.get(_url(report)).content.decode())
    rows = page.xpath('//table[@id="report-list"]/tbody/tr')
    codes = [tr.xpath("td")[1].text_content().strip() for tr in rows]
    assert codes == LISTS[report]
    ws = load_workbook(io.BytesIO(client.get(_url(report, "tai-ve.xlsx")).content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert [r[1] for r in rows if str(r[1]).startswith("99901-H")] == LISTS[report]
    h01 = next((r for r in rows if r[1] == "99901-H01"), None)
    if h01:  # its members, groups, deprivations and needs in words
        assert "Chủ Hộ 01 (1980, chủ hộ)" in h01[8] and "Con 1 Hộ 01 (2015, con)" in h01[8]
        assert h01[4] == "Xơ Đăng" and "Người có công" in h01[5]
        assert (
            "Bảo hiểm y tế" in h01[6]
            and h01[7] == "Sản xuất, Tín dụng"
            or h01[7] == "Tín dụng, Sản xuất"
        )
    assert any(f"Tổng cộng: {len(LISTS[report])} hộ" == r[1] for r in rows)
    text = _pdf_text(client.get(_url(report, "tai-ve.pdf")), tmp_path)
    assert all(code in text for code in LISTS[report])
    assert f"Tổng cộng: {len(LISTS[report])} hộ" in text
