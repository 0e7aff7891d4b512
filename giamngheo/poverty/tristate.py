"""Three-valued (Kleene) logic for facts that may be unknown.

A deprivation rule is a combination of facts. With ``None`` for "unknown", Kleene's rules
give exactly the behaviour the review needs: ``False and unknown`` is ``False`` (a member
under 6 cannot be deprived on health insurance whatever the card), ``True or unknown`` is
``True`` (one clearly deprived member decides the household), and anything else that
depends on an unknown fact stays unknown. Each value carries the names of the facts that
would decide it, so an unknown result can say what to ask.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tri:
    value: bool | None
    missing: tuple[str, ...] = ()


TRUE = Tri(True)
FALSE = Tri(False)


def fact(value: bool | None, missing_label: str) -> Tri:
    """A known or unknown fact; ``missing_label`` names what to ask when it is unknown."""
    if value is None:
        return Tri(None, (missing_label,))
    return TRUE if value else FALSE


def _merge(values: list[Tri]) -> tuple[str, ...]:
    labels: list[str] = []
    for tri in values:
        for label in tri.missing:
            if label not in labels:
                labels.append(label)
    return tuple(labels)


def all_of(*values: Tri) -> Tri:
    return _combine(values, settled_by=False)


def any_of(*values: Tri) -> Tri:
    return _combine(values, settled_by=True)


def _combine(values: tuple[Tri, ...], *, settled_by: bool) -> Tri:
    """One value equal to ``settled_by`` decides (False for "all of", True for "any of");
    else the result is the other answer once every value is known, and undecided (naming
    what is missing) until then."""
    if any(tri.value is settled_by for tri in values):
        return TRUE if settled_by else FALSE
    undecided = [tri for tri in values if tri.value is None]
    if not undecided:
        return FALSE if settled_by else TRUE
    return Tri(None, _merge(undecided))


def not_(tri: Tri) -> Tri:
    if tri.value is None:
        return tri
    return FALSE if tri.value else TRUE
