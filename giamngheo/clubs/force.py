"""The clubs' force by sex and ethnicity: current individual members of active clubs.

One grouped query over (sex, ethnicity); ethnic minorities are the 53 groups other than Kinh
(``core.ethnicity``), so the figures agree with the collaborators' statistics.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from giamngheo.accounts.scoping import scoped
from giamngheo.core.ethnicity import KINH, NAMES
from giamngheo.core.sex import Sex
from giamngheo.geo.models import Unit

from .models import Member, MemberKind


@dataclass
class Force:
    members: int = 0
    women: int = 0
    men: int = 0
    sex_unrecorded: int = 0
    minorities: int = 0
    ethnicity_unrecorded: int = 0
    by_ethnicity: list[tuple[str, int]] = field(default_factory=list)


def current_members_in(user, unit: Unit | None = None):
    members = scoped(Member.objects.all(), user, via="club__unit").filter(
        left_on__isnull=True, club__is_active=True, kind=MemberKind.INDIVIDUAL
    )
    if unit is not None:
        members = members.filter(club__unit__path__startswith=unit.path)
    return members


def members_force(user, unit: Unit | None = None) -> Force:
    force, by_group = Force(), {}
    rows = current_members_in(user, unit).values_list("sex", "ethnicity").annotate(n=Count("pk"))
    for sex, ethnicity, n in rows.order_by():
        force.members += n
        if sex == Sex.FEMALE:
            force.women += n
        elif sex == Sex.MALE:
            force.men += n
        else:
            force.sex_unrecorded += n
        if not ethnicity:
            force.ethnicity_unrecorded += n
            continue
        if ethnicity != KINH:
            force.minorities += n
        by_group[ethnicity] = by_group.get(ethnicity, 0) + n
    force.by_ethnicity = sorted(
        ((NAMES.get(code, _("Unknown")), n) for code, n in by_group.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return force
