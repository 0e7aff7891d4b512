"""A household that moves away or dissolves (its members died or joined other households).

The commune records it as a status decision with its own source (``StatusRecord.Source``
MOVED_OUT or DISSOLVED): the household leaves the lists, and the movement derived from the
record (``movements.movement_expression``) is "moved out" or "household dissolved", which
reports 2 and 3 count among the decreases of the poor and near-poor lists. The household's
record stays in the register (its history is the evidence of the decision).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.capabilities import require
from giamngheo.core.concurrency import save_with_version

from .assessment import standard_in_force
from .models import Household, PovertyStatus, StatusRecord
from .services import record_status

S = StatusRecord.Source
DEPARTURES = {
    S.MOVED_OUT: gettext_lazy("The household moved away (chuyển đi)"),
    S.DISSOLVED: gettext_lazy("The household dissolved (hộ giải thể)"),
}


def departure_of(household: Household) -> StatusRecord | None:
    """The decision that recorded the household leaving, if its latest decision is one."""
    latest = household.status_records.order_by("-decision_date", "-id").first()
    return latest if latest is not None and latest.source in DEPARTURES else None


@transaction.atomic
def record_departure(
    *,
    household: Household,
    kind: str,
    on: date,
    decision_number: str,
    reason: str,
    expected_version,
    by,
) -> StatusRecord:
    """Take the household off the lists as moved away or dissolved, with the commune's
    decision, audited with the reason; refused when the form is stale (``EditConflict``)."""
    require(by, "record_departure", household)
    errors = {}
    if kind not in DEPARTURES:
        errors["kind"] = _("Choose whether the household moved away or dissolved.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason (where the household went, or why it dissolved).")
    if errors:
        raise ValidationError(errors)
    latest = household.status_records.order_by("-decision_date", "-id").first()
    if latest is not None and latest.source in DEPARTURES:
        raise ValidationError(_("This household has already moved away or dissolved."))
    if latest is not None and on and on < latest.decision_date:
        raise ValidationError(
            {"on": _("The date is before the household's latest decision (%(date)s).")
             % {"date": latest.decision_date.strftime("%d/%m/%Y")}}
        )  # fmt: skip
    save_with_version(household, expected_version=expected_version, by=by, reason=reason.strip())
    standard = latest.standard if latest is not None else standard_in_force(on).code
    return record_status(
        household=household,
        status=PovertyStatus.NOT_LISTED,
        year=on.year if on else 0,
        standard=standard,
        decision_number=decision_number,
        decision_date=on,
        source=kind,
        by=by,
        reason=reason.strip(),
    )
