"""The roles a user holds over a unit, and what an app declares it lets each role do.

Free of models so that an app's ``AppConfig`` can declare its ``capabilities`` at import
time (``accounts.capabilities`` collects them once the apps are loaded).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_STAFF = "province_staff", _("Province staff")
    MANAGING_OFFICE = "managing_office", _("Managing office")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    COMMUNE_LEADER = "commune_leader", _("Commune People's Committee leader")
    COLLABORATOR = "collaborator", _("Poverty-reduction collaborator")
    CLUB_OFFICER = "club_officer", _("Club officer")
    AUDITOR = "auditor", _("Auditor (read only)")


@dataclass(frozen=True)
class Capability:
    """Something a user may do over a unit, and the roles that may do it.

    ``label`` completes the refusal "Only … may do this: <label>." shown to a user
    without one of the roles.
    """

    name: str
    roles: frozenset[str]
    label: Promise | str = ""

    def __init__(self, name: str, roles, label: Promise | str = ""):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "label", label)
