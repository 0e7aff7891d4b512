"""Writes for groups, projects, inspections, report templates and communication work.

Every function takes keyword arguments and the acting user (``by``), runs in a
transaction, refuses with a Vietnamese ``ValidationError`` that names the record at
fault, and records who and why in the audit trail. Permissions (catalogues.RULES) are
checked by the views before calling here; the rules below hold whoever calls.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.collaborators.models import Status as CollaboratorStatus
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.search import fold_parts
from giamngheo.geo.models import Level
from giamngheo.households.models import PovertyStatus

from .catalogues import (
    STATE_SOURCES,
    SUBJECT_NEEDS,
    ExampleKind,
    FundingSource,
    InspectionLevel,
)
from .measures import MEASURES
from .models import (
    ALLOWED_PHOTOS,
    MAX_PHOTO_BYTES,
    Beneficiary,
    CollaboratorAssessment,
    Finding,
    FindingState,
    FollowUp,
    Funding,
    GoodExample,
    GroupState,
    Inspection,
    Membership,
    Milestone,
    OutreachActivity,
    PeriodicReport,
    PolicyProposal,
    ProductionProject,
    ProjectState,
    ReportTemplate,
    ResourceMobilisation,
    SelfManagedGroup,
    Support,
    TeamMember,
    TemplateField,
)

# Households a self-managed group is formed from (collaborators.md, duty 3).
ELIGIBLE_STATUSES = (PovertyStatus.POOR, PovertyStatus.NEAR_POOR)


def _audit(obj, by, reason: str):
    obj._history_user = by
    obj._change_reason = reason or ""
    return obj


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(errors: dict, field: str, day) -> None:
    if day and day > _today():
        errors[field] = _("The date cannot be in the future.")


def _check_village(errors: dict, commune, village) -> None:
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != commune.pk):
        errors["village"] = _("%(village)s is not a village of %(commune)s.") % {
            "village": village,
            "commune": commune,
        }


def _check_collaborator(errors: dict, field: str, collaborator, commune) -> None:
    if collaborator is None:
        return
    if collaborator.commune_id != commune.pk:
        errors[field] = _("%(name)s is the collaborator of %(other)s, not of %(commune)s.") % {
            "name": collaborator.full_name,
            "other": collaborator.commune,
            "commune": commune,
        }
    elif collaborator.status != CollaboratorStatus.ACTIVE:
        errors[field] = _("%(name)s is no longer working as a collaborator.") % {
            "name": collaborator.full_name
        }


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- self-managed groups -----------------------------------------------------------------


def household_problem(commune, household) -> str | None:
    """Why a household cannot join a group of ``commune``, or None when it can."""
    if household.commune_id != commune.pk:
        return _("Household %(household)s lives in %(other)s, not in %(commune)s.") % {
            "household": household,
            "other": household.commune,
            "commune": commune,
        }
    if household.status not in ELIGIBLE_STATUSES:
        return _(
            "Household %(household)s is not poor or near-poor (its status is: %(status)s); "
            "a self-managed group is formed of poor and near-poor households."
        ) % {"household": household, "status": household.get_status_display()}
    return None


def _check_members(commune, households) -> None:
    problems = [p for h in households if (p := household_problem(commune, h))]
    if problems:
        raise ValidationError({"households": problems})


def _group_search_text(group: SelfManagedGroup) -> str:
    return fold_parts(group.name, group.rules_decision_no)


@transaction.atomic
def form_group(
    *,
    commune,
    name: str,
    formed_on: datetime.date,
    households,
    by,
    leader=None,
    village=None,
    advisor=None,
    purpose: str = "",
    rules_summary: str = "",
    reason: str = "",
) -> SelfManagedGroup:
    """Form a self-managed group of poor and near-poor households of one commune.

    The name is the group's own; the leader is one of its households; the advising
    collaborator is the commune's collaborator (duty 3). The group starts as "forming"
    until the commune People's Committee approves its rules.
    """
    households = list({h.pk: h for h in households}.values())
    errors = {}
    name = (name or "").strip()
    if commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune, ward or special zone.")
    if not name:
        errors["name"] = _("The group needs the name its members chose.")
    elif SelfManagedGroup.objects.filter(commune=commune, name__iexact=name).exists():
        errors["name"] = _("%(commune)s already has a group named %(name)s.") % {
            "commune": commune,
            "name": name,
        }
    _not_future(errors, "formed_on", formed_on)
    if not households:
        errors["households"] = _("A group is formed of at least one household.")
    if leader is not None and leader.pk not in {h.pk for h in households}:
        errors["leader"] = _("The leader must be one of the group's households.")
    _check_village(errors, commune, village)
    _check_collaborator(errors, "advisor", advisor, commune)
    _raise(errors)
    _check_members(commune, households)
    group = SelfManagedGroup(
        commune=commune,
        village=village,
        name=name,
        purpose=purpose,
        formed_on=formed_on,
        leader=leader,
        advisor=advisor,
        rules_summary=rules_summary,
    )
    group.search_text = _group_search_text(group)
    _audit(group, by, reason or _("Group formed"))
    group.save()
    for household in households:
        _audit(
            Membership(
                group=group,
                household=household,
                joined_on=formed_on,
                status_when_joined=household.status,
            ),
            by,
            _("Founding member"),
        ).save()
    return group


GROUP_FIELDS = ("name", "purpose", "village", "leader", "advisor", "rules_summary")


@transaction.atomic
def update_group(*, group: SelfManagedGroup, version, by, reason: str = "", **fields):
    """Change a group's name, purpose, leader, advisor or rules; a stale form is refused."""
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"unknown group fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(group, name, value)
    errors = {}
    group.name = (group.name or "").strip()
    if not group.name:
        errors["name"] = _("The group needs the name its members chose.")
    elif (
        SelfManagedGroup.objects.filter(commune=group.commune, name__iexact=group.name)
        .exclude(pk=group.pk)
        .exists()
    ):
        errors["name"] = _("%(commune)s already has a group named %(name)s.") % {
            "commune": group.commune,
            "name": group.name,
        }
    if (
        group.leader_id
        and not group.memberships.filter(
            household_id=group.leader_id, left_on__isnull=True
        ).exists()
    ):
        errors["leader"] = _("The leader must be one of the group's households.")
    _check_village(errors, group.commune, group.village)
    if "advisor" in fields:
        _check_collaborator(errors, "advisor", group.advisor, group.commune)
    _raise(errors)
    group.search_text = _group_search_text(group)
    return save_with_version(group, expected_version=version, by=by, reason=reason)


