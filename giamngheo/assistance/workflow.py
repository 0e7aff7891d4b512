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

from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.models import Role

from .models import RequestState as S


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    next_deadline: str | None  # a field of ``catalogues.Deadlines``, or None when finished
    reminder: str  # what the person who must act is reminded to do


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "forward",
            _("Forward to the commune People's Committee"),
            frozenset({S.RECORDED}),
            S.FORWARDED,
            frozenset({Role.COMMUNE_OFFICER}),
            "answer",
            _("Forward the recommendation"),
        ),
        Transition(
            "accept",
            _("Accept"),
            frozenset({S.FORWARDED}),
            S.ACCEPTED,
            frozenset({Role.COMMUNE_LEADER}),
            "carry_out",
            _("Answer the recommendation"),
        ),
        Transition(
            "decline",
            _("Do not accept"),
            frozenset({S.FORWARDED}),
            S.NOT_ACCEPTED,
            frozenset({Role.COMMUNE_LEADER}),
            "inform",
            _("Answer the recommendation"),
        ),
        Transition(
            "carry_out",
            _("Mark as carried out"),
            frozenset({S.ACCEPTED}),
            S.CARRIED_OUT,
            frozenset({Role.COMMUNE_OFFICER}),
            "inform",
            _("See the accepted action carried out"),
        ),
        Transition(
            "inform",
            _("Household informed"),
            frozenset({S.CARRIED_OUT, S.NOT_ACCEPTED}),
            S.INFORMED,
            frozenset({Role.COLLABORATOR, Role.COMMUNE_OFFICER}),
            None,
            _("Inform the household"),
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({S.RECORDED, S.FORWARDED}),
            S.WITHDRAWN,
            frozenset({Role.COMMUNE_OFFICER}),
            None,
            "",
        ),
    )
}

# The deadline a new request gets: the officer's, to forward it.
FIRST_DEADLINE = "forward"


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]


def states_acted_on_by(role: str) -> set[str]:
    """States in which ``role`` must take the next step (withdrawing is not a duty)."""
    return {
        state
        for t in TRANSITIONS.values()
        if role in t.roles and t.action != "withdraw"
        for state in t.sources
    }


def reminder_for_state(state: str) -> str:
    for t in transitions_from(state):
        if t.reminder:
            return str(t.reminder)
    return ""
