"""Printed papers look official: national heading, number, place and date, the preparer's
and the approver's signature blocks, and the verification caveat as a small footnote only;
the Decision 24/2021 forms 01–04 are filled from the record and scoped to the area."""

import subprocess
from datetime import date

import pytest

from giamngheo.households.models import PovertyStatus
from giamngheo.reviews import services

from .annual import DECIDED, NEAR_POOR, POOR, decide, hold_meetings, open_review, post, survey_all

HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _text(response, tmp_path, name="doc") -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(response.content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _footnote_only(text: str, caveat: str) -> None:
    """The caveat sits on the last line of each page (the footnote), never in the body."""
    for page in text.split("\f"):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if not lines:
            continue
        assert caveat in lines[-1]
        assert not any(caveat in ln for ln in lines[:-1])


@pytest.fixture
def decided(demo, people, make_household, villages):
    poor = make_household(status=PovertyStatus.POOR, village=villages[0], members=3)
    applicant = make_household(village=villages[1], members=2)
    review = open_review(demo.commune_a, people, [applicant])
    review = survey_all(review, people, {poor.pk: POOR, applicant.pk: NEAR_POOR})
    hold_meetings(review, people)
    post(review, people)
    review.refresh_from_db()
    return review, poor, applicant


@pytest.mark.django_db
def test_posting_list_and_summary_carry_the_official_frame(decided, people, login, tmp_path):
    review, _poor, _applicant = decided
    client = login(people.officer)
    for url in ("danh-sach-niem-yet.pdf", "bieu-tong-hop.pdf"):
        text = _text(client.get(f"/ra-soat/dinh-ky/{review.pk}/{url}"), tmp_path)
        assert all(h in text for h in HEADING)
        assert "ỦY BAN NHÂN DÂN XÃ TU MƠ RÔNG" in text and "UBND TỈNH QUẢNG NGÃI" in text
        assert "Số:" in text and "Tu Mơ Rông, ngày" in text
        assert (
            "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "(Ký, ghi rõ họ tên)" in text
        )
        _footnote_only(text, "chưa xác minh với văn bản gốc")


@pytest.mark.django_db
def test_decision_and_certificate_forms_are_filled_from_the_record(
    decided, people, login, tmp_path
):
    review, poor, applicant = decided
    services.move(review, action="close_posting", by=people.officer, today=DECIDED)
    decide(review, people)
    decision = review.decision
    client = login(people.officer)
    text = _text(client.get(f"/bao-cao/mau/02/{decision.pk}.pdf"), tmp_path)
    assert all(h in text for h in HEADING) and "Số: 210/QĐ-UBND" in text
    assert "Mẫu số 02" in text and "Y Hen, Chủ tịch UBND xã" in text
    assert poor.code in text and applicant.code in text
    _footnote_only(text, "bố cục chưa đối chiếu bản gốc")
    applicant.refresh_from_db()
    text = _text(client.get(f"/bao-cao/mau/03/{applicant.code}.pdf"), tmp_path)
    assert "GIẤY CHỨNG NHẬN HỘ CẬN NGHÈO" in text and "GCN-HN.HCN" in text
    assert applicant.head_name in text and "062080" in text  # the officer sees the full ID
    other = login(people.other_officer)
    assert other.get(f"/bao-cao/mau/02/{decision.pk}.pdf").status_code == 404
    assert other.get(f"/bao-cao/mau/03/{applicant.code}.pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "form"), [("inclusion", "Mẫu số 01"), ("exit", "Mẫu số 04")])
def test_application_forms_01_and_04(demo, people, make_household, login, tmp_path, kind, form):
    status = PovertyStatus.POOR if kind == "exit" else PovertyStatus.NOT_LISTED
    household = make_household(status=status, members=2)
    review = services.submit_application(
        household=household, kind=kind, channel="in_person", applicant_name="Hộ Thử Đơn",
        reason="Gia đình gặp khó khăn do mất mùa", received_on=date(2025, 10, 6),
        by=people.officer, today=date(2025, 10, 6),
    )  # fmt: skip
    text = _text(login(people.officer).get(f"/bao-cao/mau/don/{review.pk}.pdf"), tmp_path)
    assert form in text and "Kính gửi: Chủ tịch Ủy ban nhân dân Xã Tu Mơ Rông" in text
    assert (
        "Gia đình gặp khó khăn do mất mùa" in text
        and "Tu Mơ Rông, ngày 06 tháng 10 năm 2025" in text
    )
    assert household.head_name in text
    if kind == "inclusion":
        assert "Con Thử" in text and "Con" in text  # the member table
    assert login(people.other_officer).get(f"/bao-cao/mau/don/{review.pk}.pdf").status_code == 404
