"""The register's export, written by the worker (core.exports): a province has a million rows."""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.exports import Export, register

from .models import Household, Member
from .selectors import household_filter

COLUMNS = (
    "code", "head_name", "village__name", "commune__name", "status", "status_year",
    "income_per_capita", "assessed_category", "deprived_count", "member_count", "address", "phone",
)  # fmt: skip


def headers() -> list:
    return [_("Household code"), _("Head of household"), _("Village"), _("Commune"), _("Status"), _("Year"),
            _("Income per person per month"), _("Assessed category"), _("Deprived indicators"), _("Members"),
            _("Address"), _("Phone")]  # fmt: skip


def rows(user, params):
    """The filtered list as the user sees it, streamed from a server-side cursor."""
    filterset = household_filter(user, params)
    queryset = filterset.qs
    # A correlated count reads each household's members by index; a JOIN + GROUP BY over a
    # province would sort millions of member rows first.
    members = (
        Member.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    values = queryset.annotate(member_count=Subquery(members)).values_list(*COLUMNS)
    labels = {k: str(v) for k, v in Household._meta.get_field("status").flatchoices}

    def generate():
        for c, h, v, cm, s, y, i, a, d, m, ad, p in values.iterator(chunk_size=5000):
            yield c, h, v, cm, labels.get(s, s), y, i, a, d, m or 0, ad, p

    return queryset.count(), generate()


HOUSEHOLDS = register(
    Export(
        kind="households",
        filename="ho-gia-dinh.xlsx",
        sheet_title=gettext_lazy("Households"),
        headers=headers,
        rows=rows,
    )
)
