"""Decision 24/2021 forms printed from the record: each read goes through the owning app's
scoped selector (404 outside the area) and the citizen ID is printed as the user may see it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.accounts.personal_data import citizen_id_for, record_read
from giamngheo.accounts.scoping import get_scoped_or_404
from giamngheo.households.models import PovertyStatus, Relation
from giamngheo.households.selectors import household_detail
from giamngheo.reviews.models import Decision
from giamngheo.reviews.selectors import adhoc_detail

from . import forms24


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _head_id(user, household) -> str:
    head = next((m for m in household.members.all() if m.relation == Relation.HEAD), None)
    value = head.citizen_id if head and head.citizen_id else ""
    return citizen_id_for(user, value, household.commune) if value else ""


@login_required
@require_GET
def application_form(request, pk):
    """Mẫu số 01 or 04 of an ad-hoc review's application."""
    review = adhoc_detail(request.user, pk)
    household = review.household
    record_read(user=request.user, action=PersonalDataRead.Action.EXPORT, unit=review.commune,
                subject=household.code)  # fmt: skip
    form = "04" if review.kind == "exit" else "01"
    content = forms24.application_pdf(review, _head_id(request.user, household))
    return _pdf(content, f"mau-{form}-{household.code}")


@login_required
@require_GET
def decision_form(request, pk):
    """Mẫu số 02: the recognition decision and its lists."""
    decision = get_scoped_or_404(
        Decision.objects.select_related("commune", "commune__parent"),
        request.user,
        "commune",
        pk=pk,
    )
    entries = list(
        decision.entries.select_related("household", "household__village").order_by(
            "household__village__name", "household__code"
        )
    )
    return _pdf(forms24.decision_pdf(decision, entries), f"mau-02-{decision.pk}")


@login_required
@require_GET
def certificate_form(request, code):
    """Mẫu số 03: the certificate of a household on the poor or near-poor list."""
    household = household_detail(request.user, code)
    if household.status not in (PovertyStatus.POOR, PovertyStatus.NEAR_POOR):
        raise Http404
    record = household.status_records.all()[0] if household.status_records.all() else None
    record_read(user=request.user, action=PersonalDataRead.Action.EXPORT, unit=household.commune,
                subject=household.code)  # fmt: skip
    content = forms24.certificate_pdf(household, _head_id(request.user, household), record)
    return _pdf(content, f"mau-03-{household.code}")
