"""Writes for inspections: the team's visit, its members, findings and their follow-ups,
and its view of a collaborator's work. Same conventions as ``groups.services``."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import audit, save_audited
from giamngheo.core.search import fold_parts
from giamngheo.geo.models import Level
from giamngheo.groups.checks import not_future, raise_errors
from giamngheo.groups.models import ProductionProject

from .catalogues import PROJECT_SUBJECTS, InspectionLevel, InspectionSubject
from .models import (
    CollaboratorAssessment,
    Finding,
    FindingState,
    FollowUp,
    Inspection,
    TeamMember,
)

# --- inspections -------------------------------------------------------------------------


def _inspection_search_text(inspection: Inspection) -> str:
    return fold_parts(
        inspection.decision_no,
        inspection.get_subject_display(),
        inspection.project.name if inspection.project_id else "",
        inspection.collaborator.full_name if inspection.collaborator_id else "",
        inspection.scope,
    )


def _check_inspected(errors: dict, commune, subject: str, project, collaborator) -> None:
    """The project or collaborator the subject needs named, of the inspected commune."""
    if subject in PROJECT_SUBJECTS and project is None:
        errors["project"] = _("Name the project inspected.")
    if subject == InspectionSubject.COLLABORATOR and collaborator is None:
        errors["collaborator"] = _("Name the collaborator whose work was inspected.")
    if project is not None and project.group.commune_id != commune.pk:
        errors["project"] = _("Project %(project)s is not in %(commune)s.") % {
            "project": project,
            "commune": commune,
        }
    if collaborator is not None and collaborator.commune_id != commune.pk:
        errors["collaborator"] = _("%(name)s is not the collaborator of %(commune)s.") % {
            "name": collaborator.full_name,
            "commune": commune,
        }


@transaction.atomic
def record_inspection(
    *,
    commune,
    level: str,
    subject: str,
    held_on: datetime.date,
    by,
    leader_name: str,
    leader_position: str = "",
    project: ProductionProject | None = None,
    collaborator=None,
    decision_no: str = "",
    scope: str = "",
    conclusion: str = "",
) -> Inspection:
    """An inspection team's visit to a commune: what it inspected, led by whom.

    Support delivered and projects are inspected by naming the project; a collaborator's
    work by naming the collaborator (the 2018 Kon Tum review found inspections that never
    evaluated collaborators).
    """
    errors = {}
    if commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune, ward or special zone.")
    if level not in InspectionLevel.values:
        errors["level"] = _("Choose the team's level.")
    not_future(errors, "held_on", held_on)
    _check_inspected(errors, commune, subject, project, collaborator)
    if not (leader_name or "").strip():
        errors["leader_name"] = _("Name the team leader.")
    raise_errors(errors)
    inspection = Inspection(
        commune=commune,
        level=level,
        subject=subject,
        held_on=held_on,
        project=project if subject in PROJECT_SUBJECTS else None,
        collaborator=collaborator if subject == InspectionSubject.COLLABORATOR else None,
        decision_no=decision_no,
        scope=scope,
        conclusion=conclusion,
        recorded_by=by,
    )
    inspection.search_text = _inspection_search_text(inspection)
    save_audited(inspection, by, _("Inspection recorded"))
    leader = TeamMember(
        inspection=inspection, full_name=leader_name.strip(), position=leader_position, is_lead=True
    )
    audit(leader, by, _("Team leader")).save()
    return inspection


@transaction.atomic
def add_team_member(
    *, inspection: Inspection, full_name: str, by, position: str = "", collaborator=None
) -> TeamMember:
    """A member of the team; a collaborator may sit on it, but not to inspect their own work."""
    errors = {}
    if collaborator is not None:
        full_name = full_name or collaborator.full_name
        if collaborator.pk == inspection.collaborator_id:
            errors["collaborator"] = _(
                "%(name)s cannot sit on the team that inspects their own work."
            ) % {"name": collaborator.full_name}
        elif inspection.level == InspectionLevel.COMMUNE and (
            collaborator.commune_id != inspection.commune_id
        ):
            errors["collaborator"] = _(
                "A commune team takes the collaborator of its own commune; %(name)s works in "
                "%(other)s."
            ) % {"name": collaborator.full_name, "other": collaborator.commune}
        elif inspection.team.filter(collaborator=collaborator).exists():
            errors["collaborator"] = _("%(name)s is already on the team.") % {
                "name": collaborator.full_name
            }
    if not (full_name or "").strip():
        errors["full_name"] = _("Give the member's name.")
    raise_errors(errors)
    member = TeamMember(
        inspection=inspection,
        full_name=full_name.strip(),
        position=position or (_("Poverty-reduction collaborator") if collaborator else ""),
        collaborator=collaborator,
    )
    return save_audited(member, by, _("Team member added"))


@transaction.atomic
def record_finding(
    *,
    inspection: Inspection,
    severity: str,
    text: str,
    recommendation: str,
    responsible: str,
    by,
    household=None,
    due_on: datetime.date | None = None,
) -> Finding:
    errors = {}
    for field, value, message in (
        ("text", text, _("Describe what the team found.")),
        ("recommendation", recommendation, _("Give the team's recommendation.")),
        ("responsible", responsible, _("Say who must act on the recommendation.")),
    ):
        if not (value or "").strip():
            errors[field] = message
    if household is not None and household.commune_id != inspection.commune_id:
        errors["household"] = _("Household %(household)s is not in %(commune)s.") % {
            "household": household,
            "commune": inspection.commune,
        }
    if due_on and due_on < inspection.held_on:
        errors["due_on"] = _("The deadline cannot be before the inspection.")
    raise_errors(errors)
    finding = Finding(
        inspection=inspection,
        severity=severity,
        text=text.strip(),
        recommendation=recommendation.strip(),
        responsible=responsible.strip(),
        household=household,
        due_on=due_on,
    )
    return save_audited(finding, by, _("Finding recorded"))


@transaction.atomic
def record_follow_up(
    *, finding: Finding, done_on: datetime.date, action: str, by, closes: bool = False
) -> FollowUp:
    """What was done about a recommendation; the follow-up that carries it out closes it."""
    finding = Finding.objects.select_for_update().select_related("inspection").get(pk=finding.pk)
    errors = {}
    if finding.state != FindingState.OPEN:
        errors[None] = _("The finding was closed on %(date)s.") % {
            "date": finding.closed_on.strftime("%d/%m/%Y")
        }
    if not (action or "").strip():
        errors["action"] = _("Say what was done.")
    not_future(errors, "done_on", done_on)
    if done_on and done_on < finding.inspection.held_on:
        errors["done_on"] = _("A follow-up cannot be before the inspection.")
    raise_errors(errors)
    follow_up = FollowUp(
        finding=finding, done_on=done_on, action=action.strip(), closes=closes, recorded_by=by
    )
    save_audited(follow_up, by, _("Follow-up recorded"))
    if closes:
        finding.state = FindingState.CLOSED
        finding.closed_on = done_on
        save_audited(finding, by, _("Recommendation carried out"))
    return follow_up


@transaction.atomic
def assess_collaborator(
    *, inspection: Inspection, collaborator, rating: str, comments: str, by
) -> CollaboratorAssessment:
    """The inspection's view of a collaborator's work, an input to the office's grade.

    It is kept here rather than written as the collaborators app's Evaluation: that is
    the office's one grade per period, which an inspection informs but does not set.
    """
    errors = {}
    if collaborator.commune_id != inspection.commune_id:
        errors["collaborator"] = _("%(name)s is not the collaborator of %(commune)s.") % {
            "name": collaborator.full_name,
            "commune": inspection.commune,
        }
    if not (comments or "").strip():
        errors["comments"] = _("Explain the rating.")
    if CollaboratorAssessment.objects.filter(
        inspection=inspection, collaborator=collaborator
    ).exists():
        errors["collaborator"] = _("This inspection already assessed %(name)s.") % {
            "name": collaborator.full_name
        }
    raise_errors(errors)
    assessment = CollaboratorAssessment(
        inspection=inspection, collaborator=collaborator, rating=rating, comments=comments.strip()
    )
    return save_audited(assessment, by, _("Collaborator assessed"))
