"""Scoped reads of inspections, and what inspections said about a collaborator."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from giamngheo.accounts.scoping import get_scoped_or_404, scoped
from giamngheo.collaborators.models import Collaborator

from .models import CollaboratorAssessment, Finding, FindingState, FollowUp, Inspection

# --- inspections -----------------------------------------------------------------------------


def inspections_visible_to(user) -> QuerySet[Inspection]:
    """The inspections of the user's area with their findings counted (filtered by
    forms.InspectionListFilter)."""
    qs = scoped(Inspection.objects.all(), user, via="commune")
    return (
        qs.select_related("commune", "project", "collaborator")
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_count=Count(
                "findings", filter=Q(findings__state=FindingState.OPEN), distinct=True
            ),
        )
        .order_by("-held_on", "-id")
    )


def get_inspection(user, pk: int) -> Inspection:
    related = Inspection.objects.select_related(
        "commune", "project__group", "collaborator", "recorded_by"
    )
    return get_scoped_or_404(related, user, via="commune", pk=pk)


def inspection_detail(inspection: Inspection) -> dict:
    return {
        "team": list(inspection.team.select_related("collaborator")),
        "findings": list(
            inspection.findings.select_related("household").prefetch_related(
                Prefetch("follow_ups", queryset=FollowUp.objects.select_related("recorded_by"))
            )
        ),
        "assessments": list(inspection.collaborator_assessments.select_related("collaborator")),
    }


def get_finding(user, pk: int) -> Finding:
    related = Finding.objects.select_related("inspection__commune")
    return get_scoped_or_404(related, user, via="inspection__commune", pk=pk)


@dataclass
class InspectionNote:
    """What one inspection said about a collaborator's work."""

    inspection: Inspection
    rating: str
    rating_label: str
    comments: str
    findings: list


def inspection_findings_for(collaborator: Collaborator, period) -> list[InspectionNote]:
    """Inspections held in ``period`` (anything with ``start`` and ``end`` dates) that
    assessed ``collaborator``, with the findings of those that inspected their work.

    For the collaborators app's evaluation page: the office reads these before grading
    the period. The caller has already scoped ``collaborator``.
    """
    assessments = (
        CollaboratorAssessment.objects.filter(
            collaborator=collaborator,
            inspection__held_on__gte=period.start,
            inspection__held_on__lte=period.end,
        )
        .select_related("inspection__commune")
        .prefetch_related(
            Prefetch(
                "inspection__findings",
                queryset=Finding.objects.order_by("id"),
            )
        )
        .order_by("inspection__held_on", "pk")
    )
    notes = []
    for a in assessments:
        own_work = a.inspection.collaborator_id == collaborator.pk
        notes.append(
            InspectionNote(
                inspection=a.inspection,
                rating=a.rating,
                rating_label=a.get_rating_display(),
                comments=a.comments,
                findings=list(a.inspection.findings.all()) if own_work else [],
            )
        )
    return notes
