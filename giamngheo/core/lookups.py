"""``field__in_array=[…]``: ``IN`` for long lists of ids, sent as one array parameter.

On PostgreSQL ``col = ANY(%s::bigint[])`` replaces ``col IN (%s, %s, …)``: one placeholder
instead of hundreds, so Django compiles and psycopg interpolates a short statement however
many ids there are (a province's ~600 units), and PostgreSQL plans it exactly like the ``IN``
list (an index scan on ``(col, …)``). Other databases get the ordinary ``IN``.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


@ForeignObject.register_lookup  # related fields look their lookups up apart from Field's
@Field.register_lookup
class InArray(In):
    lookup_name = "in_array"

    def as_postgresql(self, compiler, connection):
        if not isinstance(self.rhs, (list, tuple, set, frozenset)):
            return self.as_sql(compiler, connection)  # a subquery: plain IN (SELECT …)
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=True) for value in values]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::{field.rel_db_type(connection)}[])", (*lhs_params, values)
