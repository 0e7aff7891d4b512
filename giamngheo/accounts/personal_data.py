"""Personal data by need to know (Decree 13/2023/NĐ-CP on personal data protection, Art. 3:
data are processed only as far as the purpose needs).

Who sees a full citizen ID (CCCD):
- the commune officer, who keeps the register, checks identities and settles duplicates;
- the commune People's Committee leader, who signs decisions naming the household's people;
- the system administrator.
Everyone else sees it masked (``0620•••••426``): the collaborator and the club officer only
need to recognise the person in front of them, province staff and the managing office work on
figures, and the auditor checks procedures (and sees who read what in the read audit).

Pages, exports and the API all go through :func:`citizen_id_for` or :func:`citizen_id_masker`,
so the rule lives here once. Reads of a household's personal data are recorded with
:func:`record_read`.
"""

from collections.abc import Callable

from giamngheo.core.citizen_id import looks_like_citizen_id

from .capabilities import roots_where
from .models import PersonalDataRead
from .scoping import current_assignments

MASK = "•"


def mask_citizen_id(value: str) -> str:
    """First four digits (province and century of birth) and last three; the rest hidden."""
    if not value:
        return ""
    if len(value) < 8:
        return MASK * len(value)
    return value[:4] + MASK * (len(value) - 7) + value[-3:]


def _full_roots(user, capability: str) -> tuple[str, ...] | None:
    """Paths of the units where ``user`` sees full IDs; ``None`` meaning everywhere."""
    return roots_where(user, capability)


def citizen_id_masker(user, capability: str = "view_citizen_id") -> Callable[[str, str], str]:
    """``show(value, unit_path)`` for many rows at once (exports): full where ``user`` holds a
    role with ``capability`` over the unit or a unit above it, masked elsewhere."""
    roots = _full_roots(user, capability)

    def show(value, path):
        if not value:
            return ""
        if roots is None or (roots and path.startswith(roots)):
            return value
        return mask_citizen_id(value)

    return show


def sees_full_citizen_id(user, unit, capability: str = "view_citizen_id") -> bool:
    roots = _full_roots(user, capability)
    return roots is None or bool(unit is not None and roots and unit.path.startswith(roots))


def citizen_id_for(user, value, unit, capability: str = "view_citizen_id") -> str:
    """The citizen ID as ``user`` may see it on a record of ``unit``."""
    return citizen_id_masker(user, capability)(value, unit.path if unit else "")


def record_read(*, user, action: str, unit=None, subject: str = "", count: int = 1):
    """One line in the read audit: who read or exported whose personal data, and when."""
    return PersonalDataRead.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        unit=unit,
        subject=subject[:64],
        count=count,
    )


def area_unit(user, *candidates):
    """The unit a read is filed under: the narrowest unit given, else the user's widest role."""
    for unit in candidates:
        if unit is not None:
            return unit
    assignments = current_assignments(user)
    if not assignments:
        return None
    return min((a.unit for a in assignments), key=lambda u: len(u.path))


def record_citizen_id_search(request, term: str) -> None:
    """A search by citizen ID is a read of personal data: file it (an ``on_search`` hook of
    ``core.search.posted_search``); names and codes are not recorded."""
    if looks_like_citizen_id(term):
        record_read(user=request.user, action=PersonalDataRead.Action.SEARCH,
                    unit=area_unit(request.user))  # fmt: skip