@transaction.atomic
def add_member(*, group: SelfManagedGroup, household, joined_on: datetime.date, by) -> Membership:
    group = SelfManagedGroup.objects.select_for_update().get(pk=group.pk)
    errors = {}
    if group.state == GroupState.DISSOLVED:
        errors[None] = _("The group is dissolved.")
    _not_future(errors, "joined_on", joined_on)
    if joined_on and joined_on < group.formed_on:
        errors["joined_on"] = _("A household cannot join before the group was formed.")
    _raise(errors)
    problem = household_problem(group.commune, household)
    if problem:
        raise ValidationError({"household": problem})
    if group.memberships.filter(household=household, left_on__isnull=True).exists():
        raise ValidationError(
            {
                "household": _("Household %(household)s is already in the group.")
                % {"household": household}
            }
        )
    membership = Membership(
        group=group, household=household, joined_on=joined_on, status_when_joined=household.status
    )
    _audit(membership, by, _("Joined the group"))
    membership.save()
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, left_on: datetime.date, by, reason: str) -> Membership:
    errors = {}
    if membership.left_on:
        errors[None] = _("The household already left the group.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason the household leaves.")
    _not_future(errors, "left_on", left_on)
    if left_on and left_on < membership.joined_on:
        errors["left_on"] = _("A household cannot leave before it joined.")
    if membership.group.leader_id == membership.household_id:
        errors[None] = _("Choose another leader before the leader's household leaves.")
    _raise(errors)
    membership.left_on = left_on
    _audit(membership, by, reason)
    membership.save()
    return membership


