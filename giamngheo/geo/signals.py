"""Signals of the unit tree, for apps above it (geo imports none of them)."""

from django.dispatch import Signal

# Sent after writes that bypass ``Model.save`` (bulk loads of the official units), so that
# whatever is derived from the tree (the users' area scopes) is recomputed.
units_changed = Signal()
