"""Workflows as data: the one way a record changes state.

An app declares a ``Workflow``: its ``Transition`` table (the action, the states it starts
from, the state it leads to, the capability a user needs over the record's unit, and a
guard that says in words why it cannot be taken yet), the record's state choices, and
where the steps are recorded (a model built on ``WorkflowStep``). ``perform`` — or
``begin`` … ``finish`` when the service changes the locked record in between — is then the
one way the record moves:

1. an unknown action is refused;
2. the record is locked and a stale form (``version``) is an ``EditConflict`` (a 409);
3. ``access.require`` refuses a record outside the user's area (404) or a user without the
   capability (403, naming the roles that may);
4. a transition that does not start from the current state is refused, in one sentence;
5. a missing note, then the guard, are refused as ``ValidationError``s;
6. the state moves, the version is claimed (``save_with_version``), the audit entry (who,
   why) is written with the save, and a step row is recorded.

``core`` is the bottom layer and imports no app: the capability check is handed in as
``access`` (``giamngheo.accounts.capabilities`` in every app).
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .audit import audit
from .concurrency import EditConflict, save_with_version

CREATE = ""  # the "state" a record is in before it exists: sources of creating transitions


@dataclass(frozen=True)
class Attempt:
    """What a guard sees besides the record: who acts, on which day, the note, the inputs."""

    by: Any
    on: datetime.date
    note: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


# A guard answers None (or an empty list/dict) when the step may be taken, else the reason:
# a sentence, a list of sentences, or {field: sentence} to show next to a form's fields.
Guard = Callable[[Any, Attempt], "str | list | dict | None"]


@dataclass(frozen=True)
class Transition:
    """One row of a table. Subclass it (with defaulted fields) for an app's own data."""

    action: str
    label: Promise | str
    sources: frozenset[str]
    target: str
    capability: str
    guard: Guard | None = None
    # When set, a note is required and this is the refusal shown next to the note field.
    note_required: Promise | str = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))


class Access(Protocol):
    """The capability registry as the workflow needs it (``accounts.capabilities``)."""

    def can(self, user, name: str, obj=None) -> bool: ...

    def require(self, user, name: str, obj=None, *, doing=None) -> None: ...