# The group's workflow: action → (states it may start from, state it leads to).
GROUP_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approve_rules": (frozenset({GroupState.FORMING}), GroupState.ACTIVE),
    "dissolve": (frozenset({GroupState.FORMING, GroupState.ACTIVE}), GroupState.DISSOLVED),
}
_GROUP_REFUSALS = {
    "approve_rules": gettext_lazy("Only a forming group's rules can be approved."),
    "dissolve": gettext_lazy("The group is already dissolved."),
}


def _group_transition(group: SelfManagedGroup, action: str, *, by, reason: str):
    allowed_from, target = GROUP_TRANSITIONS[action]
    if group.state not in allowed_from:
        now = _("The group is now: %(state)s.") % {"state": group.get_state_display()}
        raise ValidationError(f"{_GROUP_REFUSALS[action]} {now}")
    group.state = target
    group.version += 1
    group.search_text = _group_search_text(group)
    _audit(group, by, reason)
    group.save()
    return group


@transaction.atomic
def approve_rules(
    *, group: SelfManagedGroup, decision_no: str, approved_on: datetime.date, by
) -> SelfManagedGroup:
    """Record the commune People's Committee's decision approving the group's rules."""
    group = SelfManagedGroup.objects.select_for_update().get(pk=group.pk)
    errors = {}
    decision_no = (decision_no or "").strip()
    if not decision_no:
        errors["decision_no"] = _("Give the number of the approving decision.")
    if not approved_on:
        errors["approved_on"] = _("Give the date of the approving decision.")
    else:
        _not_future(errors, "approved_on", approved_on)
        if approved_on < group.formed_on:
            errors["approved_on"] = _("The rules cannot be approved before the group was formed.")
    _raise(errors)
    group.rules_decision_no = decision_no
    group.rules_approved_on = approved_on
    return _group_transition(
        group,
        "approve_rules",
        by=by,
        reason=_("Rules approved by decision %(no)s") % {"no": decision_no},
    )


@transaction.atomic
def dissolve_group(*, group: SelfManagedGroup, on: datetime.date, by, reason: str):
    group = SelfManagedGroup.objects.select_for_update().get(pk=group.pk)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason the group is dissolved.")
    _not_future(errors, "on", on)
    if group.projects.filter(state__in=[ProjectState.PLANNED, ProjectState.RUNNING]).exists():
        errors[None] = _("Complete or cancel the group's projects first.")
    _raise(errors)
    group.dissolved_on = on
    return _group_transition(group, "dissolve", by=by, reason=reason)


# --- production-support projects ----------------------------------------------------------


@transaction.atomic
def start_project(
    *,
    group: SelfManagedGroup,
    name: str,
    programme: str,
    starts_on: datetime.date,
    by,
    ends_on: datetime.date | None = None,
    model_description: str = "",
    replicates: ProductionProject | None = None,
) -> ProductionProject:
    """Attach a production-support project (or livelihood model) to a group.

    ``replicates`` names the project whose model this one copies (model replication).
    """
    errors = {}
    if group.state == GroupState.DISSOLVED:
        errors[None] = _("The group is dissolved.")
    if not (name or "").strip():
        errors["name"] = _("Give the project a name.")
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The project cannot end before it starts.")
    if starts_on and starts_on < group.formed_on:
        errors["starts_on"] = _("The project cannot start before the group was formed.")
    _raise(errors)
    project = ProductionProject(
        group=group,
        name=name.strip(),
        programme=programme,
        starts_on=starts_on,
        ends_on=ends_on,
        model_description=model_description,
        replicates=replicates,
    )
    _audit(project, by, _("Project attached to the group"))
    project.save()
    return project


