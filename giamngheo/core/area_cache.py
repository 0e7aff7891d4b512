"""Figures computed over an area, kept in the Django cache until the area's data changes.

Each unit of the tree has a data *version* in the cache (key ``area-version:<path>``, never
expiring). Writers that change what area figures count (a household's status, households
imported) call ``changed(paths)``: once their transaction commits, every unit on those paths
(the village, its commune, its province) gets a fresh random version. Cached figures are
stored under the version read *before* they were computed, so figures computed from data
that changed meanwhile are never served again, and a bump needs no list of keys to delete.

Figures also expire after ``AREA_FIGURES_SECONDS`` (settings), which bounds how old the
figures that no bump covers (members, help requests, clubs) can be; pages show the time the
figures were computed ("as of").

The cache is Redis when ``REDIS_URL`` is set, the database cache table otherwise (settings),
so every web process and the worker see the same versions.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

# How long one request may take computing an area's figures before another one tries.
COMPUTE_SECONDS = 30


def _version_key(path: str) -> str:
    return f"area-version:{path}"


def ancestors(path: str) -> list[str]:
    """``"51/23425/0001/"`` → ``["51/", "51/23425/", "51/23425/0001/"]``."""
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def version(path: str) -> str:
    """The current data version of the unit at ``path`` (created on first use)."""
    key = _version_key(path)
    current = cache.get(key)
    if current is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        current = cache.get(key)
    return current


def bump_now(paths: Iterable[str]) -> None:
    """New versions for every unit on ``paths``, at once (``changed`` waits for the commit)."""
    keys = {_version_key(a) for path in paths for a in ancestors(path)}
    if keys:
        cache.set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)


def changed(paths: Iterable[str]) -> None:
    """The data of the units on ``paths`` changed: their figures are recomputed on next use,
    once the current transaction commits (at once outside one)."""
    paths = set(paths)
    transaction.on_commit(lambda: bump_now(paths))


def figures(kind: str, path: str, compute: Callable[[], dict], *extra) -> dict:
    """``compute()`` for the unit at ``path``, from the cache while its version holds.

    ``extra`` are whatever else the figures depend on (the day, the language); the result
    carries ``as_of``, when it was computed. One request at a time computes an area's
    figures: while it does, the others get the area's previous figures (with their older
    ``as_of``) or, when there are none yet, wait for it.
    """
    return figures_over(kind, [path], compute, *extra)


def figures_over(kind: str, paths: Iterable[str], compute: Callable[[], dict], *extra) -> dict:
    """``figures`` for an area made of several units (a user with roles in two communes):
    kept while the version of every one of them holds. With one path, the same as
    ``figures``."""
    paths = sorted(set(paths))
    versioned = [part for path in paths for part in (path, version(path))]
    key = ":".join(["area-figures", kind, *versioned, *map(str, extra)])
    found = cache.get(key)
    if found is not None:
        return found
    latest = ":".join(["area-figures-latest", kind, *paths, *map(str, extra)])
    if not cache.add(f"{key}:computing", True, timeout=COMPUTE_SECONDS):
        found = cache.get(latest) or _wait_for(key)
        if found is not None:
            return found
    try:
        found = {**compute(), "as_of": timezone.now()}
        cache.set_many({key: found, latest: found}, timeout=settings.AREA_FIGURES_SECONDS)
    finally:
        cache.delete(f"{key}:computing")
    return found


def _wait_for(key: str) -> dict | None:
    deadline = time.monotonic() + COMPUTE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.1)
        found = cache.get(key)
        if found is not None:
            return found
        if cache.get(f"{key}:computing") is None:  # the other request failed: compute here
            return None
    return None
