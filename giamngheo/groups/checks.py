"""Checks the services of groups, inspections and communication work share: every record
of theirs hangs on a commune, names its village and collaborator, and is dated."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from giamngheo.collaborators.models import Status as CollaboratorStatus
from giamngheo.core.audit import today
from giamngheo.geo.models import Level


def not_future(errors: dict, field: str, day) -> None:
    if day and day > today():
        errors[field] = _("The date cannot be in the future.")


def required(errors: dict, **texts) -> None:
    """Each of ``texts`` (field name: what was typed) must have more than blanks."""
    for field, value in texts.items():
        if not (value or "").strip():
            errors[field] = _("This field is required.")


def check_village(errors: dict, commune, village) -> None:
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != commune.pk):
        errors["village"] = _("%(village)s is not a village of %(commune)s.") % {
            "village": village,
            "commune": commune,
        }


def check_collaborator(errors: dict, field: str, collaborator, commune) -> None:
    if collaborator is None:
        return
    if collaborator.commune_id != commune.pk:
        errors[field] = _("%(name)s is the collaborator of %(other)s, not of %(commune)s.") % {
            "name": collaborator.full_name,
            "other": collaborator.commune,
            "commune": commune,
        }
    elif collaborator.status != CollaboratorStatus.ACTIVE:
        errors[field] = _("%(name)s is no longer working as a collaborator.") % {
            "name": collaborator.full_name
        }


def raise_errors(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
