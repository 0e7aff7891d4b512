"""Writes for self-managed groups and their production-support projects.

Every function takes keyword arguments and the acting user (``by``), runs in a
transaction, refuses with a Vietnamese ``ValidationError`` that names the record at
fault, and records who and why in the audit trail. Permissions (catalogues.RULES) are
checked by the views before calling here; the rules below hold whoever calls.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from giamngheo.core.audit import audit, save_audited, today
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.search import fold_parts
from giamngheo.geo.models import Level
from giamngheo.households.models import PovertyStatus

from .catalogues import STATE_SOURCES, FundingSource
from .checks import check_collaborator, check_village, not_future, raise_errors
from .models import (
    Beneficiary,
    Funding,
    GroupState,
    Membership,
    Milestone,
    ProductionProject,
    ProjectState,
    SelfManagedGroup,
    Support,
)
from .workflow import GROUPS, PROJECTS

# Households a self-managed group is formed from (collaborators.md, duty 3).
ELIGIBLE_STATUSES = (PovertyStatus.POOR, PovertyStatus.NEAR_POOR)


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


def _check_name(errors: dict, commune, name: str, group=None) -> None:
    """The name the members chose, unique in the commune."""
    others = SelfManagedGroup.objects.filter(commune=commune, name__iexact=name)
    if group is not None:
        others = others.exclude(pk=group.pk)
    if not name:
        errors["name"] = _("The group needs the name its members chose.")
    elif others.exists():
        errors["name"] = _("%(commune)s already has a group named %(name)s.") % {
            "commune": commune,
            "name": name,
        }


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
    _check_name(errors, commune, name)
    not_future(errors, "formed_on", formed_on)
    if not households:
        errors["households"] = _("A group is formed of at least one household.")
    if leader is not None and leader.pk not in {h.pk for h in households}:
        errors["leader"] = _("The leader must be one of the group's households.")
    check_village(errors, commune, village)
    check_collaborator(errors, "advisor", advisor, commune)
    raise_errors(errors)
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
    save_audited(group, by, reason or _("Group formed"))
    for household in households:
        membership = Membership(
            group=group,
            household=household,
            joined_on=formed_on,
            status_when_joined=household.status,
        )
        audit(membership, by, _("Founding member")).save()
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
    _check_name(errors, group.commune, group.name, group)
    if (
        group.leader_id
        and not group.memberships.filter(
            household_id=group.leader_id, left_on__isnull=True
        ).exists()
    ):
        errors["leader"] = _("The leader must be one of the group's households.")
    check_village(errors, group.commune, group.village)
    if "advisor" in fields:
        check_collaborator(errors, "advisor", group.advisor, group.commune)
    raise_errors(errors)
    group.search_text = _group_search_text(group)
    return save_with_version(group, expected_version=version, by=by, reason=reason)


@transaction.atomic
def add_member(*, group: SelfManagedGroup, household, joined_on: datetime.date, by) -> Membership:
    group = SelfManagedGroup.objects.select_for_update().get(pk=group.pk)
    errors = {}
    if group.state == GroupState.DISSOLVED:
        errors[None] = _("The group is dissolved.")
    not_future(errors, "joined_on", joined_on)
    if joined_on and joined_on < group.formed_on:
        errors["joined_on"] = _("A household cannot join before the group was formed.")
    raise_errors(errors)
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
    return save_audited(membership, by, _("Joined the group"))


@transaction.atomic
def remove_member(*, membership: Membership, left_on: datetime.date, by, reason: str) -> Membership:
    errors = {}
    if membership.left_on:
        errors[None] = _("The household already left the group.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason the household leaves.")
    not_future(errors, "left_on", left_on)
    if left_on and left_on < membership.joined_on:
        errors["left_on"] = _("A household cannot leave before it joined.")
    if membership.group.leader_id == membership.household_id:
        errors[None] = _("Choose another leader before the leader's household leaves.")
    raise_errors(errors)
    membership.left_on = left_on
    return save_audited(membership, by, reason)


@transaction.atomic
def approve_rules(
    *, group: SelfManagedGroup, decision_no: str, approved_on: datetime.date, by
) -> SelfManagedGroup:
    """Record the commune People's Committee's decision approving the group's rules."""
    group = GROUPS.begin(group, "approve_rules", by=by)
    errors = {}
    decision_no = (decision_no or "").strip()
    if not decision_no:
        errors["decision_no"] = _("Give the number of the approving decision.")
    if not approved_on:
        errors["approved_on"] = _("Give the date of the approving decision.")
    else:
        not_future(errors, "approved_on", approved_on)
        if approved_on < group.formed_on:
            errors["approved_on"] = _("The rules cannot be approved before the group was formed.")
    raise_errors(errors)
    group.rules_decision_no = decision_no
    group.rules_approved_on = approved_on
    group.search_text = _group_search_text(group)
    reason = _("Rules approved by decision %(no)s") % {"no": decision_no}
    return GROUPS.finish(group, "approve_rules", by=by, on=approved_on, reason=reason)


