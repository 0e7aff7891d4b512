"""Citizen IDs by need to know: full for the commune officer and leader, masked for every
other role, on the household page, the edit form, the export and the API alike; reads of
personal data are recorded for the auditor."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from giamngheo.accounts.models import PersonalDataRead, Role, RoleAssignment, User
from giamngheo.accounts.personal_data import mask_citizen_id
from giamngheo.core.search import fold_parts
from giamngheo.households.models import Household, Member, Relation

FULL = ["canbo.tumorong", "lanhdao.tumorong", "admin"]
MASKED = [
    "ctv.tumorong",
    "clb.tumorong",
    "tinh.quangngai",
    "vanphong.quangngai",
    "kiemtra.quangngai",
]


@pytest.fixture
def head(demo):
    return (
        Member.objects.filter(household__commune=demo.commune_a, relation=Relation.HEAD)
        .exclude(citizen_id=None)
        .select_related("household")
        .order_by("household__code")
        .first()
    )


def test_the_mask_keeps_the_first_four_and_last_three_digits():
    assert mask_citizen_id("062012345426") == "0620•••••426"
    assert mask_citizen_id("") == ""
    assert mask_citizen_id("0620") == "••••"


def _export_file(client, query: str = "") -> bytes:
    """Ask for the register's export, let the worker's code write it, download the file."""
    from giamngheo.core import exports
    from giamngheo.core.models import ExportJob

    url = reverse("households:household_export")
    queued = client.post(f"{url}?{query}" if query else url)
    assert queued.status_code == 302
    job = ExportJob.objects.latest("created_at")
    exports.build(job)
    download = client.get(reverse("core:export_download", args=[job.pk]))
    assert download.status_code == 200
    content = getattr(download, "streaming_content", None)
    return b"".join(content) if content is not None else download.content


@pytest.mark.parametrize("username", FULL + MASKED)
def test_household_page_shows_the_citizen_id_by_role(demo, login, head, username):
    body = (
        login(demo.users[username])
        .get(reverse("households:household_detail", args=[head.household.code]))
        .content.decode()
    )
    if username in FULL:
        assert head.citizen_id in body
    else:
        assert head.citizen_id not in body
        assert mask_citizen_id(head.citizen_id) in body


@pytest.mark.parametrize("username", ["canbo.tumorong", "ctv.tumorong", "kiemtra.quangngai"])
def test_household_export_masks_the_citizen_id_by_role(demo, login, head, username):
    content = _export_file(login(demo.users[username]), f"commune={demo.commune_a.pk}")
    ws = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in ws[1]]
    column = header.index("Số CCCD chủ hộ")
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == head.household.code)
    expected = head.citizen_id if username in FULL else mask_citizen_id(head.citizen_id)
    assert row[column] == expected
    all_text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r)
    assert (head.citizen_id in all_text) == (username in FULL)


@pytest.mark.parametrize("username", ["lanhdao.tumorong", "ctv.tumorong", "clb.tumorong"])
def test_api_masks_the_citizen_id_by_role(demo, head, username):
    client = APIClient()
    client.force_authenticate(demo.users[username])
    response = client.get(f"/api/v1/ho-gia-dinh/{head.household.code}/")
    assert response.status_code == 200
    ids = {m["full_name"]: m["citizen_id"] for m in response.json()["members"]}
    expected = head.citizen_id if username in FULL else mask_citizen_id(head.citizen_id)
    assert ids[head.full_name] == expected
    assert (head.citizen_id in response.content.decode()) == (username in FULL)


def test_a_collaborator_edits_a_household_without_seeing_or_losing_the_citizen_ids(
    demo, login, head
):
    household = head.household
    client = login(demo.users["ctv.tumorong"])
    url = reverse("households:household_edit", args=[household.code])
    form = client.get(url).content.decode()
    assert head.citizen_id not in form and mask_citizen_id(head.citizen_id) in form
    data = {
        "village": household.village_id, "version": household.version, "reason": "Thăm hộ",
        "income_per_capita": household.income_per_capita or "", "phone": "0912345678",
        "members-TOTAL_FORMS": household.members.count(), "members-INITIAL_FORMS": household.members.count(),
        "members-MIN_NUM_FORMS": 1, "members-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, m in enumerate(household.members.order_by("id")):
        data.update({
            f"members-{i}-id": m.pk, f"members-{i}-household": household.pk, f"members-{i}-full_name": m.full_name,
            f"members-{i}-relation": m.relation, f"members-{i}-sex": m.sex, f"members-{i}-ethnicity": m.ethnicity,
            f"members-{i}-date_of_birth": m.date_of_birth.strftime("%d/%m/%Y") if m.date_of_birth else "",
            f"members-{i}-birth_year": m.birth_year or "",
            # a masked value sent back (or a forged one) must not overwrite the stored ID
            f"members-{i}-citizen_id": "999999999999", f"members-{i}-citizen_id_masked": "x",
        })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    household.refresh_from_db()
    head.refresh_from_db()
    assert household.phone == "0912345678"
    assert head.citizen_id == Member.objects.get(pk=head.pk).citizen_id != "999999999999"
    assert len(head.citizen_id) == 12 and "•" not in head.citizen_id


def test_a_citizen_id_search_never_puts_the_number_in_the_address(demo, login, head):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse("households:household_list"), {"q": head.citizen_id})
    assert response.status_code == 302
    assert head.citizen_id not in response["Location"]
    page = client.get(response["Location"])
    body = page.content.decode()
    assert head.household.code in body
    assert head.citizen_id not in body.split('<table class="list"')[1]  # not echoed in links
    assert Household.objects.filter(commune=demo.commune_a).count() > 1
    codes = [
        c for c in Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True)
    ]
    assert sum(code in body for code in codes) == 1
    export = _export_file(client, response["Location"].split("?")[1])
    rows = list(load_workbook(io.BytesIO(export)).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [head.household.code]
    assert PersonalDataRead.objects.filter(
        action="search", user=demo.users["canbo.tumorong"]
    ).exists()
    # an empty search clears the term
    cleared = client.post(reverse("households:household_list"), {"q": ""})
    assert sum(code in client.get(cleared["Location"]).content.decode() for code in codes) > 1


def test_pages_and_files_with_personal_data_are_not_stored(demo, login, head):
    from giamngheo.core.models import ExportJob

    client = login(demo.users["canbo.tumorong"])
    _export_file(client, f"commune={demo.commune_a.pk}")
    job = ExportJob.objects.latest("created_at")
    for url in (
        reverse("households:household_detail", args=[head.household.code]),
        reverse("core:export_download", args=[job.pk]),
        reverse("core:export_job", args=[job.pk]),
        reverse("households:household_list"),
        f"/api/v1/ho-gia-dinh/{head.household.code}/",
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_household_reads_are_recorded_and_shown_to_the_auditor_of_the_area(demo, login, head):
    officer = demo.users["canbo.tumorong"]
    login(officer).get(reverse("households:household_detail", args=[head.household.code]))
    _export_file(login(officer), f"commune={demo.commune_a.pk}")
    other = Household.objects.filter(commune=demo.commune_b).first()
    login(demo.users["canbo.kontum"]).get(reverse("households:household_detail", args=[other.code]))
    view = PersonalDataRead.objects.get(user=officer, action="view")
    assert (view.unit, view.subject) == (demo.commune_a, head.household.code)
    export = PersonalDataRead.objects.get(user=officer, action="export")
    assert export.unit == demo.commune_a
    assert export.count == Household.objects.filter(commune=demo.commune_a).count()

    page = login(demo.users["kiemtra.quangngai"]).get(reverse("accounts:read_audit"))
    assert page.status_code == 200
    body = page.content.decode()
    assert head.household.code in body and other.code in body and "canbo.tumorong" in body
    assert head.citizen_id not in body

    # an auditor of one commune sees only that commune's reads
    auditor = User.objects.create_user("kiemtra.tumorong", password="x" * 12)
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR, unit=demo.commune_a)
    body = login(auditor).get(reverse("accounts:read_audit")).content.decode()
    assert head.household.code in body and other.code not in body
    filtered = login(auditor).get(reverse("accounts:read_audit"), {"ho": "khong-co"}).content
    assert head.household.code not in filtered.decode()


@pytest.mark.parametrize("username", ["canbo.tumorong", "ctv.tumorong", "tinh.quangngai"])
def test_only_the_auditor_reads_the_read_audit(demo, login, username):
    assert login(demo.users[username]).get(reverse("accounts:read_audit")).status_code == 403


def test_api_reads_are_recorded(demo, head):
    client = APIClient()
    client.force_authenticate(demo.users["ctv.tumorong"])
    client.get(f"/api/v1/ho-gia-dinh/{head.household.code}/")
    client.get("/api/v1/ho-gia-dinh/", {"page_size": 3})
    reads = PersonalDataRead.objects.filter(user=demo.users["ctv.tumorong"], action="api")
    assert {(r.subject, r.count) for r in reads} == {
        (head.household.code, 1),
        ("api/ho-gia-dinh", 3),
    }


def test_a_collaborators_own_citizen_id_is_full_only_for_the_managing_office(demo, login):
    from giamngheo.collaborators.models import Collaborator

    ctv = Collaborator.objects.filter(commune=demo.commune_a).first()
    Collaborator.objects.filter(pk=ctv.pk).update(citizen_id="062190000123")
    url = reverse("collaborators:detail", args=[ctv.pk])
    office = login(demo.users["vanphong.quangngai"]).get(url).content.decode()
    assert "062190000123" in office
    leader = login(demo.users["lanhdao.tumorong"]).get(url).content.decode()
    assert "062190000123" not in leader and "0621•••••123" in leader


def test_the_roster_search_by_citizen_id_is_posted_and_kept_out_of_links(demo, login):
    from giamngheo.collaborators.models import Collaborator

    ctv = Collaborator.objects.filter(commune=demo.commune_a).first()
    Collaborator.objects.filter(pk=ctv.pk).update(
        citizen_id="062190000123", search_text=fold_parts(ctv.full_name, "062190000123")
    )
    client = login(demo.users["vanphong.quangngai"])
    response = client.post(reverse("collaborators:home"), {"q": "062190000123", "to_chuc": ""})
    assert response.status_code == 302 and "062190000123" not in response["Location"]
    assert "tim=1" in response["Location"]
    body = client.get(response["Location"]).content.decode()
    assert ctv.full_name in body
    assert "062190000123" not in "".join(
        part.split('"')[0] for part in body.split('href="')[1:]
    )  # no link on the page carries the number
