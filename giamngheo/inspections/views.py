"""Pages for inspections: the list, recording one, its team, findings, follow-ups and
assessments of collaborators. Same conventions as ``groups.views``."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.core.audit import today
from giamngheo.core.forms import RecordPages, form_page
from giamngheo.core.history import history_entries
from giamngheo.core.params import id_param
from giamngheo.core.search import posted_search
from giamngheo.groups import selectors as group_selectors

from . import selectors, services
from .catalogues import InspectionSubject
from .forms import (
    AssessmentForm,
    FindingForm,
    FollowUpForm,
    InspectionForm,
    InspectionListFilter,
    TeamMemberForm,
)

# --- inspections -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@posted_search("inspections")
def inspection_list(request):
    inspections = selectors.inspections_visible_to(request.user)
    filters = InspectionListFilter(request.GET, queryset=inspections)
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "page": page,
            "q": filters.value("q"),
            "subject": filters.value("noi_dung"),
            "subjects": InspectionSubject.choices,
            "can_add": can_anywhere(request.user, "inspect"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_add(request):
    require(request.user, "inspect")
    initial = {"held_on": today()}
    if project_pk := id_param(request.GET, "du_an"):
        project = group_selectors.get_project(request.user, project_pk)
        initial.update(
            {
                "commune": project.group.commune,
                "project": project,
                "subject": InspectionSubject.SUPPORT,
            }
        )
    form = InspectionForm(
        request.POST or None,
        initial=initial,
        communes=group_selectors.communes_for(request.user),
        projects=group_selectors.projects_visible_to(request.user).order_by("name"),
        collaborators=group_selectors.collaborators_for(request.user),
    )

    def action(data):
        require(request.user, "inspect", data["commune"])
        return services.record_inspection(by=request.user, **data)

    return form_page(
        request,
        form,
        "groups/form.html",
        {"title": _("Record an inspection"), "back": reverse("inspections:inspection_list")},
        call=action,
        success=_("Inspection recorded."),
        then=lambda i: reverse("inspections:inspection_detail", args=[i.pk]),
    )


@login_required
def inspection_detail(request, pk):
    inspection = selectors.get_inspection(request.user, pk)
    can_inspect = can(request.user, "inspect", inspection.commune)
    collaborators = group_selectors.collaborators_for(request.user)
    detail = selectors.inspection_detail(inspection)
    for finding in detail["findings"]:
        finding.follow_up_form = FollowUpForm(
            auto_id=f"f{finding.pk}-%s", initial={"done_on": today()}
        )
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            **detail,
            "can_inspect": can_inspect,
            "finding_form": FindingForm(
                auto_id="finding-%s",
                households=group_selectors.households_for(request.user, inspection.commune),
            ),
            "team_form": TeamMemberForm(auto_id="team-%s", collaborators=collaborators),
            "assessment_form": AssessmentForm(
                auto_id="assessment-%s",
                initial={"collaborator": inspection.collaborator},
                collaborators=collaborators.filter(commune=inspection.commune),
            ),
            "history": history_entries(inspection),
        },
    )


def _managed_inspection(request, pk):
    inspection = selectors.get_inspection(request.user, pk)
    require(request.user, "inspect", inspection.commune)
    return inspection


def _inspection_page(inspection):
    return reverse("inspections:inspection_detail", args=[inspection.pk])


def _managed_finding(request, pk):
    finding = selectors.get_finding(request.user, pk)
    _managed_inspection(request, finding.inspection_id)
    return finding


_INSPECTION = RecordPages(_managed_inspection, "inspection", _inspection_page, "groups/form.html")
_FINDING = RecordPages(
    _managed_finding, "finding", lambda f: _inspection_page(f.inspection), "groups/form.html"
)

team_add = _INSPECTION.form_view(
    TeamMemberForm,
    services.add_team_member,
    title=lambda inspection: _("Inspection team member"),
    success=gettext_lazy("Team member added."),
    form_args=lambda request, inspection: {
        "collaborators": group_selectors.collaborators_for(request.user)
    },
)
finding_add = _INSPECTION.form_view(
    FindingForm,
    services.record_finding,
    title=lambda inspection: _("Finding of the inspection"),
    success=gettext_lazy("Finding recorded."),
    form_args=lambda request, inspection: {
        "households": group_selectors.households_for(request.user, inspection.commune)
    },
    anchor="#findings",
)
follow_up_add = _FINDING.form_view(
    FollowUpForm,
    services.record_follow_up,
    title=lambda finding: _("Follow-up of a finding"),
    success=gettext_lazy("Follow-up recorded."),
    initial=lambda finding: {"done_on": today()},
    anchor=lambda finding: f"#finding-{finding.pk}",
)
assessment_add = _INSPECTION.form_view(
    AssessmentForm,
    services.assess_collaborator,
    title=lambda inspection: _("Assessment of the collaborator's work"),
    success=gettext_lazy("Assessment recorded."),
    initial=lambda inspection: {"collaborator": inspection.collaborator},
    form_args=lambda request, inspection: {
        "collaborators": group_selectors.collaborators_for(request.user).filter(
            commune=inspection.commune
        )
    },
)