@transaction.atomic
def sign_commitment(
    *, project: ProductionProject, text: str, signed_on: datetime.date, by
) -> ProductionProject:
    """The group's commitment to use state support for its purpose (duty 3)."""
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Write what the group commits to.")
    _not_future(errors, "signed_on", signed_on)
    _raise(errors)
    project.commitment_text = text.strip()
    project.commitment_signed_on = signed_on
    project.version += 1
    _audit(project, by, _("Commitment signed"))
    project.save()
    return project


PROJECT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "start": (frozenset({ProjectState.PLANNED}), ProjectState.RUNNING),
    "complete": (frozenset({ProjectState.RUNNING}), ProjectState.COMPLETED),
    "cancel": (frozenset({ProjectState.PLANNED, ProjectState.RUNNING}), ProjectState.CANCELLED),
}
_PROJECT_REFUSALS = {
    "start": gettext_lazy("Only a planned project can start."),
    "complete": gettext_lazy("Only a project under way can be completed."),
    "cancel": gettext_lazy("A completed or cancelled project cannot be cancelled."),
}


@transaction.atomic
def change_project_state(
    *, project: ProductionProject, action: str, by, reason: str = "", results_note: str = ""
) -> ProductionProject:
    """Start, complete or cancel a project; completing records its end and results."""
    project = (
        ProductionProject.objects.select_for_update().select_related("group").get(pk=project.pk)
    )
    if action not in PROJECT_TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    allowed_from, target = PROJECT_TRANSITIONS[action]
    if project.state not in allowed_from:
        now = _("The project is now: %(state)s.") % {"state": project.get_state_display()}
        raise ValidationError(f"{_PROJECT_REFUSALS[action]} {now}")
    if action == "start" and project.group.state != GroupState.ACTIVE:
        raise ValidationError(
            _("The group's rules must be approved by the commune People's Committee first.")
        )
    if action == "cancel" and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason the project is cancelled.")})
    if action == "complete":
        project.ends_on = project.ends_on or _today()
        if results_note:
            project.results_note = results_note
    project.state = target
    project.version += 1
    _audit(project, by, reason or str(dict(ProjectState.choices)[target]))
    project.save()
    return project


def _allocated(project: ProductionProject, source: str, exclude=None) -> int:
    lines = Support.objects.filter(project=project, source=source)
    if exclude is not None:
        lines = lines.exclude(pk=exclude.pk)
    return lines.aggregate(total=Sum("value"))["total"] or 0


