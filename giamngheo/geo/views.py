from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, require
from giamngheo.accounts.scoping import get_scoped_or_404, scoped
from giamngheo.core.forms import add_service_errors, form_page
from giamngheo.core.history import history_entries
from giamngheo.core.import_templates import TemplateColumn, template_response
from giamngheo.core.tabular import RowErrors, read_rows, xlsx_response

from . import services
from .forms import CommuneAreaForm, CommuneListFilter, VillageForm, VillageImportForm
from .models import VILLAGE_KINDS, Kind, Level, Unit
from .selectors import communes_visible_to, villages_of

VILLAGE_COLUMNS = {"name": "Tên thôn", "kind": "Loại"}
# Optional: old lists name the commune (and district, province) as before July 2025.
VILLAGE_UNIT_COLUMNS = {
    "province": "Tỉnh",
    "district": "Huyện",
    "commune": "Xã",
    "new_commune": "Xã mới",
}


@login_required
def commune_list(request):
    filters = CommuneListFilter(request.GET, queryset=communes_visible_to(request.user))
    page = Paginator(filters.qs.order_by("code"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": filters.value("q"), "area": filters.value("khu_vuc")}
    return render(request, "geo/commune_list.html", context)


@login_required
def commune_export(request):
    communes = CommuneListFilter(request.GET, queryset=communes_visible_to(request.user)).qs
    rows = (
        (c.code, c.name, c.get_kind_display(), c.get_area_display(), c.parent.name, c.village_count)
        for c in communes
    )
    headers = [_("Code"), _("Name"), _("Type"), _("Area"), _("Province"), _("Villages")]
    return xlsx_response("don-vi.xlsx", headers, rows, sheet_title=_("Communes"))


@login_required
def unit_detail(request, code):
    unit = get_scoped_or_404(
        Unit.objects.select_related("parent", "successor", "former_district"),
        request.user,
        None,
        code=code,
    )
    context = {
        "unit": unit,
        # The unit above is linked only when the reader may open it (a commune's province is
        # outside a commune officer's area, and a link to it would be a 404).
        "parent_visible": unit.parent_id is not None
        and scoped(Unit.objects.filter(pk=unit.parent_id), request.user, None).exists(),
        "history": history_entries(unit),
        "can_manage": can(request.user, "manage_units", unit),
    }
    if unit.level == Level.COMMUNE:
        context["villages"] = villages_of(unit)
    context["became"] = unit.successors.order_by("code")
    context["formed_from"] = unit.formed_from.filter(
        level__in=[Level.FORMER_COMMUNE, Level.FORMER_PROVINCE]
    ).select_related("parent")
    return render(request, "geo/unit_detail.html", context)


def _commune_for(request, code, capability="manage_units"):
    commune = get_scoped_or_404(
        Unit.objects.filter(level=Level.COMMUNE), request.user, None, code=code
    )
    require(request.user, capability, commune)
    return commune


@login_required
@require_http_methods(["GET", "POST"])
def village_add(request, code):
    commune = _commune_for(request, code)
    return form_page(
        request,
        VillageForm(request.POST or None),
        "geo/village_form.html",
        {"commune": commune},
        call=lambda d: services.add_village(commune=commune, by=request.user, **_village(d)),
        success=lambda village: _("Added %(name)s.") % {"name": village.name},
        then=reverse("geo:unit_detail", args=[commune.code]),
    )


def _village(data: dict) -> dict:
    """The village form's fields the services take (the form's version only for an edit)."""
    return {k: data[k] for k in ("name", "kind", "reason")}


@login_required
@require_http_methods(["GET", "POST"])
def village_edit(request, code):
    village = get_scoped_or_404(
        Unit.objects.filter(level=Level.VILLAGE).select_related("parent"),
        request.user,
        None,
        code=code,
    )
    require(request.user, "manage_units", village)
    initial = {"name": village.name, "kind": village.kind, "version": village.version}
    return form_page(
        request,
        VillageForm(request.POST or None, initial=initial),
        "geo/village_form.html",
        {"commune": village.parent, "village": village},
        call=lambda d: services.update_village(
            village=village, version=d["version"], by=request.user, **_village(d)
        ),
        success=lambda _saved: _("Saved %(name)s.") % {"name": village.name},
        then=reverse("geo:unit_detail", args=[village.parent.code]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commune_area(request, code):
    commune = _commune_for(request, code)
    initial = {"area": commune.area, "version": commune.version}
    return form_page(
        request,
        CommuneAreaForm(request.POST or None, initial=initial),
        "geo/commune_area_form.html",
        {"commune": commune},
        call=lambda d: services.set_commune_area(commune=commune, by=request.user, **d),
        success=_("Saved the area of %(name)s.") % {"name": commune.name},
        then=reverse("geo:unit_detail", args=[commune.code]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def village_import(request, code):
    commune = _commune_for(request, code)
    form = VillageImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_rows(
                form.cleaned_data["file"],
                VILLAGE_COLUMNS | VILLAGE_UNIT_COLUMNS,
                required=list(VILLAGE_COLUMNS.values()),
                kind="villages",
            )
            created = services.import_villages(commune=commune, rows=rows, by=request.user)
        except RowErrors as exc:
            row_errors = exc.rows
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Imported %(count)d villages.") % {"count": len(created)})
            return redirect("geo:unit_detail", code=commune.code)
    return render(
        request,
        "geo/village_import.html",
        {
            "form": form,
            "commune": commune,
            "row_errors": row_errors,
            "columns": VILLAGE_COLUMNS.values(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def village_template(request, code):
    commune = get_scoped_or_404(
        Unit.objects.filter(level=Level.COMMUNE), request.user, None, code=code
    )
    example = [("Thôn 1", Kind.HAMLET.label), ("Tổ dân phố 2", Kind.RESIDENTIAL_GROUP.label)]
    columns = [
        TemplateColumn(VILLAGE_COLUMNS["name"], required=True),
        TemplateColumn(
            VILLAGE_COLUMNS["kind"], tuple(str(k.label) for k in VILLAGE_KINDS), required=True
        ),
    ]
    return template_response(
        f"mau-nhap-thon-{commune.code}.xlsx", columns, example, data_title=_("Villages")
    )
