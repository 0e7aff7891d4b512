"""Reviews waiting for the user's step: the leader's decisions, the officer's checks and posting,
the collaborator's surveys (the states in which the workflow gives the user's role an action)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import capability
from giamngheo.accounts.scoping import current_assignments
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
    condition, labels = Q(), {}
    for assignment in current_assignments(user):
        steps = _steps(workflow, assignment.role)
        if steps:
            condition |= Q(commune__path__startswith=assignment.unit.path, state__in=list(steps))
            labels.update(steps)
    if not condition:
        return [], labels
    return list(queryset.filter(condition).order_by("due_on", "id")[:LIMIT]), labels


def reviews_waiting(user) -> list[Todo]:
    today = timezone.localdate()
    kind = _("Reviews")
    adhoc, labels = _waiting(AdHocReview.objects.select_related("household"), ADHOC, user)
    items = [
        Todo(
            kind,
            f"{labels[r.state]}: {r.household}",
            reverse("reviews:adhoc_detail", args=[r.pk]),
            r.due_on,
            r.due_on < today,
        )
        for r in adhoc
    ]
    annual, labels = _waiting(AnnualReview.objects.select_related("commune"), ANNUAL, user)
    items += [
        Todo(
            kind,
            f"{labels[r.state]}: {r.commune.name} ({r.year})",
            reverse("reviews:annual_detail", args=[r.pk]),
            r.due_on,
            r.due_on < today,
        )
        for r in annual
    ]
    return items
