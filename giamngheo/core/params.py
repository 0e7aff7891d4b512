"""Numbers read from the query string, refused with a 400 when they make no sense.

``int("99999999999999999999")`` succeeds in Python and then overflows the database (or a
``date``); a negative year reaches ``date(-1, 1, 1)``. Views read such parameters here and
the visitor gets a Vietnamese 400 page naming the parameter instead of a 500.
"""

from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.translation import gettext as _

# Years the system has any business with: the first national poverty standards to well
# past the 2027–2030 standard.
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Far more pages than any list has; keeps OFFSET inside a 64-bit integer.


class InvalidParameter(BadRequest):
    """A query-string value out of range; its message is shown on the 400 page."""


MAX_ID = 2**63 - 1


def int_param(params, name: str, *, default: int | None, minimum: int, maximum: int) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        raise InvalidParameter(
            _(
                "“%(value)s” is not a valid value for “%(name)s” (a whole number from %(min)d to %(max)d)."
            )
            % {"value": raw[:40], "name": name, "min": minimum, "max": maximum}
        )
    return value


def id_param(params, name: str) -> int | None:
    """A record's id passed in the query string (``?du_an=12``), or None when absent."""
    return int_param(params, name, default=None, minimum=1, maximum=MAX_ID)


def year_param(params, name: str = "nam") -> int:
    return int_param(
        params,
        name,
        default=timezone.localdate().year,
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
    )