@transaction.atomic
def set_funding(
    *, project: ProductionProject, source: str, amount: int, by, note: str = ""
) -> Funding:
    """The amount a project has from one source; it cannot fall below what is allocated."""
    ProductionProject.objects.select_for_update().filter(pk=project.pk).first()
    if source not in FundingSource.values:
        raise ValidationError({"source": _("Unknown funding source.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    allocated = _allocated(project, source)
    if amount < allocated:
        raise ValidationError(
            {
                "amount": _(
                    "%(amount)s is less than the %(allocated)s already given to households "
                    "from this source."
                )
                % {"amount": _dong(amount), "allocated": _dong(allocated)}
            }
        )
    funding = Funding.objects.filter(project=project, source=source).first() or Funding(
        project=project, source=source
    )
    funding.amount = amount
    funding.note = note
    _audit(funding, by, _("Funding recorded"))
    funding.save()
    return funding


def _dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _check_delivery(errors: dict, project: ProductionProject, source: str, delivered_on) -> None:
    """Support reaches households only from an approved group, and state support only
    once the group has committed to use it properly (duty 3)."""
    if not delivered_on:
        return
    _not_future(errors, "delivered_on", delivered_on)
    if delivered_on < project.starts_on:
        errors["delivered_on"] = _("Support cannot be delivered before the project starts.")
    if project.group.state != GroupState.ACTIVE:
        errors["delivered_on"] = _(
            "The group's rules must be approved by the commune People's Committee before "
            "support is delivered."
        )
    elif project.state != ProjectState.RUNNING:
        errors["delivered_on"] = _("Start the project before delivering support.")
    elif source in STATE_SOURCES and (
        not project.commitment_signed_on or project.commitment_signed_on > delivered_on
    ):
        errors["delivered_on"] = _(
            "State support is delivered only after the group has signed its commitment to "
            "use it properly."
        )


@transaction.atomic
def add_support(
    *,
    project: ProductionProject,
    household,
    kind: str,
    description: str,
    value: int,
    source: str,
    by,
    quantity=None,
    unit_of_measure: str = "",
    delivered_on: datetime.date | None = None,
) -> Support:
    """What one household of the group receives, paid from one of the project's sources.

    The household must be a current member of the group; the support from a source may
    not exceed the project's funding from it. The household's income and status are kept
    the first time it is supported, to measure the project's results later.
    """
    project = (
        ProductionProject.objects.select_for_update()
        .select_related("group__commune")
        .get(pk=project.pk)
    )
    errors = {}
    if project.state in (ProjectState.COMPLETED, ProjectState.CANCELLED):
        errors[None] = _("The project is %(state)s.") % {"state": project.get_state_display()}
    if not (description or "").strip():
        errors["description"] = _("Say what the household receives.")
    if value is None or value < 0:
        errors["value"] = _("The value cannot be negative.")
    if quantity is not None and quantity <= 0:
        errors["quantity"] = _("The quantity must be above zero.")
    if not project.group.memberships.filter(household=household, left_on__isnull=True).exists():
        errors["household"] = _("Household %(household)s is not a member of group %(group)s.") % {
            "household": household,
            "group": project.group,
        }
    _check_delivery(errors, project, source, delivered_on)
    if "value" not in errors:
        funded = Funding.objects.filter(project=project, source=source).first()
        allocated = _allocated(project, source)
        if funded is None:
            errors["source"] = _("The project has no funding from %(source)s.") % {
                "source": dict(FundingSource.choices)[source]
            }
        elif allocated + value > funded.amount:
            errors["value"] = _("Only %(left)s is left of the %(amount)s from %(source)s.") % {
                "left": _dong(funded.amount - allocated),
                "amount": _dong(funded.amount),
                "source": funded.get_source_display(),
            }
    _raise(errors)
    beneficiary = Beneficiary.objects.filter(project=project, household=household).first()
    if beneficiary is None:
        beneficiary = _audit(
            Beneficiary(
                project=project,
                household=household,
                income_at_start=household.income_per_capita,
                status_at_start=household.status,
            ),
            by,
            _("First support to the household"),
        )
        beneficiary.save()
    support = Support(
        project=project,
        beneficiary=beneficiary,
        kind=kind,
        description=description.strip(),
        quantity=quantity,
        unit_of_measure=unit_of_measure,
        value=value,
        source=source,
        delivered_on=delivered_on,
    )
    _audit(support, by, _("Support delivered") if delivered_on else _("Support planned"))
    support.save()
    return support


@transaction.atomic
def deliver_support(*, support: Support, delivered_on: datetime.date, by) -> Support:
    project = support.project
    errors = {}
    if support.delivered_on:
        errors[None] = _("This support was already delivered.")
    if not delivered_on:
        errors["delivered_on"] = _("Give the date of delivery.")
    _check_delivery(errors, project, support.source, delivered_on)
    _raise(errors)
    support.delivered_on = delivered_on
    _audit(support, by, _("Support delivered"))
    support.save()
    return support


@transaction.atomic
def add_milestone(
    *, project: ProductionProject, title: str, due_on: datetime.date, by, note: str = ""
) -> Milestone:
    if not (title or "").strip():
        raise ValidationError({"title": _("Name the milestone.")})
    if due_on < project.starts_on:
        raise ValidationError({"due_on": _("A milestone cannot fall before the project starts.")})
    milestone = Milestone(project=project, title=title.strip(), due_on=due_on, note=note)
    _audit(milestone, by, _("Milestone planned"))
    milestone.save()
    return milestone


@transaction.atomic
def complete_milestone(*, milestone: Milestone, done_on: datetime.date, by) -> Milestone:
    errors = {}
    if milestone.done_on:
        errors[None] = _("The milestone is already reached.")
    _not_future(errors, "done_on", done_on)
    _raise(errors)
    milestone.done_on = done_on
    _audit(milestone, by, _("Milestone reached"))
    milestone.save()
    return milestone


# --- inspections -------------------------------------------------------------------------


def _inspection_search_text(inspection: Inspection) -> str:
    return fold_parts(
        inspection.decision_no,
        inspection.get_subject_display(),
        inspection.project.name if inspection.project_id else "",
        inspection.collaborator.full_name if inspection.collaborator_id else "",
        inspection.scope,
    )


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
    _not_future(errors, "held_on", held_on)
    needs = SUBJECT_NEEDS.get(subject)
    if needs == "project" and project is None:
        errors["project"] = _("Name the project inspected.")
    if needs == "collaborator" and collaborator is None:
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
    if not (leader_name or "").strip():
        errors["leader_name"] = _("Name the team leader.")
    _raise(errors)
    inspection = Inspection(
        commune=commune,
        level=level,
        subject=subject,
        held_on=held_on,
        project=project if needs == "project" else None,
        collaborator=collaborator if needs == "collaborator" else None,
        decision_no=decision_no,
        scope=scope,
        conclusion=conclusion,
        recorded_by=by,
    )
    inspection.search_text = _inspection_search_text(inspection)
    _audit(inspection, by, _("Inspection recorded"))
    inspection.save()
    _audit(
        TeamMember(
            inspection=inspection,
            full_name=leader_name.strip(),
            position=leader_position,
            is_lead=True,
        ),
        by,
        _("Team leader"),
    ).save()
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
    _raise(errors)
    member = TeamMember(
        inspection=inspection,
        full_name=full_name.strip(),
        position=position or (_("Poverty-reduction collaborator") if collaborator else ""),
        collaborator=collaborator,
    )
    _audit(member, by, _("Team member added"))
    member.save()
    return member


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
    _raise(errors)
    finding = Finding(
        inspection=inspection,
        severity=severity,
        text=text.strip(),
        recommendation=recommendation.strip(),
        responsible=responsible.strip(),
        household=household,
        due_on=due_on,
    )
    _audit(finding, by, _("Finding recorded"))
    finding.save()
    return finding


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
    _not_future(errors, "done_on", done_on)
    if done_on and done_on < finding.inspection.held_on:
        errors["done_on"] = _("A follow-up cannot be before the inspection.")
    _raise(errors)
    follow_up = FollowUp(
        finding=finding, done_on=done_on, action=action.strip(), closes=closes, recorded_by=by
    )
    _audit(follow_up, by, _("Follow-up recorded"))
    follow_up.save()
    if closes:
        finding.state = FindingState.CLOSED
        finding.closed_on = done_on
        _audit(finding, by, _("Recommendation carried out"))
        finding.save()
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
    _raise(errors)
    assessment = CollaboratorAssessment(
        inspection=inspection, collaborator=collaborator, rating=rating, comments=comments.strip()
    )
    _audit(assessment, by, _("Collaborator assessed"))
    assessment.save()
    return assessment


# --- periodic report templates -------------------------------------------------------------


@transaction.atomic
def define_template(*, office, name: str, period_kind: str, measures, texts, by) -> ReportTemplate:
    """A report template of the managing office: measures computed from the data, in the
    order given, followed by lines the reporting unit types in (duty 4)."""
    measures = [m for m in measures if m]
    texts = [t.strip() for t in texts if t and t.strip()]
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Name the template.")
    elif ReportTemplate.objects.filter(office=office, name__iexact=name).exists():
        errors["name"] = _("The office already has a template named %(name)s.") % {"name": name}
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        errors["measures"] = _("Unknown measure: %(codes)s.") % {"codes": ", ".join(unknown)}
    elif len(set(measures)) != len(measures):
        errors["measures"] = _("A measure is listed twice.")
    if not measures and not texts:
        errors["measures"] = _("Choose at least one measure or write a text line.")
    _raise(errors)
    template = ReportTemplate(office=office, name=name, period_kind=period_kind, created_by=by)
    _audit(template, by, _("Template defined"))
    template.save()
    lines = [{"measure": m} for m in measures] + [{"label": t} for t in texts]
    for position, line in enumerate(lines, start=1):
        _audit(TemplateField(template=template, position=position, **line), by, "").save()
    return template


@transaction.atomic
def move_field(*, field: TemplateField, up: bool, by) -> TemplateField:
    """Swap a line with its neighbour (the unique position is freed for the swap)."""
    siblings = TemplateField.objects.select_for_update().filter(template_id=field.template_id)
    neighbour = (
        siblings.filter(position__lt=field.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=field.position).order_by("position").first()
    )
    if neighbour is None:
        return field
    mine, theirs = field.position, neighbour.position
    spare = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    for obj, position in ((field, spare), (neighbour, mine), (field, theirs)):
        obj.position = position
        _audit(obj, by, _("Line moved"))
        obj.save()
    return field


@transaction.atomic
def save_report_texts(
    *, template: ReportTemplate, unit, period, texts: dict, by, version=None
) -> PeriodicReport:
    """Keep the lines typed in for a unit's report; a stale form is refused."""
    allowed = {str(f.pk) for f in template.fields.all() if f.is_text}
    texts = {k: (v or "").strip() for k, v in texts.items() if k in allowed}
    report = PeriodicReport.objects.filter(
        template=template, unit=unit, period_start=period.start
    ).first()
    if report is None:
        report = PeriodicReport(
            template=template, unit=unit, period_start=period.start, texts=texts, updated_by=by
        )
        _audit(report, by, _("Report written"))
        report.save()
        return report
    report.texts = texts
    report.updated_by = by
    return save_with_version(
        report,
        expected_version=report.version if version is None else version,
        by=by,
        reason=_("Report written"),
    )


# --- communication work --------------------------------------------------------------------


@transaction.atomic
def record_outreach(
    *,
    commune,
    held_on: datetime.date,
    place: str,
    audience: str,
    topic: str,
    attendees: int,
    by,
    village=None,
    presenter=None,
) -> OutreachActivity:
    """A dissemination session on poverty-reduction policy and law (duty 6)."""
    errors = {}
    _not_future(errors, "held_on", held_on)
    if not attendees or attendees < 1:
        errors["attendees"] = _("Give how many people attended.")
    for field, value in (("place", place), ("topic", topic)):
        if not (value or "").strip():
            errors[field] = _("This field is required.")
    _check_village(errors, commune, village)
    _check_collaborator(errors, "presenter", presenter, commune)
    _raise(errors)
    session = OutreachActivity(
        commune=commune,
        village=village,
        held_on=held_on,
        place=place.strip(),
        audience=audience,
        topic=topic.strip(),
        attendees=attendees,
        presenter=presenter,
        recorded_by=by,
    )
    _audit(session, by, _("Session recorded"))
    session.save()
    return session


def check_photo(upload) -> None:
    """A .jpg or .png of at most 5 MB, judged by its first bytes as well as its name."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    name = (upload.name or "").lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in ALLOWED_PHOTOS:
        raise ValidationError({"photo": _("Attach a photo in .jpg or .png format.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ALLOWED_PHOTOS[suffix]):
        raise ValidationError({"photo": _("The file's content is not the kind its name says.")})


ESCAPED_STATUSES = (PovertyStatus.ESCAPED_POOR, PovertyStatus.ESCAPED_NEAR_POOR)


@transaction.atomic
def record_good_example(
    *,
    commune,
    kind: str,
    title: str,
    story: str,
    by,
    household=None,
    photo=None,
    consent_by: str = "",
    consent_on: datetime.date | None = None,
) -> GoodExample:
    """A household that escaped poverty or a good practice, with a photo only by consent."""
    errors = {}
    for field, value in (("title", title), ("story", story)):
        if not (value or "").strip():
            errors[field] = _("This field is required.")
    if household is not None:
        if household.commune_id != commune.pk:
            errors["household"] = _("Household %(household)s is not in %(commune)s.") % {
                "household": household,
                "commune": commune,
            }
        elif kind == ExampleKind.ESCAPED and not (
            household.status in ESCAPED_STATUSES
            or household.status_records.filter(status__in=ESCAPED_STATUSES).exists()
        ):
            errors["household"] = _(
                "The register has no decision recognising household %(household)s as having "
                "escaped poverty."
            ) % {"household": household}
    elif kind == ExampleKind.ESCAPED:
        errors["household"] = _("Choose the household that escaped poverty.")
    if photo:
        if not (consent_by or "").strip() or not consent_on:
            errors["consent_by"] = _(
                "A photo is kept only with the consent of the people in it: say who consented "
                "and when."
            )
        _not_future(errors, "consent_on", consent_on)
    _raise(errors)
    if photo:
        check_photo(photo)
    example = GoodExample(
        commune=commune,
        kind=kind,
        title=title.strip(),
        story=story.strip(),
        household=household,
        consent_by=(consent_by or "").strip() if photo else "",
        consent_on=consent_on if photo else None,
        recorded_by=by,
        recorded_on=_today(),
    )
    if photo:
        example.photo = photo
    _audit(example, by, _("Good example recorded"))
    example.save()
    return example


@transaction.atomic
def withdraw_consent(*, example: GoodExample, by, reason: str) -> GoodExample:
    """Consent withdrawn: the photo is deleted, the story stays."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if example.photo:
        example.photo.delete(save=False)
    example.photo = ""
    example.consent_by = ""
    example.consent_on = None
    _audit(example, by, reason)
    example.save()
    return example


@transaction.atomic
def record_resources(
    *,
    commune,
    sponsor: str,
    sponsor_kind: str,
    received_on: datetime.date,
    by,
    cash: int = 0,
    in_kind: str = "",
    in_kind_value: int = 0,
    project: ProductionProject | None = None,
) -> ResourceMobilisation:
    """Resources an organisation or sponsor gives for poor households' production."""
    cash, in_kind_value = cash or 0, in_kind_value or 0
    errors = {}
    if not (sponsor or "").strip():
        errors["sponsor"] = _("Name the sponsor.")
    _not_future(errors, "received_on", received_on)
    if cash < 0 or in_kind_value < 0:
        errors["cash"] = _("Amounts cannot be negative.")
    elif cash == 0 and in_kind_value == 0:
        errors["cash"] = _("Give the cash received or the value of what was given in kind.")
    if in_kind_value and not (in_kind or "").strip():
        errors["in_kind"] = _("Say what was given in kind.")
    if project is not None and project.group.commune_id != commune.pk:
        errors["project"] = _("Project %(project)s is not in %(commune)s.") % {
            "project": project,
            "commune": commune,
        }
    _raise(errors)
    resource = ResourceMobilisation(
        commune=commune,
        sponsor=sponsor.strip(),
        sponsor_kind=sponsor_kind,
        received_on=received_on,
        cash=cash,
        in_kind=(in_kind or "").strip(),
        in_kind_value=in_kind_value,
        project=project,
        recorded_by=by,
    )
    _audit(resource, by, _("Resources recorded"))
    resource.save()
    return resource


@transaction.atomic
def record_proposal(
    *, commune, title: str, content: str, proposed_on: datetime.date, addressed_to: str, by
) -> PolicyProposal:
    errors = {}
    for field, value in (("title", title), ("content", content), ("addressed_to", addressed_to)):
        if not (value or "").strip():
            errors[field] = _("This field is required.")
    _not_future(errors, "proposed_on", proposed_on)
    _raise(errors)
    proposal = PolicyProposal(
        commune=commune,
        title=title.strip(),
        content=content.strip(),
        proposed_on=proposed_on,
        addressed_to=addressed_to.strip(),
        recorded_by=by,
    )
    _audit(proposal, by, _("Proposal recorded"))
    proposal.save()
    return proposal
