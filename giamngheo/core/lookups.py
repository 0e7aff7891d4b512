"""``field__in_array=[…]``: ``IN`` for long lists of ids, sent as one array parameter.

On PostgreSQL ``col = ANY(%s::bigint[])`` replaces ``col IN (%s, %s, …)``: one placeholder
instead of hundreds, so Django compiles and psycopg interpolates a short statement however
many ids there are (a province's ~600 units), and PostgreSQL plans it exactly like the ``IN``
list (an index scan on ``(col, …)``). Other databases get the ordinary ``IN``.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, IntegerField
from django.db.models.lookups import In


class IdList:
    """Ids for ``__in_array`` that Django and psycopg take as one value.

    A plain list is walked by Django on every ``filter()`` (each element checked for being an
    expression) and by psycopg on every query (each element dumped and checked for quoting):
    ~2 ms for a province's ~900 unit ids, twice a page. An ``IdList`` is neither a list nor a
    tuple, so Django passes it through whole, and it carries its PostgreSQL array literal,
    built once, which psycopg sends as a single string.
    """

    __slots__ = ("ids", "literal")

    def __init__(self, ids):
        self.ids = tuple(ids)
        self.literal = "{" + ",".join(str(int(i)) for i in self.ids) + "}"

    def __iter__(self):
        return iter(self.ids)

    def __len__(self):
        return len(self.ids)

    def __eq__(self, other):
        return isinstance(other, IdList) and other.ids == self.ids

    def __hash__(self):
        return hash(self.ids)

    def __repr__(self):
        return f"IdList({len(self.ids)} ids)"

    def __getstate__(self):
        return self.ids

    def __setstate__(self, ids):
        self.ids = ids
        self.literal = "{" + ",".join(str(int(i)) for i in ids) + "}"


@ForeignObject.register_lookup  # related fields look their lookups up apart from Field's
@Field.register_lookup
class InArray(In):
    lookup_name = "in_array"

    def get_prep_lookup(self):
        """A list of ints for an integer column (unit ids) is used as it is: ``In`` would pass
        each of a province's ~600 ids through the field's conversion on every query."""
        if isinstance(self.rhs, IdList):
            return self.rhs
        field = self.lhs.output_field
        if (
            isinstance(self.rhs, (list, tuple))
            and isinstance(getattr(field, "target_field", field), IntegerField)
            and all(type(value) is int for value in self.rhs)
        ):
            return list(self.rhs)
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        if isinstance(self.rhs, IdList):
            if not self.rhs.ids:
                raise EmptyResultSet
            lhs, lhs_params = self.process_lhs(compiler, connection)
            field = self.lhs.output_field
            return f"{lhs} = ANY(%s::{field.rel_db_type(connection)}[])", (
                *lhs_params,
                self.rhs.literal,
            )
        if not isinstance(self.rhs, (list, tuple, set, frozenset)):
            return self.as_sql(compiler, connection)  # a subquery: plain IN (SELECT …)
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        field = self.lhs.output_field
        # Ids were made ints by get_prep_lookup; converting 600 of them again per query is not free.
        if not isinstance(getattr(field, "target_field", field), IntegerField):
            values = [field.get_db_prep_value(v, connection, prepared=True) for v in values]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::{field.rel_db_type(connection)}[])", (*lhs_params, values)
