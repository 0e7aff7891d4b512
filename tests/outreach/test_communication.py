"""Communication work: sessions, good examples with photos by consent, resources, proposals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from giamngheo.households.models import Household, PovertyStatus
from giamngheo.outreach import services as outreach_services
from giamngheo.outreach.catalogues import Audience, ExampleKind, SponsorKind
from giamngheo.outreach.models import GoodExample

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def photo(name="anh.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def escaped_household(mangden):
    return Household.objects.filter(commune=mangden, status=PovertyStatus.ESCAPED_POOR).first()


def test_a_session_needs_attendance_and_a_village_of_its_commune(mangden, officer, demo):
    from giamngheo.geo.models import Unit

    with pytest.raises(ValidationError) as exc:
        outreach_services.record_outreach(commune=mangden, held_on=D(2026, 5, 1), place="Nhà rông",
                                 audience=Audience.VILLAGE, topic="Chính sách", attendees=0, by=officer)  # fmt: skip
    assert "attendees" in exc.value.error_dict
    village = Unit.objects.filter(parent=demo.commune_a, level="village").first()
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_outreach(commune=mangden, held_on=D(2026, 5, 1), place="Nhà rông", village=village,
                                 audience=Audience.VILLAGE, topic="Chính sách", attendees=10, by=officer)  # fmt: skip
    assert "village" in exc.value.error_dict


def test_a_photo_is_kept_only_with_consent(mangden, officer, escaped_household):
    kwargs = dict(commune=mangden, kind=ExampleKind.ESCAPED, title="Thoát nghèo nhờ nuôi bò",
                  story="Câu chuyện", household=escaped_household, by=officer)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_good_example(photo=photo(), **kwargs)
    assert "consent_by" in exc.value.error_dict
    example = outreach_services.record_good_example(
        photo=photo(), consent_by=escaped_household.head_name, consent_on=D(2026, 5, 2), **kwargs
    )
    assert example.photo.name.endswith(".png") and "anh" not in example.photo.name


def test_a_photo_must_be_a_small_jpg_or_png(mangden, officer):
    kwargs = dict(commune=mangden, kind=ExampleKind.PRACTICE, title="Cách làm hay", story="x",
                  consent_by="Y Hen", consent_on=D(2026, 5, 2), by=officer)  # fmt: skip
    with pytest.raises(ValidationError):
        outreach_services.record_good_example(photo=photo("anh.gif"), **kwargs)
    with pytest.raises(ValidationError):
        outreach_services.record_good_example(photo=photo("anh.png", b"not a picture"), **kwargs)
    with pytest.raises(ValidationError):
        outreach_services.record_good_example(
            photo=photo("anh.png", PNG + b"\x00" * (5 * 1024 * 1024)), **kwargs
        )


def test_an_escaped_example_needs_a_household_recognised_as_escaped(mangden, officer, eligible):
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_good_example(commune=mangden, kind=ExampleKind.ESCAPED, title="T", story="S",
                                     household=eligible[0], by=officer)  # fmt: skip
    assert eligible[0].code in str(exc.value)


def test_the_photo_is_served_in_the_area_only_and_not_after_consent_is_withdrawn(
    mangden, officer, escaped_household, login, demo
):
    example = outreach_services.record_good_example(
        commune=mangden, kind=ExampleKind.ESCAPED, title="T", story="S", household=escaped_household,
        photo=photo(), consent_by="Chủ hộ", consent_on=D(2026, 5, 2), by=officer,
    )  # fmt: skip
    url = reverse("outreach:example_photo", args=[example.pk])
    assert login(officer).get(url).status_code == 200
    assert login(demo.users["canbo.tumorong"]).get(url).status_code == 404
    outreach_services.withdraw_consent(
        example=example, by=officer, reason="Hộ không muốn công khai ảnh"
    )
    example.refresh_from_db()
    assert not example.photo and not example.consent_by
    assert login(officer).get(url).status_code == 404


def test_the_database_refuses_a_photo_without_consent(mangden, officer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        GoodExample.objects.create(commune=mangden, kind=ExampleKind.PRACTICE, title="T", story="S",
                                   photo="groups/x.png", recorded_by=officer, recorded_on=D(2026, 1, 1))  # fmt: skip


def test_resources_need_a_value_and_say_what_was_given_in_kind(mangden, officer, project, demo):
    base = dict(commune=mangden, sponsor="Doanh nghiệp", sponsor_kind=SponsorKind.ENTERPRISE,
                received_on=D(2026, 6, 1), by=officer)  # fmt: skip
    with pytest.raises(ValidationError):
        outreach_services.record_resources(**base)
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_resources(in_kind_value=1_000_000, **base)
    assert "in_kind" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_resources(
            **{**base, "commune": demo.commune_a}, cash=1, project=project
        )
    assert "project" in exc.value.error_dict
    resource = outreach_services.record_resources(cash=3_000_000, in_kind="Gà giống", in_kind_value=1_500_000,
                                         project=project, **base)  # fmt: skip
    assert resource.total == 4_500_000


def test_a_proposal_needs_its_addressee(mangden, officer):
    with pytest.raises(ValidationError) as exc:
        outreach_services.record_proposal(commune=mangden, title="T", content="C", proposed_on=D(2026, 6, 1),
                                 addressed_to="", by=officer)  # fmt: skip
    assert "addressed_to" in exc.value.error_dict
