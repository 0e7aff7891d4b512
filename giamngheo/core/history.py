"""The audit trail of a record, as a person reads it: who, when, what changed, why."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

_ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(record, name, related):
    f = record._meta.get_field(name)
    value = getattr(record, f.attname)
    if value is None or value == "":
        return "—"
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if f.is_relation:
        # A related record deleted since is shown by its key, as before.
        shown = related.get(f.related_model, {}).get(value)
        return str(shown) if shown is not None else value
    return value


def _related_records(pairs) -> dict:
    """The records that changed foreign keys point to, one query per related model (not one
    per change: a long history would otherwise cost a query for every changed key)."""
    wanted: dict = {}
    for record, previous, changes in pairs:
        for c in changes:
            f = record._meta.get_field(c.field)
            if f.is_relation and not f.choices:
                keys = wanted.setdefault(f.related_model, set())
                for version in (record, previous):
                    value = getattr(version, f.attname)
                    if value not in (None, ""):
                        keys.add(value)
    return {model: model._base_manager.in_bulk(keys) for model, keys in wanted.items() if keys}


def history_entries(obj, limit: int = 50, mask=None) -> list[HistoryEntry]:
    """Newest first; diffs are computed between consecutive versions fetched in one query,
    and the records that changed foreign keys name are fetched in one query per model.

    ``mask`` maps a field name to a function shown instead of its values (a citizen ID the
    reader may not see in full must not reappear in the history of changes).
    """
    mask = mask or {}
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    pairs = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        delta = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous).changes
        pairs.append((record, previous, delta))
    related = _related_records(pairs)
    entries = []
    for record, previous, delta in pairs:
        changes = []
        for c in delta:
            label = str(record._meta.get_field(c.field).verbose_name)
            old, new = _display(previous, c.field, related), _display(record, c.field, related)
            if c.field in mask:
                old, new = mask[c.field](old), mask[c.field](new)
            changes.append(Change(label, old, new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
