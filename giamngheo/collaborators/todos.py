"""A collaborator's to-dos (this month's tasks and what is due, reports to hand in or rework)
and the office's (reports to accept or return)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import can_anywhere
from giamngheo.core.periods import Period
from giamngheo.core.todos import Todo

from .models import Collaborator, PeriodReport, ReportState
from .report_window import is_open
from .selectors import reports_awaiting

LIMIT = 20


def _report_url(collaborator_id, period: Period) -> str:
    return reverse("collaborators:report", args=[collaborator_id, period.slug])


def _own_tasks(collaborator, today) -> list[Todo]:
    month = today.replace(day=1)
    tasks = (
        collaborator.assignments.filter(month=month)
        .annotate(done=Count("activities"))
        .order_by("due_on", "id")
    )
    kind = _("Tasks of this month")
    url = reverse("collaborators:detail", args=[collaborator.pk])
    return [
        Todo(kind, f"{t.get_duty_display()}: {t.description}", url, t.due_on, t.due_on < today)
        for t in tasks
        if t.done < (t.target_count or 1)
    ]


def _own_reports(collaborator, today) -> list[Todo]:
    kind = _("Monthly report")
    items = []
    returned = PeriodReport.objects.filter(collaborator=collaborator, state=ReportState.RETURNED)
    for r in returned.order_by("period_start")[:LIMIT]:
        period = Period.of(r.period_kind, r.period_start)
        text = _("Report for %(period)s returned: %(comment)s") % {
            "period": period.label,
            "comment": r.office_comment,
        }
        items.append(Todo(kind, text, _report_url(collaborator.pk, period)))
    this_month, last_month = Period.containing(today), Period.containing(today).previous()
    handed = set(
        PeriodReport.objects.filter(
            collaborator=collaborator,
            period_kind=this_month.kind,
            period_start__in=[this_month.start, last_month.start],
        )
        .exclude(state=ReportState.DRAFT)
        .values_list("period_start", flat=True)
    )
    for period in (last_month, this_month):
        if period.start not in handed and is_open(period, today):
            text = _("Hand in the report for %(period)s") % {"period": period.label}
            url = _report_url(collaborator.pk, period)
            items.append(Todo(kind, text, url, period.end, period.end < today))
    return items


def collaborator_work(user) -> list[Todo]:
    """For a collaborator: unmet tasks of this month, reports to hand in or rework."""
    collaborator = Collaborator.objects.filter(user=user).first()
    if collaborator is None:
        return []
    today = timezone.localdate()
    return _own_tasks(collaborator, today) + _own_reports(collaborator, today)


def reports_to_decide(user) -> list[Todo]:
    """For the managing office: reports handed in, waiting to be accepted or returned."""
    if not can_anywhere(user, "manage_collaborators"):
        return []
    kind = _("Collaborators' reports")
    items = []
    for r in reports_awaiting(user).order_by("submitted_at")[:LIMIT]:
        period = Period.of(r.period_kind, r.period_start)
        text = _("Accept or return: %(name)s, %(period)s") % {
            "name": r.collaborator.full_name,
            "period": period.label,
        }
        items.append(Todo(kind, text, _report_url(r.collaborator_id, period)))
    return items