@transaction.atomic
def dissolve_group(*, group: SelfManagedGroup, on: datetime.date, by, reason: str):
    group = GROUPS.begin(group, "dissolve", by=by)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason the group is dissolved.")
    not_future(errors, "on", on)
    raise_errors(errors)
    group.dissolved_on = on
    return GROUPS.finish(group, "dissolve", by=by, on=on, note=reason, reason=reason)


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
    raise_errors(errors)
    project = ProductionProject(
        group=group,
        name=name.strip(),
        programme=programme,
        starts_on=starts_on,
        ends_on=ends_on,
        model_description=model_description,
        replicates=replicates,
    )
    return save_audited(project, by, _("Project attached to the group"))


@transaction.atomic
def sign_commitment(
    *, project: ProductionProject, text: str, signed_on: datetime.date, by
) -> ProductionProject:
    """The group's commitment to use state support for its purpose (duty 3)."""
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Write what the group commits to.")
    not_future(errors, "signed_on", signed_on)
    raise_errors(errors)
    project.commitment_text = text.strip()
    project.commitment_signed_on = signed_on
    project.version += 1
    return save_audited(project, by, _("Commitment signed"))


@transaction.atomic
def change_project_state(
    *, project: ProductionProject, action: str, by, reason: str = "", results_note: str = ""
) -> ProductionProject:
    """Start, complete or cancel a project; completing records its end and results."""
    project = PROJECTS.begin(project, PROJECTS.get(action).action, by=by)
    if action == "cancel" and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason the project is cancelled.")})
    if action == "complete":
        project.ends_on = project.ends_on or today()
        if results_note:
            project.results_note = results_note
    target = ProjectState(PROJECTS[action].target).label
    return PROJECTS.finish(
        project, action, by=by, on=today(), note=reason, reason=reason or str(target)
    )


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
    return save_audited(funding, by, _("Funding recorded"))


def _dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _check_delivery(errors: dict, project: ProductionProject, source: str, delivered_on) -> None:
    """Support reaches households only from an approved group, and state support only
    once the group has committed to use it properly (duty 3)."""
    if not delivered_on:
        return
    not_future(errors, "delivered_on", delivered_on)
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


def _check_funded(errors: dict, project: ProductionProject, source: str, value: int) -> None:
    """The support from a source may not exceed the project's funding from it."""
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


def _beneficiary(project: ProductionProject, household, by) -> Beneficiary:
    """The household's row in the project, its income and status kept at the first support."""
    beneficiary = Beneficiary.objects.filter(project=project, household=household).first()
    if beneficiary is None:
        beneficiary = Beneficiary(
            project=project,
            household=household,
            income_at_start=household.income_per_capita,
            status_at_start=household.status,
        )
        audit(beneficiary, by, _("First support to the household")).save()
    return beneficiary


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
        _check_funded(errors, project, source, value)
    raise_errors(errors)
    support = Support(
        project=project,
        beneficiary=_beneficiary(project, household, by),
        kind=kind,
        description=description.strip(),
        quantity=quantity,
        unit_of_measure=unit_of_measure,
        value=value,
        source=source,
        delivered_on=delivered_on,
    )
    return save_audited(
        support, by, _("Support delivered") if delivered_on else _("Support planned")
    )


@transaction.atomic
def deliver_support(*, support: Support, delivered_on: datetime.date, by) -> Support:
    project = support.project
    errors = {}
    if support.delivered_on:
        errors[None] = _("This support was already delivered.")
    if not delivered_on:
        errors["delivered_on"] = _("Give the date of delivery.")
    _check_delivery(errors, project, support.source, delivered_on)
    raise_errors(errors)
    support.delivered_on = delivered_on
    return save_audited(support, by, _("Support delivered"))


@transaction.atomic
def add_milestone(
    *, project: ProductionProject, title: str, due_on: datetime.date, by, note: str = ""
) -> Milestone:
    if not (title or "").strip():
        raise ValidationError({"title": _("Name the milestone.")})
    if due_on < project.starts_on:
        raise ValidationError({"due_on": _("A milestone cannot fall before the project starts.")})
    milestone = Milestone(project=project, title=title.strip(), due_on=due_on, note=note)
    return save_audited(milestone, by, _("Milestone planned"))


@transaction.atomic
def complete_milestone(*, milestone: Milestone, done_on: datetime.date, by) -> Milestone:
    errors = {}
    if milestone.done_on:
        errors[None] = _("The milestone is already reached.")
    not_future(errors, "done_on", done_on)
    raise_errors(errors)
    milestone.done_on = done_on
    return save_audited(milestone, by, _("Milestone reached"))
