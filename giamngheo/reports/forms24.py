"""The forms of Decision 24/2021/QĐ-TTg (annex: Mẫu số 01–04) printed filled from the record.

- 01 Giấy đề nghị rà soát hộ nghèo, hộ cận nghèo … — an ad-hoc review for inclusion;
- 02 Quyết định công nhận danh sách … — a recognition decision with its lists;
- 03 Giấy chứng nhận hộ nghèo, hộ cận nghèo — a household on either list;
- 04 Giấy đề nghị công nhận hộ thoát nghèo, hộ thoát cận nghèo — an ad-hoc review for exit.

Field lists follow regulations.md §5.2 (01 and 03 verified from secondary sources; 02 and 04
laid out as an ordinary decision and application until the originals are retrieved), so each
paper carries the caveat footnote. Citizen IDs are printed as the user may see them.
"""

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from giamngheo.households.models import PovertyStatus, Relation

from .official import Heading, grid, heading_for, official_pdf, short_name, styles

CAVEAT = "Mẫu theo Phụ lục Quyết định 24/2021/QĐ-TTg (bố cục chưa đối chiếu bản gốc)."
SEX_VI = {"male": "Nam", "female": "Nữ"}
RELATION_VI = {
    Relation.HEAD: "Chủ hộ", Relation.SPOUSE: "Vợ/chồng", Relation.CHILD: "Con",
    Relation.CHILD_IN_LAW: "Con dâu/rể", Relation.GRANDCHILD: "Cháu", Relation.PARENT: "Bố/mẹ",
    Relation.GRANDPARENT: "Ông/bà", Relation.SIBLING: "Anh/chị/em", Relation.OTHER: "Khác",
}  # fmt: skip
WORK_VI = {"employed": "Có việc làm", "unemployed": "Không có việc làm"}
STATUS_VI = {
    PovertyStatus.POOR: "hộ nghèo",
    PovertyStatus.NEAR_POOR: "hộ cận nghèo",
    PovertyStatus.ESCAPED_POOR: "hộ thoát nghèo",
    PovertyStatus.ESCAPED_NEAR_POOR: "hộ thoát cận nghèo",
}


def _born(member) -> str:
    if member.date_of_birth:
        return member.date_of_birth.strftime("%d/%m/%Y")
    return str(member.birth_year or "")


def _status(member) -> str:
    if member.in_school:
        return "Đang đi học"
    return WORK_VI.get(member.employment_status, "")


def _applicant_heading(review) -> Heading:
    """A household's application: no issuing body; the place is the commune, dated on receipt."""
    return Heading(
        issuer=("", ""),
        number="",
        place=short_name(review.commune.name),
        on=review.received_on,
        preparer=("",),
        approver=("NGƯỜI VIẾT ĐƠN",),
        approver_name=review.applicant_name,
        caveat=CAVEAT,
    )


def _household_lines(household, head, citizen_id, s) -> list:
    residence = ", ".join(
        p for p in (household.address, household.village.name, household.commune.name) if p
    )
    return [
        Paragraph(f"Họ và tên chủ hộ: <b>{head.full_name if head else household.head_name}</b>"
                  f" &nbsp; Giới tính: {SEX_VI.get(getattr(head, 'sex', ''), '')}", s["body"]),
        Paragraph(f"Ngày sinh: {_born(head) if head else ''} &nbsp; Dân tộc: {head.get_ethnicity_display() if head else ''}", s["body"]),
        Paragraph(f"Số định danh cá nhân (CCCD): {citizen_id}", s["body"]),
        Paragraph(f"Nơi thường trú: {residence}", s["body"]),
        Paragraph(f"Nơi ở hiện tại: {residence}", s["body"]),
    ]  # fmt: skip


def _members_table(members, width, s):
    rows = [["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Quan hệ với chủ hộ", "Tình trạng"]]
    rows += [
        [str(i), Paragraph(m.full_name, s["cell"]), SEX_VI.get(m.sex, ""), _born(m),
         RELATION_VI.get(m.relation, ""), _status(m)]
        for i, m in enumerate(members, start=1)
    ]  # fmt: skip
    fixed = [10 * mm, 0, 18 * mm, 24 * mm, 32 * mm, 30 * mm]
    fixed[1] = width - sum(fixed)
    return grid(rows, fixed)


def application_pdf(review, citizen_id: str) -> bytes:
    """Mẫu số 01 (inclusion) or 04 (exit), as the household filed it."""
    s = styles()
    household = review.household
    members = list(household.members.all())
    head = next((m for m in members if m.relation == Relation.HEAD), None)
    exit_ = review.kind == "exit"
    title = (
        "GIẤY ĐỀ NGHỊ CÔNG NHẬN HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO"
        if exit_
        else "GIẤY ĐỀ NGHỊ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO HOẶC XÁC ĐỊNH HỘ CÓ MỨC SỐNG TRUNG BÌNH"
    )
    form = "Mẫu số 04" if exit_ else "Mẫu số 01"

    def body(width):
        story = [
            Paragraph(f"Kính gửi: Chủ tịch Ủy ban nhân dân {review.commune.name}", s["center"]),
            Spacer(1, 4 * mm),
            *_household_lines(household, head, citizen_id, s),
        ]
        if not exit_:
            story += [
                Paragraph("Các thành viên trong hộ gia đình:", s["h2"]),
                _members_table(members, width, s),
            ]
        wish = (
            "Đề nghị được xem xét, công nhận thoát nghèo, thoát cận nghèo."
            if exit_
            else "Đề nghị được rà soát, xét duyệt hộ nghèo, hộ cận nghèo hoặc xác định hộ có mức sống trung bình."
        )
        return story + [
            Paragraph(f"Lý do đề nghị: {review.reason}", s["body"]),
            Paragraph(wish, s["body"]),
            Paragraph(f"Mã hộ: {household.code}; hồ sơ tiếp nhận ngày {review.received_on:%d/%m/%Y}.", s["body"]),
        ]  # fmt: skip

    lines = [title, f"({form} — Quyết định 24/2021/QĐ-TTg)"]
    return official_pdf(_applicant_heading(review), lines, body, wide=False)