class WorkflowStep(models.Model):
    """One transition of a record: who moved it, when, from which state to which, and why.

    A concrete step model adds the foreign key to its record and names it in
    ``Workflow(step_subject=…)``.
    """

    action = models.CharField(_lazy("workflow action"), max_length=32)
    from_state = models.CharField(_lazy("from step"), max_length=20, blank=True)
    to_state = models.CharField(_lazy("to step"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("done by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_lazy("at"), auto_now_add=True)
    on = models.DateField(_lazy("date"))
    note = models.TextField(_lazy("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


def _problems(answer) -> ValidationError | None:
    if not answer:
        return None
    if isinstance(answer, ValidationError):
        return answer
    if isinstance(answer, Mapping | list | tuple):
        return ValidationError(dict(answer) if isinstance(answer, Mapping) else list(answer))
    return ValidationError(answer)


class Workflow:
    """A record's transition table and the one way to take its transitions."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        states: type[models.Choices],
        access: Access,
        step_model: type[WorkflowStep] | None = None,
        step_subject: str = "",
        state_field: str = "state",
    ):
        self.table: dict[str, Transition] = {t.action: t for t in transitions}
        self.states = states
        self.access = access
        self.step_model = step_model
        self.step_subject = step_subject
        self.state_field = state_field

    # ---- reading the table --------------------------------------------------------------

    def __getitem__(self, action: str) -> Transition:
        return self.table[action]

    def __contains__(self, action: str) -> bool:
        return action in self.table

    def __iter__(self):
        return iter(self.table.values())

    def get(self, action: str) -> Transition:
        transition = self.table.get(action)
        if transition is None:
            raise ValidationError(_("Unknown action."))
        return transition

    def state_label(self, state: str) -> str:
        return str(self.states(state).label) if state else "—"

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field) or CREATE

    def from_state(self, state: str) -> list[Transition]:
        """Transitions that start from ``state``."""
        return [t for t in self.table.values() if state in t.sources]

    def available(self, obj, user) -> list[Transition]:
        """The transitions the user could take now from the record's state (for buttons)."""
        state = self.state_of(obj)
        return [
            t
            for t in self.table.values()
            if state in t.sources and CREATE not in t.sources
            and self.access.can(user, t.capability, obj)
        ]  # fmt: skip

    # ---- taking a transition ------------------------------------------------------------

    def refuse_state(self, obj, transition: Transition) -> None:
        """The one sentence a transition not possible from the current state reads."""
        state = self.state_of(obj)
        if state not in transition.sources:
            raise ValidationError(
                _("“%(action)s” is not possible now: the current step is “%(state)s”.")
                % {"action": transition.label, "state": self.state_label(state)},
                code="state",
            )

    def check(self, obj, action: str, *, by) -> Transition:
        """Whether ``by`` may take ``action`` on the record now (area, capability, state)."""
        transition = self.get(action)
        self.access.require(by, transition.capability, obj, doing=transition.label)
        self.refuse_state(obj, transition)
        return transition

    def check_create(self, obj, action: str, *, by) -> Transition:
        """A creating transition: ``obj`` is not saved yet, its unit must be set."""
        transition = self.get(action)
        self.access.require(by, transition.capability, obj, doing=transition.label)
        return transition

    def begin(self, obj, action: str, *, by, version=None):
        """Lock the record and reload it, check the version, then the state; returns it.

        Must run inside the caller's transaction. The caller changes the record and passes
        it to ``finish``.
        """
        transition = self.get(action)
        self.access.require(by, transition.capability, obj, doing=transition.label)
        if obj.pk is not None:  # a record its first transition creates has nothing to lock
            obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())
        locked = obj
        if version not in (None, "") and int(version) != locked.version:
            raise EditConflict(
                _(
                    "Someone else moved this record on after you opened it. Nothing was saved; "
                    "reload the page to see its current step."
                )
            )
        self.refuse_state(locked, transition)
        return locked

    def guard(self, obj, action: str, attempt: Attempt) -> None:
        """Refuse with the transition's guard's reasons, if it has any."""
        transition = self.table[action]
        if transition.guard is not None:
            problems = _problems(transition.guard(obj, attempt))
            if problems is not None:
                raise problems

    def validate(self, obj, action: str, attempt: Attempt) -> None:
        """The note rule, then the guard. ``finish`` runs it unless the caller already did
        (a guard that must see the record before the service changes it)."""
        transition = self.table[action]
        if transition.note_required and not (attempt.note or "").strip():
            raise ValidationError({"note": transition.note_required})
        self.guard(obj, action, attempt)

    def finish(self, locked, action: str, *, by, on, note="", data=None, reason=None,
               validated=False, step_note=None):  # fmt: skip
        """Validate (unless ``validated``), move the record, save it audited, record the step
        (with ``step_note`` when the step should keep something else than the note)."""
        transition = self.table[action]
        note = (note or "").strip()
        if not validated:
            self.validate(locked, action, Attempt(by=by, on=on, note=note, data=data or {}))
        before = self.state_of(locked)
        setattr(locked, self.state_field, transition.target)
        if reason is None:
            reason = f"{transition.label}{': ' + note if note else ''}"
        if locked.pk is not None and hasattr(locked, "version"):
            # A conditional UPDATE claims the version: two racing saves cannot both win,
            # even where the row lock of ``begin`` is a no-op (SQLite).
            save_with_version(locked, expected_version=locked.version, by=by, reason=reason)
        else:
            if hasattr(locked, "version"):
                locked.version = (locked.version or 0) + 1
            audit(locked, by, reason).save()
        step_note = note if step_note is None else step_note
        self.record_step(locked, action, before=before, by=by, on=on, note=step_note)
        return locked

    def perform(self, obj, action: str, *, by, on, note="", version=None, data=None,
                change=None, reason=None):  # fmt: skip
        """``begin``, then ``change(locked)`` when given, then ``finish``; returns the record."""
        locked = self.begin(obj, action, by=by, version=version)
        if change is not None:
            change(locked)
        return self.finish(locked, action, by=by, on=on, note=note, data=data, reason=reason)

    def record_step(self, obj, action: str, *, before: str, by, on, note: str = "") -> None:
        if self.step_model is None:
            return
        self.step_model.objects.create(
            **{self.step_subject: obj},
            action=action,
            from_state=before,
            to_state=self.state_of(obj),
            by=by,
            on=on,
            note=note,
        )

    def steps(self, obj) -> list[WorkflowStep]:
        """The record's steps in order, each with ``from_label`` and ``to_label`` to show."""
        steps = list(
            self.step_model.objects.filter(**{self.step_subject: obj})
            .select_related("by")
            .order_by("at", "id")
        )
        for step in steps:
            step.from_label = self.state_label(step.from_state)
            step.to_label = self.state_label(step.to_state)
        return steps

    def record_creation(self, obj, *, action: str, by, on, note: str = "") -> None:
        """The first step of a record its service created (from no state to its first)."""
        self.record_step(obj, action, before=CREATE, by=by, on=on, note=note)
