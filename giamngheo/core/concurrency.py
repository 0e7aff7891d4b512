"""Optimistic locking: a save is refused when the record changed since the form was opened.

Records carry a ``version`` number that the edit form sends back. The update is a
single ``UPDATE … WHERE version = expected`` so two saves racing in different
processes cannot both win, on SQLite and PostgreSQL alike.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from .audit import audit


class EditConflict(ValidationError):
    """Someone else saved the record first; the caller keeps the user's input."""


def save_with_version(obj, *, expected_version: int, by, reason: str = ""):
    model = type(obj)
    try:
        expected_version = int(expected_version)
    except (TypeError, ValueError) as exc:
        raise EditConflict(_("The form is missing its version; reload the page.")) from exc
    claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(
            _(
                "Someone else saved this record after you opened it. Your changes were not "
                "saved; they are still in the form. Reload the page to see the other changes, "
                "then enter yours again."
            )
        )
    obj.version = expected_version + 1
    audit(obj, by, reason).save()
    return obj