def decision_pdf(decision, entries) -> bytes:
    """Mẫu số 02: the chair's decision recognising the lists, with the lists as its annex."""
    s = styles()
    year = decision.year
    lists = {status: [e for e in entries if e.status == status] for status in STATUS_VI}
    heading = heading_for(
        decision.commune, on=decision.signed_on, number=decision.number, caveat=CAVEAT,
        preparer=("",), approver=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        approver_name=decision.signer_name,
    )  # fmt: skip

    def body(width):
        story = [
            Paragraph(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.commune.name.upper()}", s["head"]),
            Spacer(1, 3 * mm),
            Paragraph("Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định chuẩn nghèo đa chiều;", s["body"]),
            Paragraph("Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16/7/2021 của Thủ tướng Chính phủ quy định quy trình rà soát hộ nghèo, hộ cận nghèo;", s["body"]),
            Paragraph("Xét kết quả rà soát hộ nghèo, hộ cận nghèo trên địa bàn,", s["body"]),
            Paragraph("QUYẾT ĐỊNH:", s["head"]),
            Paragraph(
                f"Điều 1. Công nhận {len(lists[PovertyStatus.POOR])} hộ nghèo, {len(lists[PovertyStatus.NEAR_POOR])} hộ cận nghèo, "
                f"{len(lists[PovertyStatus.ESCAPED_POOR])} hộ thoát nghèo, {len(lists[PovertyStatus.ESCAPED_NEAR_POOR])} hộ thoát cận nghèo "
                f"năm {year} (danh sách kèm theo).", s["body"]),
            Paragraph("Điều 2. Các hộ có tên trong danh sách được hưởng các chính sách theo quy định.", s["body"]),
            Paragraph(f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chuẩn áp dụng: {decision.standard}.", s["body"]),
        ]  # fmt: skip
        for status, label in STATUS_VI.items():
            story.append(Paragraph(f"Danh sách {label} ({len(lists[status])} hộ)", s["h2"]))
            rows = [["STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn"]]
            rows += [
                [str(i), e.household.code, Paragraph(e.household.head_name, s["cell"]), Paragraph(e.household.village.name, s["cell"])]
                for i, e in enumerate(lists[status], start=1)
            ] or [["", "", "Không có", ""]]  # fmt: skip
            story.append(grid(rows, [12 * mm, 34 * mm, width - 96 * mm, 50 * mm]))
        return story

    lines = ["QUYẾT ĐỊNH", f"Về việc công nhận danh sách hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo năm {year}", "(Mẫu số 02 — Quyết định 24/2021/QĐ-TTg)"]  # fmt: skip
    return official_pdf(heading, lines, body, wide=False)


def certificate_pdf(household, citizen_id: str, record) -> bytes:
    """Mẫu số 03: the certificate handed to a poor or near-poor household."""
    s = styles()
    members = list(household.members.all())
    head = next((m for m in members if m.relation == Relation.HEAD), None)
    label = STATUS_VI[PovertyStatus(household.status)].upper()
    heading = heading_for(
        household.commune, on=record.decision_date if record else None, doc_code="GCN-HN.HCN",
        caveat=CAVEAT, preparer=("",), approver=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    )  # fmt: skip

    def body(width):
        rows = [
            [
                "STT",
                "Họ và tên",
                "Dân tộc",
                "Quan hệ với chủ hộ",
                "Năm sinh (Nam)",
                "Năm sinh (Nữ)",
                "Ghi chú",
            ]
        ]
        for i, m in enumerate(members, start=1):
            year = str(m.date_of_birth.year if m.date_of_birth else m.birth_year or "")
            rows.append(
                [
                    str(i),
                    Paragraph(m.full_name, s["cell"]),
                    m.get_ethnicity_display(),
                    RELATION_VI.get(m.relation, ""),
                    year if m.sex == "male" else "",
                    year if m.sex == "female" else "",
                    "",
                ]
            )
        fixed = [10 * mm, 0, 24 * mm, 28 * mm, 20 * mm, 20 * mm, 20 * mm]
        fixed[1] = width - sum(fixed)
        basis = (
            f"Theo Quyết định số {record.decision_number} ngày {record.decision_date:%d/%m/%Y}."
            if record
            else ""
        )
        return [
            *_household_lines(household, head, citizen_id, s)[:4],
            Paragraph(f"Mã hộ: {household.code}. {basis}", s["body"]),
            Paragraph("Các thành viên trong hộ:", s["h2"]),
            grid(rows, fixed),
            Paragraph("Xác nhận hằng năm của Chủ tịch UBND cấp xã: năm ...... (ký, đóng dấu).", s["body"]),
        ]  # fmt: skip

    lines = [f"GIẤY CHỨNG NHẬN {label}", f"Năm {household.status_year or ''}", "(Mẫu số 03 — Quyết định 24/2021/QĐ-TTg)"]  # fmt: skip
    return official_pdf(heading, lines, body, wide=False)
