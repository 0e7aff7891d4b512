"""List filters: django-filter FilterSets with one naming style for query parameters.

Parameters are short Vietnamese slugs in snake_case (``xa``, ``thon``, ``trang_thai``): what
users see in the address bar and bookmark. A parameter renamed to that style keeps its old
name in ``aliases``, so bookmarked links still filter the same way.

A value that is not one of the filter's choices is ignored (the list is not filtered by it),
never a 500; numbers in the query string that must be valid go through ``core.params``.
"""

import django_filters
from django.utils.choices import BaseChoiceIterator

from .search import search


class ListFilter(django_filters.FilterSet):
    #: old parameter name -> current name; the current name wins when both are given.
    aliases: dict[str, str] = {}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and self.aliases:
            data = data.copy()
            for old, new in self.aliases.items():
                if old in data:
                    if new not in data:
                        data.setlist(new, data.getlist(old))
                    del data[old]
        super().__init__(data, *args, **kwargs)

    def value(self, name: str, default=""):
        """The cleaned value of a filter (``default`` when absent or not valid), for the
        template to show what the list is filtered by."""
        if not self.is_bound:
            return default
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return self.form.cleaned_data.get(name) or default


def search_filter(field: str = "search_text", **kwargs) -> django_filters.CharFilter:
    """The list's search box (``q``): every word, diacritics optional (core.search)."""
    return django_filters.CharFilter(
        method=lambda queryset, name, value: search(queryset, value, field=field), **kwargs
    )


class LazyList:
    """A list made by ``compute()`` on first use: a filter's options that only its form
    shows, so a filter used for its queryset alone (the API, an export) never reads them."""

    def __init__(self, compute):
        self._compute = compute
        self._items = None

    def _get(self) -> list:
        if self._items is None:
            self._items = list(self._compute())
        return self._items

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def __bool__(self):
        return bool(self._get())

    def __getitem__(self, index):
        return self._get()[index]


class _ListedChoices(BaseChoiceIterator):  # a lazy iterator: Django keeps it as it is
    """The choices of a ``ListedModelChoiceField``: its empty label, then its listed pairs."""

    def __init__(self, field, *args):
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.listed

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)

    def __bool__(self):
        return bool(self.field.listed) or self.field.empty_label is not None


class ListedModelChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice whose options are a list of ``(pk, label)`` given to it, not its queryset
    read row by row into model instances (through a server-side cursor on PostgreSQL) on each
    page: the queryset only checks the value a user submits, as before."""

    iterator = _ListedChoices

    def __init__(self, *args, listed=(), **kwargs):
        self.listed = listed  # a list, or a ``LazyList`` read only when the form is shown
        super().__init__(*args, **kwargs)


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` with its options listed: set ``extra["listed"]`` to the pairs."""

    field_class = ListedModelChoiceField
