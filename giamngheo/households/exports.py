"""The register's export, written by the worker (core.exports): a province has a million rows."""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.accounts.personal_data import area_unit, citizen_id_masker, record_read
from giamngheo.core.exports import Export, register

from .assessment import CATEGORY_LABELS
from .models import Household, Member, Relation
from .selectors import household_filter

COLUMNS = (
    "code", "head_name", "village__name", "commune__name", "status", "status_year",
    "income_per_capita", "assessed_category", "deprived_count", "member_count", "address", "phone",
    "head_cccd", "commune__path",
)  # fmt: skip


def headers() -> list:
    return [_("Household code"), _("Head of household"), _("Village"), _("Commune"), _("Status"), _("Year"),
            _("Income per person per month"), _("Assessed category"), _("Deprived indicators"), _("Members"),
            _("Address"), _("Phone"), _("Citizen ID of the head")]  # fmt: skip


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
    # One head per household (a unique partial index); without order_by() the members' default
    # ordering (by household code) added a JOIN and a sort to each of the million lookups.
    head_cccd = (
        Member.objects.filter(household=OuterRef("pk"), relation=Relation.HEAD)
        .order_by()
        .values("citizen_id")[:1]
    )
    values = queryset.annotate(
        member_count=Subquery(members), head_cccd=Subquery(head_cccd)
    ).values_list(*COLUMNS)
    labels = {k: str(v) for k, v in Household._meta.get_field("status").flatchoices}
    # The engine's categories in words (never POOR / AVERAGE / NOT_POOR in an office's file).
    categories = {k: str(v) for k, v in CATEGORY_LABELS.items()}
    # Citizen IDs by need to know (accounts.personal_data): masked for roles that may not see them.
    show = citizen_id_masker(user)
    form = filterset.form
    cleaned = getattr(form, "cleaned_data", {}) if form.is_valid() else {}

    def generate():
        exported = 0
        for c, h, v, cm, s, y, i, a, d, m, ad, p, cid, path in values.iterator(chunk_size=20000):
            exported += 1
            category = categories.get(a, a)
            yield c, h, v, cm, labels.get(s, s), y, i, category, d, m or 0, ad, p, show(cid, path)
        # The read audit counts what was actually written, once the last row has gone out.
        record_read(
            user=user,
            action=PersonalDataRead.Action.EXPORT,
            unit=area_unit(user, cleaned.get("village"), cleaned.get("commune")),
            subject="ho-gia-dinh.xlsx",
            count=exported,
        )

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
