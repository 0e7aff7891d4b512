"""Writes of the assistance part: requests for help and their follow-up, shocks.

Every function takes keyword arguments and the acting user (``by``), checks the user's
role over the household's commune, runs in a transaction, refuses with a Vietnamese
``ValidationError`` and records who and why in the audit trail. A collaborator's request,
shock or informing of a household is also written to their activity log (duties 1 and 2).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import holds, require
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.services import log_activity
from giamngheo.core.audit import save_audited
from giamngheo.core.audit import today as today_or
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.workflow import Attempt
from giamngheo.households.assessment import CATEGORY_LABELS
from giamngheo.reviews.models import ApplicationKind, Channel
from giamngheo.reviews.services import submit_application

from .catalogues import DEFAULT_DEADLINES, Deadlines, NeedKind, ShockKind
from .models import DeadlinePolicy, HelpRequest, Shock, ShockState
from .workflow import FIRST_DEADLINE, WORKFLOW, date_problem


def deadlines_for(commune) -> Deadlines:
    """The deadlines of the nearest unit above the commune that set them, else the defaults."""
    policy = (
        DeadlinePolicy.objects.filter(unit__path__in=_ancestor_paths(commune.path))
        .order_by("-unit__path")
        .first()
    )
    if policy is None:
        return DEFAULT_DEADLINES
    return Deadlines(
        forward=policy.forward_days,
        answer=policy.answer_days,
        carry_out=policy.carry_out_days,
        inform=policy.inform_days,
    )


def _ancestor_paths(path: str) -> list[str]:
    """Every prefix of a materialised path that ends at a separator, and the path itself."""
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "/"] + [path]


def _due(commune, deadline: str | None, start: datetime.date) -> datetime.date | None:
    if deadline is None:
        return None
    return start + datetime.timedelta(days=getattr(deadlines_for(commune), deadline))


def _check_date(field: str, value: datetime.date) -> None:
    if problem := date_problem(field, value):
        raise ValidationError(problem)


def _log_for_collaborator(*, by, household, duty: str, description: str, on) -> None:
    """Write the collaborator's activity log, when the user is the commune's collaborator.

    The log is a by-product: when it refuses (the month's report is already handed in),
    the request or shock is still saved and the collaborator logs it by hand later.
    """
    if not holds(by, "act_as_collaborator", household):
        return
    collaborator = Collaborator.objects.filter(user=by, commune_id=household.commune_id).first()
    if collaborator is None:
        return
    try:
        log_activity(
            collaborator=collaborator,
            done_on=on,
            duty=duty,
            description=description,
            households=[household],
            by=by,
        )
    except ValidationError:
        pass


# --- requests for help ---------------------------------------------------------------------


@transaction.atomic
def record_request(
    *, household, need: str, statement: str, received_on: datetime.date, by
) -> HelpRequest:
    """Record what a household asked for (duty 1): the recommendation goes to the commune
    officer, with a copy to the managing office, who both see it in their lists."""
    require(by, "edit_register", household.commune)
    errors = {}
    if need not in NeedKind.values:
        errors["need"] = _("Choose the kind of need.")
    if not (statement or "").strip():
        errors["statement"] = _("Write what the household said.")
    if errors:
        raise ValidationError(errors)
    _check_date("received_on", received_on)
    help_request = HelpRequest(
        household=household,
        commune=household.commune,
        need=need,
        statement=statement.strip(),
        received_on=received_on,
        received_by=by,
        due_on=_due(household.commune, FIRST_DEADLINE, received_on),
    )
    save_audited(help_request, by, _("Request recorded"))
    WORKFLOW.record_creation(
        help_request, action="record", by=by, on=received_on, note=help_request.statement
    )
    _log_for_collaborator(
        by=by,
        household=household,
        duty="1",
        on=received_on,
        description=_("Request for help recorded: %(need)s. %(statement)s")
        % {"need": help_request.get_need_display(), "statement": help_request.statement},
    )
    return help_request


def _apply_step(help_request, action: str, on, *, note, action_decided, responsible, informed_how):
    """What each step writes on the request besides its state."""
    help_request.due_on = _due(help_request.commune, WORKFLOW[action].next_deadline, on)
    if action == "forward":
        help_request.forwarded_on = on
    elif action in ("accept", "decline"):
        help_request.answered_on = on
        help_request.days_to_answer = (on - help_request.received_on).days
        if action == "accept":
            help_request.action = action_decided.strip()
            help_request.responsible = responsible.strip()
        else:
            help_request.refusal_reason = note
    elif action == "carry_out":
        help_request.carried_out_on = on
        help_request.result = note
    elif action == "inform":
        help_request.informed_on = on
        help_request.informed_how = informed_how


@transaction.atomic
def transition(
    *,
    help_request: HelpRequest,
    action: str,
    on: datetime.date,
    by,
    version,
    note: str = "",
    action_decided: str = "",
    responsible: str = "",
    informed_how: str = "",
) -> HelpRequest:
    """Take one step of the follow-up (``workflow.WORKFLOW``).

    - forward: the officer puts the recommendation to the commune People's Committee;
    - accept: the leader answers with the action and who is responsible;
    - decline: the leader answers with the reason (``note``);
    - carry_out: the officer records what was done (``note``);
    - inform: the household was told (``informed_how``) of the result;
    - withdraw: the officer closes a mistaken or duplicate request (``note`` = why).

    A step outside the user's area, not allowed to their roles or from the current state,
    or without what it needs, is refused (``core.workflow``).
    """
    note = (note or "").strip()
    data = {
        "action_decided": action_decided or "",
        "responsible": responsible or "",
        "informed_how": informed_how,
    }
    locked = WORKFLOW.begin(help_request, action, by=by, version=version)
    # The guards compare the date with the previous step's, so they run before the step
    # writes its own dates.
    WORKFLOW.validate(locked, action, Attempt(by=by, on=on, note=note, data=data))
    _apply_step(locked, action, on, note=note, **data)
    WORKFLOW.finish(
        locked, action, by=by, on=on, note=note, reason=str(WORKFLOW[action].label),
        validated=True, step_note=note or data["action_decided"].strip(),
    )  # fmt: skip
    if action == "inform":
        _log_for_collaborator(
            by=by,
            household=locked.household,
            duty="1",
            on=on,
            description=_("Household informed of the answer to its request: %(need)s.")
            % {"need": locked.get_need_display()},
        )
    return locked


# --- shocks ----------------------------------------------------------------------------------


@transaction.atomic
def record_shock(
    *,
    household,
    kind: str,
    occurred_on: datetime.date,
    description: str,
    by,
    estimated_loss: int | None = None,
) -> Shock:
    """Record a shock or family change (duty 2); the household is then at risk until an
    inclusion application is started or the shock is closed."""
    require(by, "edit_register", household.commune)
    errors = {}
    if kind not in ShockKind.values:
        errors["kind"] = _("Choose the kind of event.")
    if not (description or "").strip():
        errors["description"] = _("Describe what happened.")
    if estimated_loss is not None and estimated_loss < 0:
        errors["estimated_loss"] = _("The loss cannot be negative.")
    if errors:
        raise ValidationError(errors)
    _check_date("occurred_on", occurred_on)
    shock = Shock(
        household=household,
        commune=household.commune,
        kind=kind,
        occurred_on=occurred_on,
        description=description.strip(),
        estimated_loss=estimated_loss,
        recorded_by=by,
        recorded_on=timezone.localdate(),
    )
    save_audited(shock, by, _("Shock recorded"))
    _log_for_collaborator(
        by=by,
        household=household,
        duty="2",
        on=shock.recorded_on,
        description=_("Shock recorded: %(kind)s. %(description)s")
        % {"kind": shock.get_kind_display(), "description": shock.description},
    )
    return shock


@transaction.atomic
def close_shock(*, shock: Shock, note: str, by, version) -> Shock:
    """The household needs no application (it copes, or is already on the lists)."""
    require(by, "edit_register", shock.commune)
    if shock.state != ShockState.AT_RISK:
        raise ValidationError(_("Only a shock still at risk can be closed."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Give the reason.")})
    shock.state = ShockState.CLOSED
    shock.closing_note = note.strip()
    return save_with_version(shock, expected_version=version, by=by, reason=_("Shock closed"))


# --- hand-over to the review workflow ---------------------------------------------------------


def _channel_for(by, commune) -> str:
    if holds(by, "act_as_collaborator", commune):
        return Channel.COLLABORATOR
    return Channel.IN_PERSON


def _applicant(household) -> str:
    if not household.head_name:
        raise ValidationError(
            _("The household has no head in the register; record the head before applying.")
        )
    return household.head_name


@transaction.atomic
def start_inclusion_application(*, shock: Shock, by, version, today: datetime.date | None = None):
    """Start the ad-hoc review for inclusion (Form 01) that the shock calls for, prefilled:
    the applicant is the household head, the members are the household's in the register,
    the reason is the shock, received today by the user (the collaborator on the household's
    behalf). The shock is linked to the application and is no longer merely at risk."""
    require(by, "edit_register", shock.commune)
    if shock.state != ShockState.AT_RISK:
        raise ValidationError(_("An application was already started, or the shock is closed."))
    today = today_or(today)
    reason = _("%(kind)s on %(date)s: %(description)s") % {
        "kind": shock.get_kind_display(),
        "date": f"{shock.occurred_on:%d/%m/%Y}",
        "description": shock.description,
    }
    application = submit_application(
        household=shock.household,
        kind=ApplicationKind.INCLUSION,
        channel=_channel_for(by, shock.commune),
        applicant_name=_applicant(shock.household),
        reason=reason,
        received_on=today,
        by=by,
        today=today,
    )
    shock.state = ShockState.APPLICATION_STARTED
    shock.application = application
    save_with_version(
        shock, expected_version=version, by=by, reason=_("Inclusion application started")
    )
    return application


@transaction.atomic
def start_exit_application(*, household, by, today: datetime.date | None = None):
    """Start the ad-hoc review for recognition of having escaped (Form 04) for a listed
    household whose latest facts put it above the line, prefilled with the head as applicant
    and the engine's latest answer as the reason."""
    require(by, "edit_register", household.commune)
    today = today_or(today)
    reason = _(
        "The household's latest facts put it above the line under the standard %(standard)s "
        "(assessment: %(category)s, %(count)s deprived indicators)."
    ) % {
        "standard": household.assessed_standard,
        "category": CATEGORY_LABELS.get(household.assessed_category, household.assessed_category),
        "count": household.deprived_count if household.deprived_count is not None else "?",
    }
    return submit_application(
        household=household,
        kind=ApplicationKind.EXIT,
        channel=_channel_for(by, household.commune),
        applicant_name=_applicant(household),
        reason=reason,
        received_on=today,
        by=by,
        today=today,
    )
