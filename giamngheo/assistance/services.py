"""Writes of the assistance part: requests for help and their follow-up, shocks.

Every function takes keyword arguments and the acting user (``by``), checks the user's
role over the household's commune, runs in a transaction, refuses with a Vietnamese
``ValidationError`` and records who and why in the audit trail. A collaborator's request,
shock or informing of a household is also written to their activity log (duties 1 and 2).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.models import Role
from giamngheo.accounts.scoping import require, roles_over, sees_everything
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.services import log_activity
from giamngheo.core.concurrency import save_with_version
from giamngheo.households.assessment import CATEGORY_LABELS
from giamngheo.reviews.models import ApplicationKind, Channel
from giamngheo.reviews.services import submit_application

from .catalogues import DEFAULT_DEADLINES, Deadlines, InformChannel, NeedKind, ShockKind
from .models import DeadlinePolicy, HelpRequest, RequestStep, Shock, ShockState
from .workflow import FIRST_DEADLINE, TRANSITIONS, Transition


def _audit(obj, by, reason: str):
    obj._history_user = by
    obj._change_reason = reason or ""
    return obj


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


def _check_date(field: str, value: datetime.date, *, not_before=None, label_before="") -> None:
    if value is None:
        raise ValidationError({field: _("Enter the date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before is not None and value < not_before:
        raise ValidationError(
            {
                field: _("The date cannot be before %(step)s (%(date)s).")
                % {"step": label_before, "date": f"{not_before:%d/%m/%Y}"}
            }
        )


def _log_for_collaborator(*, by, household, duty: str, description: str, on) -> None:
    """Write the collaborator's activity log, when the user is the commune's collaborator.

    The log is a by-product: when it refuses (the month's report is already handed in),
    the request or shock is still saved and the collaborator logs it by hand later.
    """
    if Role.COLLABORATOR not in roles_over(by, household.commune):
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
    _audit(help_request, by, _("Request recorded"))
    help_request.save()
    RequestStep.objects.create(
        request=help_request,
        action="record",
        to_state=help_request.state,
        on=received_on,
        note=help_request.statement,
        by=by,
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


def may_take(user, help_request: HelpRequest, transition: Transition) -> bool:
    """Whether the user holds a role allowed to take this step over the request's commune."""
    if help_request.state not in transition.sources:
        return False
    if sees_everything(user):
        return True
    return bool(roles_over(user, help_request.commune) & transition.roles)


def _previous_date(help_request: HelpRequest):
    """The date of the latest step, which the next step may not precede."""
    for value, label in (
        (help_request.informed_on, _("the household was informed")),
        (help_request.carried_out_on, _("it was carried out")),
        (help_request.answered_on, _("the answer")),
        (help_request.forwarded_on, _("it was forwarded")),
    ):
        if value:
            return value, label
    return help_request.received_on, _("the request was received")


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
    """Take one step of the follow-up (``workflow.TRANSITIONS``).

    - forward: the officer puts the recommendation to the commune People's Committee;
    - accept: the leader answers with the action and who is responsible;
    - decline: the leader answers with the reason (``note``);
    - carry_out: the officer records what was done (``note``);
    - inform: the household was told (``informed_how``) of the result;
    - withdraw: the officer closes a mistaken or duplicate request (``note`` = why).

    A step not allowed from the current state, or to the user's roles, is refused.
    """
    step = TRANSITIONS.get(action)
    if step is None:
        raise ValidationError(_("Unknown step."))
    # Outside the user's area the request does not exist for them.
    require(by, "view_audit", help_request.commune)
    if help_request.state not in step.sources:
        raise ValidationError(
            _("This step cannot be taken now: the request is “%(state)s”.")
            % {"state": help_request.get_state_display()}
        )
    if not may_take(by, help_request, step):
        raise PermissionDenied(_("Your role cannot take this step."))
    note = (note or "").strip()
    errors = {}
    if action == "accept":
        if not (action_decided or "").strip():
            errors["action_decided"] = _("Write the action decided.")
        if not (responsible or "").strip():
            errors["responsible"] = _("Write who is responsible.")
    if action in ("decline", "withdraw") and not note:
        errors["note"] = _("Give the reason.")
    if action == "carry_out" and not note:
        errors["note"] = _("Say what was done.")
    if action == "inform" and informed_how not in InformChannel.values:
        errors["informed_how"] = _("Say how the household was informed.")
    if errors:
        raise ValidationError(errors)
    previous, previous_label = _previous_date(help_request)
    _check_date("on", on, not_before=previous, label_before=previous_label)

    from_state = help_request.state
    help_request.state = step.target
    help_request.due_on = _due(help_request.commune, step.next_deadline, on)
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
    save_with_version(help_request, expected_version=version, by=by, reason=str(step.label))
    RequestStep.objects.create(
        request=help_request,
        action=action,
        from_state=from_state,
        to_state=step.target,
        on=on,
        note=note or action_decided.strip(),
        by=by,
    )
    if action == "inform":
        _log_for_collaborator(
            by=by,
            household=help_request.household,
            duty="1",
            on=on,
            description=_("Household informed of the answer to its request: %(need)s.")
            % {"need": help_request.get_need_display()},
        )
    return help_request


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
    _audit(shock, by, _("Shock recorded"))
    shock.save()
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
    if Role.COLLABORATOR in roles_over(by, commune):
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
    today = today or timezone.localdate()
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
    today = today or timezone.localdate()
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
