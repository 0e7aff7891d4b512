"""Pages of the periodic reports: templates, their lines, a unit's report for a period
(screen and .xlsx). Served under /nhom-ho/bao-cao/ as before the app was split; same
conventions as ``groups.views``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, require, roots_where
from giamngheo.accounts.scoping import get_scoped_or_404
from giamngheo.core.audit import today
from giamngheo.core.forms import form_page
from giamngheo.core.history import history_entries
from giamngheo.core.periods import Period
from giamngheo.geo.models import Level, Unit

from . import periodic
from .models import TemplateField
from .periodic_exports import report_response
from .periodic_forms import ReportOpenForm, ReportTextsForm, TemplateForm


def _offices_for(user):
    """The offices whose templates the user may define: the units of their office roles."""
    roots = roots_where(user, "define_reports")
    if roots is None:
        return Unit.objects.filter(level=Level.PROVINCE).order_by("name")
    return Unit.objects.filter(path__in=roots).order_by("name")


@login_required
def template_list(request):
    return render(
        request,
        "reports/periodic/template_list.html",
        {
            "templates": periodic.templates_visible_to(request.user),
            "can_define": _offices_for(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_add(request):
    require(request.user, "define_reports")
    offices = _offices_for(request.user)
    form = TemplateForm(request.POST or None, offices=offices)

    def action(data):
        require(request.user, "define_reports", data["office"])
        return periodic.define_template(
            office=data["office"],
            name=data["name"],
            period_kind=data["period_kind"],
            measures=data["measures"],
            texts=data["texts"].splitlines(),
            by=request.user,
        )

    return form_page(
        request,
        form,
        "groups/form.html",
        {"title": _("New report template"), "back": reverse("periodic:template_list")},
        call=action,
        success=_("Template saved."),
        then=lambda t: reverse("periodic:template_detail", args=[t.pk]),
    )


@login_required
def template_detail(request, pk):
    template = periodic.get_template(request.user, pk)
    units = periodic.reporting_units_for(request.user)
    form = ReportOpenForm(
        request.GET or None,
        units=units,
        initial={"period": Period.of(template.period_kind, today()).previous().slug},
    )
    if request.GET and form.is_valid():
        try:
            period = Period.parse(form.cleaned_data["period"], [template.period_kind])
        except ValueError:
            form.add_error("period", _("Write the period as the example shows."))
        else:
            return redirect(
                "periodic:report",
                pk=template.pk,
                unit=form.cleaned_data["unit"].code,
                period=period.slug,
            )
    return render(
        request,
        "reports/periodic/template_detail.html",
        {
            "template": template,
            "fields": periodic.template_lines(template),
            "form": form,
            "can_define": can(request.user, "define_reports", template.office),
            "history": history_entries(template),
        },
    )


@login_required
@require_POST
def field_move(request, pk, direction):
    field = get_object_or_404(TemplateField.objects.select_related("template__office"), pk=pk)
    template = periodic.get_template(request.user, field.template_id)
    require(request.user, "define_reports", template.office)
    periodic.move_field(field=field, up=direction == "len", by=request.user)
    return redirect("periodic:template_detail", pk=template.pk)


def _report_target(request, pk, unit, period):
    template = periodic.get_template(request.user, pk)
    unit = get_scoped_or_404(
        Unit.objects.filter(level__in=[Level.COMMUNE, Level.PROVINCE]),
        request.user,
        None,
        code=unit,
    )
    try:
        period = Period.parse(period, [template.period_kind])
    except ValueError as exc:
        raise Http404 from exc
    return template, unit, period


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, unit, period):
    template, unit, period = _report_target(request, pk, unit, period)
    saved = periodic.get_report(template, unit, period)
    lines = periodic.report_lines(template, unit, period, saved)
    can_fill = can(request.user, "fill_reports", unit)
    form = ReportTextsForm(
        request.POST or None,
        lines=lines,
        initial={"version": saved.version if saved else None},
    )
    if request.method == "POST":
        require(request.user, "fill_reports", unit)

    def save(data):
        return periodic.save_report_texts(
            template=template,
            unit=unit,
            period=period,
            texts=form.texts(),
            version=data["version"],
            by=request.user,
        )

    context = {
        "template": template,
        "unit": unit,
        "period": period,
        "previous": period.previous(),
        "lines": lines,
        "can_fill": can_fill,
        "saved": saved,
        "history": history_entries(saved) if saved else [],
    }
    here = reverse("periodic:report", args=[template.pk, unit.code, period.slug])
    return form_page(
        request,
        form,
        "reports/periodic/report.html",
        context,
        call=save,
        success=_("Report saved."),
        then=here,
    )


@login_required
def report_export(request, pk, unit, period):
    template, unit, period = _report_target(request, pk, unit, period)
    saved = periodic.get_report(template, unit, period)
    return report_response(
        template, unit, period, periodic.report_lines(template, unit, period, saved)
    )
