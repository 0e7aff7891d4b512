"""The audit entry of a write, and the day it counts as.

Every service writes through django-simple-history: the historical row takes its user and
reason from the instance being saved. ``audit`` sets both, so a save (or delete) right after
it is recorded with who did it and why.
"""

import datetime

from django.utils import timezone


def audit(obj, by, reason="") -> object:
    """Mark ``obj`` so its next save or delete is recorded as done by ``by`` for ``reason``."""
    obj._history_user = by
    obj._change_reason = str(reason or "")
    return obj


def today(value: datetime.date | None = None) -> datetime.date:
    """``value`` when a caller (a test, a back-dated import) gives one, else the local date."""
    return value or timezone.localdate()


def save_audited(obj, by, reason="", **save_kwargs):
    """Save ``obj`` recorded as done by ``by`` for ``reason`` (``audit``, then ``save``); the
    one way a service writes a record with its history entry. Returns ``obj``."""
    audit(obj, by, reason).save(**save_kwargs)
    return obj
