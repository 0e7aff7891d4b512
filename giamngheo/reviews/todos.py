"""Reviews waiting for the user's step: the leader's decisions, the officer's checks and posting,
the collaborator's surveys (the states in which the workflow gives the user's role an action)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import capability
from giamngheo.accounts.scoping import current_assignments, scoped
from giamngheo.core.todos import Todo

from .models import AdHocReview, AnnualReview
from .workflow import ADHOC, ANNUAL

LIMIT = 20


def _steps(workflow, role) -> dict[str, str]:
    """State → label of the step the role takes there (optional detours like sending back, which
    need a note, are not to-dos)."""
    steps = {}
    for t in workflow:
        if role in capability(t.capability).roles and not t.note_required:
            for source in t.sources:
                if source:
                    steps.setdefault(source, str(t.label))
    return steps


def _waiting(queryset, workflow, user):
    """Records in the states where one of the user's roles has a step, each role within its own
    units (area scoping through ``scoped``, one id list per role)."""
    parts, labels = [], {}
    for role in sorted({a.role for a in current_assignments(user)}):
        steps = _steps(workflow, role)
        if steps:
            parts.append(
                scoped(queryset, user, "commune", roles={role}).filter(state__in=list(steps))
            )
            labels.update(steps)
    if not parts:
        return [], labels
    waiting = parts[0]
    for part in parts[1:]:
        waiting = waiting | part
    return list(waiting.order_by("due_on", "id")[:LIMIT]), labels


def reviews_waiting(user) -> list[Todo]:
    today = timezone.localdate()
    kinds = (
        (
            AdHocReview.objects.select_related("household"),
            ADHOC,
            "reviews:adhoc_detail",
            lambda r: r.household,
        ),
        (
            AnnualReview.objects.select_related("commune"),
            ANNUAL,
            "reviews:annual_detail",
            lambda r: f"{r.commune.name} ({r.year})",
        ),
    )
    items = []
    for reviews, flow, page, subject in kinds:
        waiting, labels = _waiting(reviews, flow, user)
        items += [
            Todo(
                _("Reviews"),
                f"{labels[r.state]}: {subject(r)}",
                reverse(page, args=[r.pk]),
                r.due_on,
                r.due_on < today,
            )
            for r in waiting
        ]
    return items
