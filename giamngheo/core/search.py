"""Diacritics-insensitive search that behaves the same on SQLite and PostgreSQL.

Rather than rely on a database extension (``unaccent`` exists only on
PostgreSQL), records keep a folded copy of their searchable text in a
``search_text`` column and queries are folded the same way, so
"nguyen van a" finds "Nguyễn Văn A" on every backend and the column can be indexed.
"""

import unicodedata
from functools import wraps

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.shortcuts import redirect

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


def posted_search(key: str, param: str = "q", on_search=None, shares_post: bool = False):
    """A search box whose term never lands in a URL (a name or a citizen ID is personal data
    and URLs end up in access logs and browser history).

    The form posts; the term goes into the session under ``key`` and the browser is sent to
    the same page with the other fields in the query string plus ``tim=1``; a GET with
    ``tim=1`` then sees the term as ``request.GET[param]``, so the view reads it as before.
    Views sharing ``key`` (a list and its export) share the term. ``on_search(request, term)``
    runs once per posted term. ``request.search_params`` is the query string for links that
    carry the filters on (an export): ``tim=1`` without the term. With ``shares_post`` the view takes other POSTs too (a picker in
    front of a form): only a POST carrying ``param`` is the search.
    """
    session_key = f"search:{key}"

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and (not shares_post or param in request.POST):
                term = (request.POST.get(param) or "").strip()[:200]
                params = QueryDict(mutable=True)
                for name in request.POST:
                    values = [v for v in request.POST.getlist(name) if v]
                    if name not in (param, "csrfmiddlewaretoken", "tim") and values:
                        params.setlist(name, values)
                if term:
                    request.session[session_key] = term
                    params["tim"] = "1"
                    if on_search is not None:
                        on_search(request, term)
                else:
                    request.session.pop(session_key, None)
                query = params.urlencode()
                return redirect(f"{request.path}?{query}" if query else request.path)
            # For links that carry the filters on (an export, a pager): never the term.
            links = request.GET.copy()
            if links.get("tim"):
                links.pop(param, None)
            request.search_params = links.urlencode()
            if request.GET.get("tim") and request.session.get(session_key):
                request.GET = request.GET.copy()
                request.GET[param] = request.session[session_key]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
