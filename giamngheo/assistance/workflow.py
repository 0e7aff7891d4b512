"""The follow-up of a request for help, as data: which step leads where, who takes it,
and which deadline the next step gets.

recorded ──forward──► forwarded ──accept──► accepted ──carry_out──► carried_out ──inform──► informed
   │                      │                                                      ▲
   └──withdraw──┐         └──decline──► not_accepted ────────────────inform─────┘
                ▼
            withdrawn  (also from forwarded)

Collaborators' duty 1 (collaborators.md): the collaborator passes the recommendation to the
commune culture-social officer (copy to the managing office), who puts it to the commune
People's Committee; the committee's leader answers; the officer sees it carried out; the
collaborator (or the officer) informs the household.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts import capabilities
from giamngheo.core.workflow import Transition, Workflow

from .catalogues import InformChannel
from .models import RequestState as S
from .models import RequestStep

# Capabilities over the commune (``apps.AssistanceConfig``).
FOLLOW_UP = "follow_up_requests"
ANSWER = "answer_requests"
INFORM = "inform_households"
GIVE_REASON = gettext_lazy("Give the reason.")


@dataclass(frozen=True)
class RequestTransition(Transition):
    next_deadline: str | None = None  # a field of ``catalogues.Deadlines``; None when finished
    reminder: str = ""  # what the person who must act is reminded to do


def _previous_date(help_request):
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


def dated_after_previous(help_request, attempt) -> dict | None:
    """A step is dated, not in the future, and not before the request's previous step."""
    on = attempt.on
    if on is None:
        return {"on": _("Enter the date.")}
    if on > timezone.localdate():
        return {"on": _("The date cannot be in the future.")}
    previous, label = _previous_date(help_request)
    if on < previous:
        return {
            "on": _("The date cannot be before %(step)s (%(date)s).")
            % {"step": label, "date": f"{previous:%d/%m/%Y}"}
        }
    return None


def _answered(help_request, attempt) -> dict | None:
    errors = {}
    if not (attempt.data.get("action_decided") or "").strip():
        errors["action_decided"] = _("Write the action decided.")
    if not (attempt.data.get("responsible") or "").strip():
        errors["responsible"] = _("Write who is responsible.")
    return errors or dated_after_previous(help_request, attempt)


def _informed(help_request, attempt) -> dict | None:
    if attempt.data.get("informed_how") not in InformChannel.values:
        return {"informed_how": _("Say how the household was informed.")}
    return dated_after_previous(help_request, attempt)


T = RequestTransition
WORKFLOW = Workflow(
    [
        T("forward", gettext_lazy("Forward to the commune People's Committee"), {S.RECORDED},
          S.FORWARDED, FOLLOW_UP, dated_after_previous, next_deadline="answer",
          reminder=gettext_lazy("Forward the recommendation")),
        T("accept", gettext_lazy("Accept"), {S.FORWARDED}, S.ACCEPTED, ANSWER, _answered,
          next_deadline="carry_out", reminder=gettext_lazy("Answer the recommendation")),
        T("decline", gettext_lazy("Do not accept"), {S.FORWARDED}, S.NOT_ACCEPTED, ANSWER,
          dated_after_previous, GIVE_REASON, next_deadline="inform",
          reminder=gettext_lazy("Answer the recommendation")),
        T("carry_out", gettext_lazy("Mark as carried out"), {S.ACCEPTED}, S.CARRIED_OUT,
          FOLLOW_UP, dated_after_previous, gettext_lazy("Say what was done."),
          next_deadline="inform", reminder=gettext_lazy("See the accepted action carried out")),
        T("inform", gettext_lazy("Household informed"), {S.CARRIED_OUT, S.NOT_ACCEPTED},
          S.INFORMED, INFORM, _informed, reminder=gettext_lazy("Inform the household")),
        T("withdraw", gettext_lazy("Withdraw"), {S.RECORDED, S.FORWARDED}, S.WITHDRAWN,
          FOLLOW_UP, dated_after_previous, GIVE_REASON),
    ],
    states=S,
    access=capabilities,
    step_model=RequestStep,
    step_subject="request",
)  # fmt: skip

# The deadline a new request gets: the officer's, to forward it.
FIRST_DEADLINE = "forward"


def states_acted_on_by(role: str) -> set[str]:
    """States in which ``role`` must take the next step (withdrawing is not a duty)."""
    return {
        state
        for t in WORKFLOW
        if t.action != "withdraw" and role in capabilities.capability(t.capability).roles
        for state in t.sources
    }


def reminder_for_state(state: str) -> str:
    for t in WORKFLOW.from_state(state):
        if t.reminder:
            return str(t.reminder)
    return ""
