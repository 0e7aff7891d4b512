import io
from datetime import date

import pytest
from openpyxl import Workbook

from giamngheo.geo.models import Level, Unit
from giamngheo.households.importer import COLUMNS
from giamngheo.households.models import Member, Relation


def member(
    name="Đinh Văn Hà",
    relation=Relation.HEAD,
    born=date(1980, 5, 17),
    cid="062080123456",
    sex="male",
    **facts,
):
    return Member(
        full_name=name, relation=relation, date_of_birth=born, citizen_id=cid, sex=sex, **facts
    )


@pytest.fixture
def village_a(demo):
    return Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code").first()


@pytest.fixture
def village_b(demo):
    return Unit.objects.filter(parent=demo.commune_b, level=Level.VILLAGE).order_by("code").first()


def sheet(rows: list[dict], name="ho.xlsx"):
    """An .xlsx upload with the template's headers and the given {header: value} rows."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = Workbook()
    ws = wb.active
    headers = [c.header for c in COLUMNS]
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def head_row(code, village, name="Hồ Văn Lâm", cid="062085000111", **extra):
    row = {
        "Mã hộ": code, "Thôn": village, "Họ và tên": name, "Quan hệ với chủ hộ": "Chủ hộ",
        "Giới tính": "Nam", "Ngày sinh": "12/04/1985", "Dân tộc": "Xơ Đăng", "Số CCCD": cid,
        "Thu nhập bình quân (đồng/người/tháng)": 1_200_000, "Diện tích nhà ở (m²)": 20,
        "Có BHYT": "Có",
    }  # fmt: skip
    row.update(extra)
    return row
