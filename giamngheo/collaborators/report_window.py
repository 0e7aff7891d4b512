"""When a collaborator may hand in a period's report: from a configurable day near its end.

Collaborators keep working until the month ends; the office wants reports in time to compile
the month. ``COLLABORATOR_REPORT_OPENS_DAY`` (default 25) is the day of the period's last month
from which the report can be handed in; anything logged after hand-in is not refused but shown
to the office as an addendum (``addendum.py``).
"""

import datetime

from django.conf import settings

from giamngheo.core.periods import Period


def opens_on(period: Period) -> datetime.date:
    """The first day the report can be handed in (never after the period's last day)."""
    day = getattr(settings, "COLLABORATOR_REPORT_OPENS_DAY", 25)
    return min(period.end.replace(day=1) + datetime.timedelta(days=max(day, 1) - 1), period.end)


def is_open(period: Period, today: datetime.date) -> bool:
    return today >= opens_on(period)
