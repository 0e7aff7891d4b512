"""The printable posting list and the summary report open in poppler and LibreOffice and
show the right households and totals."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from giamngheo.households.models import PovertyStatus

from .annual import NEAR_POOR, POOR, hold_meetings, open_review, post, survey_all

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def posted(demo, people, make_household, villages):
    poor = make_household(status=PovertyStatus.POOR, village=villages[0], members=3)
    near = make_household(status=PovertyStatus.NEAR_POOR, village=villages[0], members=2)
    applicant = make_household(village=villages[1], members=4)
    review = open_review(demo.commune_a, people, [applicant])
    review = survey_all(review, people, {near.pk: POOR, applicant.pk: NEAR_POOR})
    hold_meetings(review, people)
    post(review, people)
    review.refresh_from_db()
    return review, {"poor": poor, "near": near, "applicant": applicant}


def _pdf_text(data: bytes, tmp_path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    RESULTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(RESULTS / name)],
        check=True,
    )
    assert list(RESULTS.glob(f"{name}*.png"))
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _soffice_text(data: bytes, tmp_path, name: str) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: run `make sysdeps`.")
    source = tmp_path / f"{name}.xlsx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_the_posting_list_pdf_shows_each_list_with_its_households_and_totals(
    posted, people, login, tmp_path
):
    review, h = posted
    response = login(people.officer).get(f"/ra-soat/dinh-ky/{review.pk}/danh-sach-niem-yet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path, "reviews-posting-list")
    assert "DANH SÁCH DỰ KIẾN HỘ NGHÈO" in text and "NĂM 2026" in text
    assert "Niêm yết từ ngày 14/11/2025 đến hết ngày 18/11/2025" in text
    assert "chưa xác minh" in text
    for household in h.values():
        assert household.code in text
    poor = review.entries.filter(result_status="POOR").count()
    assert f"I. Hộ nghèo ({poor} hộ)" in text
    assert f"Tổng cộng {review.entries.exclude(result_status='NOT_LISTED').count()}" in " ".join(
        text.split()
    )


def test_a_village_posting_list_has_only_that_villages_households(
    posted, people, login, tmp_path, villages
):
    review, h = posted
    response = login(people.officer).get(
        f"/ra-soat/dinh-ky/{review.pk}/danh-sach-niem-yet.pdf?thon={villages[1].code}"
    )
    text = _pdf_text(response.content, tmp_path, "reviews-posting-village")
    assert h["applicant"].code in text and h["near"].code not in text


def test_the_posting_list_xlsx_opens_in_openpyxl_and_libreoffice_with_its_totals(
    posted, people, login, tmp_path
):
    review, h = posted
    response = login(people.officer).get(f"/ra-soat/dinh-ky/{review.pk}/danh-sach-niem-yet.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    codes = {row[2] for row in rows if row and len(row) > 2}
    assert {h["poor"].code, h["near"].code, h["applicant"].code} <= codes
    total = next(row[1] for row in rows if row and row[0] == "Tổng cộng")
    assert total == review.entries.exclude(result_status="NOT_LISTED").count()
    text = _soffice_text(response.content, tmp_path, "posting")
    assert h["applicant"].code in text and "Tổng cộng" in text


def test_the_summary_report_adds_up_households_and_people_by_village(
    posted, people, login, tmp_path
):
    review, h = posted
    client = login(people.officer)
    pdf = client.get(f"/ra-soat/dinh-ky/{review.pk}/bieu-tong-hop.pdf")
    text = _pdf_text(pdf.content, tmp_path, "reviews-summary-report")
    assert "BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT" in text and "Tổng cộng" in text
    xlsx = client.get(f"/ra-soat/dinh-ky/{review.pk}/bieu-tong-hop.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    total = next(row for row in ws.iter_rows(values_only=True) if row[0] == "Tổng cộng")
    entries = review.entries.all()
    assert total[1] == entries.count()
    # poor households and people (columns 3, 4): the near-poor household (2 people) became poor
    poor = [e for e in entries if e.result_status == "POOR"]
    assert total[2] == len(poor)
    assert total[3] == sum(e.household.members.count() for e in poor)
    assert total[-1] == sum(
        1 for e in entries if e.result_status == "NEAR_POOR" and e.previous_status != "NEAR_POOR"
    )
    office_text = " ".join(_soffice_text(xlsx.content, tmp_path, "summary").split())
    assert f"Tổng cộng {entries.count()} {len(poor)}" in office_text
