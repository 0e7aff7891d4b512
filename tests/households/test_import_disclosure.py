"""A citizen ID already registered elsewhere: said without naming anyone outside the area.

And the row errors (which quote IDs and names) are cleared after the retention period.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from giamngheo.households.models import Household, ImportJob, Member

from .conftest import head_row, sheet
from .test_pages import _form_data

pytestmark = pytest.mark.django_db
URL = "/ho-gia-dinh/nhap/"


def _resident_of(commune):
    return (
        Member.objects.filter(household__commune=commune)
        .exclude(citizen_id=None)
        .exclude(date_of_birth=None)
        .select_related("household")
        .first()
    )


def _import(client, commune, row):
    response = client.post(URL, {"commune": commune.code, "file": sheet([row])})
    assert response.status_code == 302
    return ImportJob.objects.latest("created_at"), client.get(response["Location"])


def test_import_does_not_name_another_communes_resident(demo, login, village_a):
    other = _resident_of(demo.commune_b)
    client = login(demo.users["canbo.tumorong"])
    job, page = _import(
        client,
        demo.commune_a,
        head_row(
            "D-1",
            village_a.name,
            cid=other.citizen_id,
            **{
                "Ngày sinh": other.date_of_birth.strftime("%d/%m/%Y"),
                "Giới tính": "Nam" if other.sex == "male" else "Nữ",
            },
        ),
    )
    assert job.state == ImportJob.State.REJECTED
    stored = str(job.errors)
    body = page.content.decode()
    assert "đã được đăng ký cho một người dân ở địa bàn khác" in stored
    for secret in (other.full_name, other.household.code):
        assert secret not in stored and secret not in body


def test_inside_the_area_the_message_still_names_the_household(demo, login, village_a):
    mine = _resident_of(demo.commune_a)
    client = login(demo.users["canbo.tumorong"])
    job, _page = _import(
        client,
        demo.commune_a,
        head_row(
            "D-2",
            village_a.name,
            cid=mine.citizen_id,
            **{
                "Ngày sinh": mine.date_of_birth.strftime("%d/%m/%Y"),
                "Giới tính": "Nam" if mine.sex == "male" else "Nữ",
            },
        ),
    )
    stored = str(job.errors)
    assert mine.full_name in stored and mine.household.code in stored


def test_edit_form_says_another_area_in_vietnamese_not_the_constraint(demo, login):
    other = _resident_of(demo.commune_b)
    household = Household.objects.filter(commune=demo.commune_a).first()
    head = household.members.order_by("id").first()
    client = login(demo.users["canbo.tumorong"])
    data = _form_data(
        household,
        **{
            "members-0-citizen_id": other.citizen_id,
            "members-0-date_of_birth": other.date_of_birth.strftime("%d/%m/%Y"),
            "members-0-sex": other.sex,
        },
    )
    response = client.post(f"/ho-gia-dinh/{household.code}/sua/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "unique_citizen_id" not in body and "Constraint" not in body
    assert "đã được đăng ký cho một người dân ở địa bàn khác" in body
    assert other.full_name not in body and other.household.code not in body
    head.refresh_from_db()
    assert head.citizen_id != other.citizen_id


def test_edit_form_inside_the_area_links_the_other_household(demo, login):
    households = list(Household.objects.filter(commune=demo.commune_a).order_by("code")[:2])
    other = households[1].members.exclude(citizen_id=None).exclude(date_of_birth=None).first()
    client = login(demo.users["canbo.tumorong"])
    data = _form_data(
        households[0],
        **{
            "members-0-citizen_id": other.citizen_id,
            "members-0-date_of_birth": other.date_of_birth.strftime("%d/%m/%Y"),
            "members-0-sex": other.sex,
        },
    )
    body = client.post(f"/ho-gia-dinh/{households[0].code}/sua/", data).content.decode()
    assert "unique_citizen_id" not in body
    assert f"/ho-gia-dinh/{households[1].code}/" in body


def _rejected_job(demo, finished_days_ago):
    job = ImportJob.objects.create(
        commune=demo.commune_a,
        file=sheet([head_row("R-1", "x")], name="cu.xlsx"),
        original_name="cu.xlsx",
        created_by=demo.users["canbo.tumorong"],
        state=ImportJob.State.REJECTED,
        errors=[[2, "Số CCCD", "Số CCCD 062085000111 đã được đăng ký cho Hồ Văn Lâm"]],
        error_count=1,
        finished_at=timezone.now() - dt.timedelta(days=finished_days_ago),
    )
    return job


def test_import_errors_and_files_are_purged_after_the_retention_period(demo, login, settings):
    settings.IMPORT_ERRORS_RETENTION_DAYS = 30
    old, recent = _rejected_job(demo, 31), _rejected_job(demo, 29)
    old_path = old.file.path
    call_command("purge_import_errors")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.errors == [] and not old.file and old.error_count == 1
    import os

    assert not os.path.exists(old_path)
    assert recent.errors and recent.file
    page = login(demo.users["canbo.tumorong"]).get(f"/ho-gia-dinh/nhap/{old.pk}/")
    body = page.content.decode()
    assert "062085000111" not in body and "Hồ Văn Lâm" not in body
    assert "Danh sách lỗi đã được xóa sau 30 ngày" in body
    # Running it again changes nothing.
    call_command("purge_import_errors")
    recent.refresh_from_db()
    assert recent.errors


def test_every_import_also_purges_old_errors(demo, login, village_a, settings):
    settings.IMPORT_ERRORS_RETENTION_DAYS = 7
    old = _rejected_job(demo, 8)
    client = login(demo.users["canbo.tumorong"])
    _import(client, demo.commune_a, head_row("P-1", village_a.name, cid="062085004321"))
    old.refresh_from_db()
    assert old.errors == []
