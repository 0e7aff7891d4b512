"""Requests for help a collaborator recorded after handing in the period's report: part of the
report's addendum (``collaborators.addendum``), so the office sees them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from giamngheo.collaborators.addendum import AddendumItem
from giamngheo.core.periods import Period

from .models import HelpRequest


def requests_after(report) -> list[AddendumItem]:
    user_id = report.collaborator.user_id
    if user_id is None:
        return []
    period = Period.of(report.period_kind, report.period_start)
    rows = (
        HelpRequest.objects.filter(
            received_by_id=user_id,
            received_on__range=(period.start, period.end),
            created_at__gt=report.submitted_at,
        )
        .select_related("household")
        .order_by("created_at")
    )
    kind = _("Request for help")
    return [
        AddendumItem(
            kind,
            r.received_on,
            str(r),
            r.created_at,
            reverse("assistance:request_detail", args=[r.pk]),
        )
        for r in rows
    ]
