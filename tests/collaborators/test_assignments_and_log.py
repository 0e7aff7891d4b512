"""Monthly tasks from the office and the collaborator's activity log (with attachments)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import Activity, Assignment
from giamngheo.collaborators.services import assign_task, log_activity
from giamngheo.geo.models import Unit

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ctv(demo):
    return existing_collaborator("ctv.tumorong")


def test_office_assigns_a_monthly_task_on_a_duty(demo, login, ctv, this_month):
    client = login(demo.users["vanphong.quangngai"])
    village = Unit.objects.filter(parent=ctv.commune).first()
    response = client.post(
        reverse("collaborators:assignment_add", args=[ctv.pk]),
        {
            "month": this_month.slug,
            "duty": Duty.AD_HOC_REVIEW,
            "description": "Rà soát hộ bị ảnh hưởng lũ",
            "villages": [village.pk],
            "target": "Tất cả hộ bị ảnh hưởng",
            "target_count": 4,
            "due_on": this_month.end.isoformat(),
        },
    )
    assert response.status_code == 302
    task = Assignment.objects.get(description="Rà soát hộ bị ảnh hưởng lũ")
    assert (task.month, task.duty, list(task.villages.all())) == (
        this_month.start,
        Duty.AD_HOC_REVIEW,
        [village],
    )
    assert task.assigned_by == demo.users["vanphong.quangngai"]


def test_assignment_form_keeps_input_when_the_due_date_is_before_the_month(
    demo, login, ctv, this_month
):
    client = login(demo.users["vanphong.quangngai"])
    response = client.post(
        reverse("collaborators:assignment_add", args=[ctv.pk]),
        {
            "month": this_month.slug,
            "duty": Duty.REQUESTS,
            "description": "Việc giữ lại",
            "target_count": 1,
            "due_on": (this_month.start - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Việc giữ lại" in response.text


def test_task_villages_must_lie_in_the_collaborators_commune(office, ctv, demo, this_month):
    elsewhere = Unit.objects.filter(parent=demo.commune_b).first()
    with pytest.raises(ValidationError) as exc:
        assign_task(
            collaborator=ctv,
            month=this_month.start,
            duty=Duty.REQUESTS,
            description="x",
            due_on=this_month.end,
            villages=[elsewhere],
            by=office,
        )
    assert "villages" in exc.value.message_dict


def test_collaborator_logs_an_activity_in_a_few_fields(demo, login, ctv):
    client = login(ctv.user)
    page = client.get(reverse("collaborators:activity_add", args=[ctv.pk]))
    assert f'value="{timezone.localdate().isoformat()}"' in page.text  # today by default
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "duty": Duty.COMMUNICATION,
            "description": "Nói chuyện chính sách tại chi hội phụ nữ",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(description__startswith="Nói chuyện")
    assert (activity.collaborator, activity.recorded_by) == (ctv, ctv.user)


def test_activity_for_a_task_must_match_its_duty(ctv, this_month):
    task = ctv.assignments.filter(month=this_month.start, duty=Duty.REQUESTS).first()
    with pytest.raises(ValidationError) as exc:
        log_activity(
            collaborator=ctv,
            done_on=timezone.localdate(),
            duty=Duty.COMMUNICATION,
            assignment=task,
            description="sai nhiệm vụ",
            by=ctv.user,
        )
    assert "duty" in exc.value.message_dict


def test_future_date_is_refused_and_the_form_keeps_the_text(login, ctv):
    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            "duty": Duty.REQUESTS,
            "description": "Ghi trước ngày",
        },
    )
    assert response.status_code == 400
    assert "Ghi trước ngày" in response.text


def test_office_cannot_log_activities_in_the_collaborators_name(demo, login, ctv):
    response = login(demo.users["vanphong.quangngai"]).get(
        reverse("collaborators:activity_add", args=[ctv.pk])
    )
    assert response.status_code == 403


def _log_with(ctv, name, content):
    return log_activity(
        collaborator=ctv,
        done_on=timezone.localdate(),
        duty=Duty.REQUESTS,
        description="Có ảnh",
        attachment=SimpleUploadedFile(name, content),
        by=ctv.user,
    )


def test_photo_is_stored_under_a_random_name_and_served_only_through_the_scoped_view(
    demo, login, ctv, settings
):
    activity = _log_with(ctv, "anh-tham-ho.png", PNG)
    assert activity.attachment.name.startswith(f"collaborators/{ctv.pk}/")
    assert "anh-tham-ho" not in activity.attachment.name
    url = reverse("collaborators:activity_attachment", args=[activity.pk])
    own = login(ctv.user).get(url)
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert b"".join(own.streaming_content) == PNG
    assert login(demo.users["vanphong.quangngai"]).get(url).status_code == 200
    assert login(demo.users["canbo.kontum"]).get(url).status_code == 404
    assert login(demo.users["ctv.kontum"]).get(url).status_code == 404


def test_media_files_have_no_public_url(client, ctv):
    activity = _log_with(ctv, "anh.png", PNG)
    assert client.get("/media/" + activity.attachment.name).status_code == 404
    assert client.get("/" + activity.attachment.name).status_code == 404


def test_pdf_is_accepted(ctv):
    assert _log_with(ctv, "bien-ban.pdf", PDF).attachment


@pytest.mark.parametrize(
    "name, content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("gia-anh.png", b"<script>alert(1)</script>"),
        ("lon.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024)),
    ],
    ids=["wrong type", "content not matching its name", "over 5 MB"],
)
def test_attachment_of_the_wrong_kind_or_size_is_refused(ctv, name, content):
    with pytest.raises(ValidationError) as exc:
        _log_with(ctv, name, content)
    assert "attachment" in exc.value.message_dict
    assert not Activity.objects.filter(description="Có ảnh").exists()


def test_refused_upload_shows_the_error_next_to_the_field(login, ctv):
    response = login(ctv.user).post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "duty": Duty.REQUESTS,
            "description": "Giữ lại mô tả",
            "attachment": SimpleUploadedFile("x.exe", b"MZ"),
        },
    )
    assert response.status_code == 400
    assert "Giữ lại mô tả" in response.text
