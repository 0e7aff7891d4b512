"""The office's evaluation of each collaborator per period, with its history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from giamngheo.collaborators.models import Evaluation, Grade
from giamngheo.collaborators.services import evaluate
from giamngheo.core.history import history_entries
from giamngheo.core.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctv(make_collaborator, collaborator_user):
    return make_collaborator(user=collaborator_user())


def test_changing_a_grade_needs_a_reason_and_both_grades_stay_in_history(ctv, office, last_month):
    first = evaluate(collaborator=ctv, period=last_month, grade=Grade.GOOD, by=office)
    with pytest.raises(ValidationError) as exc:
        evaluate(collaborator=ctv, period=last_month, grade=Grade.COMPLETED, by=office)
    assert "reason" in exc.value.message_dict
    evaluate(
        collaborator=ctv,
        period=last_month,
        grade=Grade.COMPLETED,
        by=office,
        reason="Báo cáo thiếu hoạt động tuyên truyền",
    )
    assert Evaluation.objects.filter(collaborator=ctv).count() == 1
    entries = history_entries(Evaluation.objects.get(pk=first.pk))
    assert entries[0].reason == "Báo cáo thiếu hoạt động tuyên truyền"
    change = {c.field: (str(c.old), str(c.new)) for c in entries[0].changes}
    grade_change = next(v for k, v in change.items() if k in ("grade", "xếp loại", "Grade"))
    assert grade_change == (str(Grade.GOOD.label), str(Grade.COMPLETED.label))


def test_each_period_has_its_own_evaluation(ctv, office, last_month):
    evaluate(collaborator=ctv, period=last_month, grade=Grade.EXCELLENT, by=office)
    evaluate(collaborator=ctv, period=last_month.previous(), grade=Grade.GOOD, by=office)
    evaluate(collaborator=ctv, period=last_month.quarter_of, grade=Grade.GOOD, by=office)
    assert [e.period.slug for e in ctv.evaluations.all()].count(last_month.slug) == 1
    assert ctv.evaluations.count() == 3


def test_future_period_cannot_be_evaluated(ctv, office, this_month):
    with pytest.raises(ValidationError):
        evaluate(collaborator=ctv, period=this_month.next(), grade=Grade.GOOD, by=office)


def test_office_evaluates_from_the_report_page(demo, login, ctv, last_month):
    client = login(demo.users["vanphong.quangngai"])
    url = reverse("collaborators:evaluate", args=[ctv.pk, last_month.slug])
    response = client.post(url, {"grade": Grade.GOOD, "comments": "Bám sát hộ"})
    assert response.status_code == 302
    page = client.get(reverse("collaborators:report", args=[ctv.pk, last_month.slug]))
    assert "Bám sát hộ" in page.text


def test_stale_evaluation_form_is_refused_with_409_keeping_the_comments(
    demo, login, ctv, office, last_month
):
    evaluation = evaluate(collaborator=ctv, period=last_month, grade=Grade.GOOD, by=office)
    client = login(office)
    url = reverse("collaborators:evaluate", args=[ctv.pk, last_month.slug])
    Evaluation.objects.filter(pk=evaluation.pk).update(version=evaluation.version + 1)
    response = client.post(
        url, {"grade": Grade.GOOD, "comments": "Nhận xét mới", "version": evaluation.version}
    )
    assert response.status_code == 409
    assert "Nhận xét mới" in response.text


def test_period_in_the_url_must_be_a_month_or_a_quarter(demo, login, ctv):
    client = login(demo.users["vanphong.quangngai"])
    assert client.get(reverse("collaborators:report", args=[ctv.pk, "2026-13"])).status_code == 404
    assert client.get(reverse("collaborators:report", args=[ctv.pk, "2026-q5"])).status_code == 404
    assert Period.parse("2026-q2").slug == "2026-q2"
