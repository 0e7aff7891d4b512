"""``field__in_array=[…]``: ``IN`` for long lists of ids, sent as one array parameter.

On PostgreSQL ``col = ANY(%s::bigint[])`` replaces ``col IN (%s, %s, …)``: one placeholder
instead of hundreds, so Django compiles and psycopg interpolates a short statement however
many ids there are (a province's ~600 units), and PostgreSQL plans it exactly like the ``IN``
list (an index scan on ``(col, …)``). Other databases get the ordinary ``IN``.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, IntegerField
from django.db.models.lookups import In


@ForeignObject.register_lookup  # related fields look their lookups up apart from Field's
@Field.register_lookup
class InArray(In):
    lookup_name = "in_array"

    def get_prep_lookup(self):
        """A list of ints for an integer column (unit ids) is used as it is: ``In`` would pass
        each of a province's ~600 ids through the field's conversion on every query."""
        field = self.lhs.output_field
        if (
            isinstance(self.rhs, (list, tuple))
            and isinstance(getattr(field, "target_field", field), IntegerField)
            and all(type(value) is int for value in self.rhs)
        ):
            return list(self.rhs)
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
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
