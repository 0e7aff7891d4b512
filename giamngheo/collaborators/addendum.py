"""What was recorded for a period after its report was handed in: shown to the office as an
addendum, never silently left out of the report.

The report's figures are frozen at hand-in; later work of the same period (activities logged
here, requests for help recorded by the collaborator in ``assistance`` …) is collected from every
app's ``report_addendum_providers`` (``core.contributions``).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from giamngheo.core.contributions import collected
from giamngheo.core.periods import Period

from .models import PeriodReport, ReportState


@dataclass(frozen=True)
class AddendumItem:
    kind: str
    day: datetime.date
    text: str
    recorded_at: datetime.datetime
    url: str = ""


def report_addendum(report: PeriodReport | None) -> list[AddendumItem]:
    """Entries of the report's period recorded after it was (last) handed in, oldest first."""
    if report is None or report.state == ReportState.DRAFT or report.submitted_at is None:
        return []
    items = collected("report_addendum_providers", report)
    return sorted(items, key=lambda i: (i.recorded_at, i.day))


def activities_after(report: PeriodReport) -> list[AddendumItem]:
    period = Period.of(report.period_kind, report.period_start)
    rows = (
        report.collaborator.activities.filter(
            done_on__range=(period.start, period.end), created_at__gt=report.submitted_at
        )
        .order_by("created_at")
        .only("done_on", "duty", "description", "created_at")
    )
    kind = _("Activity")
    return [
        AddendumItem(kind, a.done_on, f"{a.get_duty_display()}: {a.description}", a.created_at)
        for a in rows
    ]
