"""Diacritics-insensitive search that behaves the same on SQLite and PostgreSQL.

Rather than rely on a database extension (``unaccent`` exists only on
PostgreSQL), records keep a folded copy of their searchable text in a
``search_text`` column and queries are folded the same way, so
"nguyen van a" finds "Nguyễn Văn A" on every backend and the column can be indexed.
"""

import unicodedata

from django.db.models import Q, QuerySet

# NFD leaves đ/Đ intact (it is a distinct letter, not d + a mark), so map it by hand.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese tone and vowel marks, collapse white space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def fold_parts(*parts: object) -> str:
    """The ``search_text`` value for a record made of several fields."""
    return fold(" ".join(str(p) for p in parts if p not in (None, "")))


def search(queryset: QuerySet, query: str | None, field: str = "search_text") -> QuerySet:
    """Keep rows whose folded text contains every word of the folded query."""
    words = fold(query).split()
    if not words:
        return queryset
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    return queryset.filter(condition)
