"""Pages for groups, projects, inspections, periodic reports and communication work.

Thin views: parse the request, check the app's rule over the record's commune (404
outside the user's area, 403 without the role), call one service or selector, render.
Forms posted from a detail page come back on their own page with the errors and what
was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.scoping import current_assignments, get_scoped_or_404, sees_everything
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.forms import add_service_errors
from giamngheo.core.history import history_entries
from giamngheo.core.params import id_param
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response
from giamngheo.geo.models import Level, Unit

from . import selectors, services
from .catalogues import RULES, STATE_SOURCES, InspectionSubject
from .exports import report_response
from .forms import (
    ApproveRulesForm,
    AssessmentForm,
    CommitmentForm,
    CommuneForm,
    DeliverForm,
    DissolveForm,
    FindingForm,
    FollowUpForm,
    FundingForm,
    GoodExampleForm,
    GroupEditForm,
    GroupForm,
    InspectionForm,
    LeaveForm,
    MemberForm,
    MilestoneDoneForm,
    MilestoneForm,
    OutreachForm,
    ProjectForm,
    ProjectStateForm,
    ProposalForm,
    ReportOpenForm,
    ReportTextsForm,
    ResourceForm,
    SupportForm,
    TeamMemberForm,
    TemplateForm,
    WithdrawConsentForm,
)
from .models import GroupState, Membership, Milestone, ProjectState, Support, TemplateField
from .periods import ReportPeriod
from .permissions import allowed, allowed_anywhere, require_rule


def _submit(request, form, action, *, success: str, then, template="groups/form.html", **context):
    """Run ``action(cleaned_data)`` on a valid POST; show the form again on refusal."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = action(form.cleaned_data)
        except EditConflict as exc:
            context["conflict"] = True
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(then(obj) if callable(then) else then)
    return render(request, template, {"form": form, **context})


def _today():
    return timezone.localdate()


# --- groups ----------------------------------------------------------------------------------


# Search terms are posted and kept in the session, never put in a URL (core.search).
_group_search = posted_search("groups")


@login_required
@require_http_methods(["GET", "POST"])
@_group_search
def home(request):
    query = request.GET.get("q", "")
    state = request.GET.get("trang_thai", "")
    groups = selectors.groups_visible_to(request.user, query=query, state=state)
    page = Paginator(groups, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/home.html",
        {
            "page": page,
            "q": query,
            "state": state,
            "states": GroupState.choices,
            "can_add": allowed_anywhere(request.user, "manage_groups"),
        },
    )


@login_required
@_group_search
def group_export(request):
    groups = selectors.groups_visible_to(
        request.user, query=request.GET.get("q", ""), state=request.GET.get("trang_thai", "")
    )
    rows = (
        (
            g.name,
            g.commune.name,
            g.village.name if g.village else "",
            g.formed_on,
            g.get_state_display(),
            g.rules_decision_no,
            g.rules_approved_on,
            g.member_count,
            g.project_count,
            g.leader.head_name if g.leader else "",
            g.advisor.full_name if g.advisor else "",
        )
        for g in groups
    )
    headers = [
        _("Group name"),
        _("Commune"),
        _("Village"),
        _("Formed on"),
        _("State"),
        _("Approval decision number"),
        _("Rules approved on"),
        _("Households"),
        _("Projects"),
        _("Leader"),
        _("Advising collaborator"),
    ]
    return xlsx_response("nhom-ho-tu-quan.xlsx", headers, rows, sheet_title=_("Groups"))


def _chosen_commune(request):
    communes = selectors.communes_for(request.user)
    code = request.GET.get("xa") or request.POST.get("xa")
    if code:
        return get_object_or_404(communes, code=code)
    only = list(communes[:2])
    return only[0] if len(only) == 1 else None


@login_required
@require_http_methods(["GET", "POST"])
def group_add(request):
    if not allowed_anywhere(request.user, "manage_groups"):
        raise PermissionDenied
    commune = _chosen_commune(request)
    if commune is None:
        form = CommuneForm(request.GET or None, communes=selectors.communes_for(request.user))
        return render(request, "groups/choose_commune.html", {"form": form})
    require_rule(request.user, "manage_groups", commune)
    form = GroupForm(
        request.POST or None,
        initial={"formed_on": _today()},
        villages=selectors.villages_for(request.user).filter(parent=commune),
        households=selectors.households_for(request.user, commune),
        eligible=selectors.eligible_households(request.user, commune),
        collaborators=selectors.collaborators_for(request.user).filter(commune=commune),
    )

    def action(data):
        return services.form_group(commune=commune, by=request.user, **data)

    return _submit(
        request,
        form,
        action,
        success=_("Group formed."),
        then=lambda g: reverse("groups:group_detail", args=[g.pk]),
        template="groups/group_form.html",
        commune=commune,
    )


@login_required
def group_detail(request, pk):
    group = selectors.get_group(request.user, pk)
    can_manage = allowed(request.user, "manage_groups", group.commune)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            **selectors.group_detail(group),
            "can_manage": can_manage and group.state != GroupState.DISSOLVED,
            "can_approve": allowed(request.user, "approve_rules", group.commune)
            and group.state == GroupState.FORMING,
            "member_form": MemberForm(
                auto_id="member-%s",
                initial={"joined_on": _today()},
                households=selectors.eligible_households(request.user, group.commune).exclude(
                    group_memberships__group=group, group_memberships__left_on__isnull=True
                ),
            ),
            "approve_form": ApproveRulesForm(
                auto_id="approve-%s", initial={"approved_on": _today()}
            ),
            "history": history_entries(group),
        },
    )


def _managed_group(request, pk, rule="manage_groups"):
    group = selectors.get_group(request.user, pk)
    require_rule(request.user, rule, group.commune)
    return group


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _managed_group(request, pk)
    form = GroupEditForm(
        request.POST or None,
        initial={
            "name": group.name,
            "village": group.village,
            "purpose": group.purpose,
            "leader": group.leader,
            "advisor": group.advisor,
            "rules_summary": group.rules_summary,
            "version": group.version,
        },
        villages=selectors.villages_for(request.user).filter(parent=group.commune),
        members=selectors.group_households(group),
        collaborators=selectors.collaborators_for(request.user).filter(commune=group.commune),
    )

    def action(data):
        fields = {k: data[k] for k in services.GROUP_FIELDS}
        return services.update_group(
            group=group, version=data["version"], by=request.user, reason=data["reason"], **fields
        )

    return _submit(
        request,
        form,
        action,
        success=_("Saved."),
        then=reverse("groups:group_detail", args=[group.pk]),
        title=_("Edit group %(name)s") % {"name": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    group = _managed_group(request, pk)
    form = MemberForm(
        request.POST or None,
        initial={"joined_on": _today()},
        households=selectors.eligible_households(request.user, group.commune),
    )
    return _submit(
        request,
        form,
        lambda d: services.add_member(group=group, by=request.user, **d),
        success=_("Household added to the group."),
        then=reverse("groups:group_detail", args=[group.pk]),
        title=_("Add a household to %(name)s") % {"name": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("group__commune", "household"),
        pk=pk,
        group__in=selectors.groups_visible_to(request.user).values("pk"),
    )
    group = _managed_group(request, membership.group_id)
    form = LeaveForm(request.POST or None, initial={"left_on": _today()})
    return _submit(
        request,
        form,
        lambda d: services.remove_member(membership=membership, by=request.user, **d),
        success=_("The household left the group."),
        then=reverse("groups:group_detail", args=[group.pk]),
        title=_("Household %(household)s leaves %(group)s")
        % {"household": membership.household, "group": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_approve(request, pk):
    group = _managed_group(request, pk, rule="approve_rules")
    form = ApproveRulesForm(request.POST or None, initial={"approved_on": _today()})
    return _submit(
        request,
        form,
        lambda d: services.approve_rules(group=group, by=request.user, **d),
        success=_("The group's rules are approved."),
        then=reverse("groups:group_detail", args=[group.pk]),
        title=_("Approve the rules of %(name)s") % {"name": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_dissolve(request, pk):
    group = _managed_group(request, pk)
    form = DissolveForm(request.POST or None, initial={"on": _today()})
    return _submit(
        request,
        form,
        lambda d: services.dissolve_group(group=group, by=request.user, **d),
        success=_("The group is dissolved."),
        then=reverse("groups:group_detail", args=[group.pk]),
        title=_("Dissolve %(name)s") % {"name": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


# --- projects --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_add(request, pk):
    group = _managed_group(request, pk)
    form = ProjectForm(
        request.POST or None,
        initial={"starts_on": _today()},
        projects=selectors.replicable_projects(request.user),
    )
    return _submit(
        request,
        form,
        lambda d: services.start_project(group=group, by=request.user, **d),
        success=_("Project attached to the group."),
        then=lambda p: reverse("groups:project_detail", args=[p.pk]),
        title=_("New project for %(name)s") % {"name": group.name},
        back=reverse("groups:group_detail", args=[group.pk]),
    )


@login_required
def project_list(request):
    query = request.GET.get("q", "")
    state = request.GET.get("trang_thai", "")
    projects = selectors.projects_visible_to(request.user, query=query, state=state)
    page = Paginator(projects, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/project_list.html",
        {"page": page, "q": query, "state": state, "states": ProjectState.choices},
    )


@login_required
def project_detail(request, pk):
    project = selectors.get_project(request.user, pk)
    group = project.group
    can_manage = allowed(request.user, "manage_groups", group.commune)
    open_project = project.state in (ProjectState.PLANNED, ProjectState.RUNNING)
    detail = selectors.project_detail(project)
    return render(
        request,
        "groups/project_detail.html",
        {
            "project": project,
            "group": group,
            **detail,
            "results": selectors.project_results(project),
            "state_sources": STATE_SOURCES,
            "can_manage": can_manage,
            "can_change": can_manage and open_project,
            "can_inspect": allowed_anywhere(request.user, "inspect"),
            "funding_form": FundingForm(auto_id="funding-%s"),
            "support_form": SupportForm(
                auto_id="support-%s",
                initial={"delivered_on": _today()},
                households=selectors.group_households(group),
            ),
            "commitment_form": CommitmentForm(
                auto_id="commitment-%s", initial={"signed_on": _today()}
            ),
            "milestone_form": MilestoneForm(auto_id="milestone-%s"),
            "history": history_entries(project),
        },
    )


def _managed_project(request, pk):
    project = selectors.get_project(request.user, pk)
    require_rule(request.user, "manage_groups", project.group.commune)
    return project


def _project_page(project):
    return reverse("groups:project_detail", args=[project.pk])


@login_required
@require_http_methods(["GET", "POST"])
def funding_add(request, pk):
    project = _managed_project(request, pk)
    return _submit(
        request,
        FundingForm(request.POST or None),
        lambda d: services.set_funding(project=project, by=request.user, **d),
        success=_("Funding recorded."),
        then=_project_page(project),
        title=_("Funding of %(name)s") % {"name": project.name},
        back=_project_page(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_add(request, pk):
    project = _managed_project(request, pk)
    form = SupportForm(request.POST or None, households=selectors.group_households(project.group))
    return _submit(
        request,
        form,
        lambda d: services.add_support(project=project, by=request.user, **d),
        success=_("Support recorded."),
        then=_project_page(project) + "#support",
        title=_("Support to a household of %(name)s") % {"name": project.name},
        back=_project_page(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_deliver(request, pk):
    support = get_object_or_404(
        Support.objects.select_related("project__group__commune"),
        pk=pk,
        project__in=selectors.projects_visible_to(request.user).values("pk"),
    )
    project = _managed_project(request, support.project_id)
    return _submit(
        request,
        DeliverForm(request.POST or None, initial={"delivered_on": _today()}),
        lambda d: services.deliver_support(support=support, by=request.user, **d),
        success=_("Support delivered."),
        then=_project_page(project) + "#support",
        title=_("Deliver: %(support)s") % {"support": support},
        back=_project_page(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment(request, pk):
    project = _managed_project(request, pk)
    form = CommitmentForm(
        request.POST or None,
        initial={
            "text": project.commitment_text,
            "signed_on": project.commitment_signed_on or _today(),
        },
    )
    return _submit(
        request,
        form,
        lambda d: services.sign_commitment(project=project, by=request.user, **d),
        success=_("Commitment recorded."),
        then=_project_page(project),
        title=_("The group's commitment for %(name)s") % {"name": project.name},
        back=_project_page(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request, pk):
    project = _managed_project(request, pk)
    return _submit(
        request,
        MilestoneForm(request.POST or None),
        lambda d: services.add_milestone(project=project, by=request.user, **d),
        success=_("Milestone planned."),
        then=_project_page(project),
        title=_("Milestone of %(name)s") % {"name": project.name},
        back=_project_page(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_done(request, pk):
    milestone = get_object_or_404(
        Milestone.objects.select_related("project"),
        pk=pk,
        project__in=selectors.projects_visible_to(request.user).values("pk"),
    )
    project = _managed_project(request, milestone.project_id)
    return _submit(
        request,
        MilestoneDoneForm(request.POST or None, initial={"done_on": _today()}),
        lambda d: services.complete_milestone(milestone=milestone, by=request.user, **d),
        success=_("Milestone reached."),
        then=_project_page(project),
        title=_("Milestone reached: %(title)s") % {"title": milestone.title},
        back=_project_page(project),
    )


PROJECT_ACTIONS = {"bat-dau": "start", "hoan-thanh": "complete", "huy": "cancel"}


@login_required
@require_http_methods(["GET", "POST"])
def project_state(request, pk, action):
    if action not in PROJECT_ACTIONS:
        raise Http404
    project = _managed_project(request, pk)
    labels = {"start": _("Start"), "complete": _("Complete"), "cancel": _("Cancel the project")}
    name = PROJECT_ACTIONS[action]
    return _submit(
        request,
        ProjectStateForm(request.POST or None),
        lambda d: services.change_project_state(project=project, action=name, by=request.user, **d),
        success=_("The project is now: %(state)s.")
        % {"state": dict(ProjectState.choices)[services.PROJECT_TRANSITIONS[name][1]]},
        then=_project_page(project),
        title=f"{labels[name]}: {project.name}",
        back=_project_page(project),
    )


# --- inspections -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@posted_search("inspections")
def inspection_list(request):
    query = request.GET.get("q", "")
    subject = request.GET.get("noi_dung", "")
    inspections = selectors.inspections_visible_to(request.user, query=query, subject=subject)
    page = Paginator(inspections, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/inspection_list.html",
        {
            "page": page,
            "q": query,
            "subject": subject,
            "subjects": InspectionSubject.choices,
            "can_add": allowed_anywhere(request.user, "inspect"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_add(request):
    if not allowed_anywhere(request.user, "inspect"):
        raise PermissionDenied
    initial = {"held_on": _today()}
    if project_pk := id_param(request.GET, "du_an"):
        project = selectors.get_project(request.user, project_pk)
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
        communes=selectors.communes_for(request.user),
        projects=selectors.projects_visible_to(request.user).order_by("name"),
        collaborators=selectors.collaborators_for(request.user),
    )

    def action(data):
        require_rule(request.user, "inspect", data["commune"])
        return services.record_inspection(by=request.user, **data)

    return _submit(
        request,
        form,
        action,
        success=_("Inspection recorded."),
        then=lambda i: reverse("groups:inspection_detail", args=[i.pk]),
        title=_("Record an inspection"),
        back=reverse("groups:inspection_list"),
    )


@login_required
def inspection_detail(request, pk):
    inspection = selectors.get_inspection(request.user, pk)
    can_inspect = allowed(request.user, "inspect", inspection.commune)
    collaborators = selectors.collaborators_for(request.user)
    detail = selectors.inspection_detail(inspection)
    for finding in detail["findings"]:
        finding.follow_up_form = FollowUpForm(
            auto_id=f"f{finding.pk}-%s", initial={"done_on": _today()}
        )
    return render(
        request,
        "groups/inspection_detail.html",
        {
            "inspection": inspection,
            **detail,
            "can_inspect": can_inspect,
            "finding_form": FindingForm(
                auto_id="finding-%s",
                households=selectors.households_for(request.user, inspection.commune),
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
    require_rule(request.user, "inspect", inspection.commune)
    return inspection


def _inspection_page(inspection):
    return reverse("groups:inspection_detail", args=[inspection.pk])


@login_required
@require_http_methods(["GET", "POST"])
def team_add(request, pk):
    inspection = _managed_inspection(request, pk)
    return _submit(
        request,
        TeamMemberForm(
            request.POST or None, collaborators=selectors.collaborators_for(request.user)
        ),
        lambda d: services.add_team_member(inspection=inspection, by=request.user, **d),
        success=_("Team member added."),
        then=_inspection_page(inspection),
        title=_("Inspection team member"),
        back=_inspection_page(inspection),
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_add(request, pk):
    inspection = _managed_inspection(request, pk)
    form = FindingForm(
        request.POST or None,
        households=selectors.households_for(request.user, inspection.commune),
    )
    return _submit(
        request,
        form,
        lambda d: services.record_finding(inspection=inspection, by=request.user, **d),
        success=_("Finding recorded."),
        then=_inspection_page(inspection) + "#findings",
        title=_("Finding of the inspection"),
        back=_inspection_page(inspection),
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_add(request, pk):
    finding = selectors.get_finding(request.user, pk)
    inspection = _managed_inspection(request, finding.inspection_id)
    return _submit(
        request,
        FollowUpForm(request.POST or None, initial={"done_on": _today()}),
        lambda d: services.record_follow_up(finding=finding, by=request.user, **d),
        success=_("Follow-up recorded."),
        then=_inspection_page(inspection) + f"#finding-{finding.pk}",
        title=_("Follow-up of a finding"),
        back=_inspection_page(inspection),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request, pk):
    inspection = _managed_inspection(request, pk)
    form = AssessmentForm(
        request.POST or None,
        initial={"collaborator": inspection.collaborator},
        collaborators=selectors.collaborators_for(request.user).filter(commune=inspection.commune),
    )
    return _submit(
        request,
        form,
        lambda d: services.assess_collaborator(inspection=inspection, by=request.user, **d),
        success=_("Assessment recorded."),
        then=_inspection_page(inspection),
        title=_("Assessment of the collaborator's work"),
        back=_inspection_page(inspection),
    )


# --- periodic reports ------------------------------------------------------------------------


def _offices_for(user):
    if sees_everything(user):
        return Unit.objects.filter(level=Level.PROVINCE).order_by("name")
    pks = [a.unit_id for a in current_assignments(user) if a.role in RULES["define_reports"]]
    return Unit.objects.filter(pk__in=pks).order_by("name")


@login_required
def template_list(request):
    return render(
        request,
        "groups/template_list.html",
        {
            "templates": selectors.templates_visible_to(request.user),
            "can_define": _offices_for(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_add(request):
    offices = _offices_for(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = TemplateForm(request.POST or None, offices=offices)

    def action(data):
        require_rule(request.user, "define_reports", data["office"])
        return services.define_template(
            office=data["office"],
            name=data["name"],
            period_kind=data["period_kind"],
            measures=data["measures"],
            texts=data["texts"].splitlines(),
            by=request.user,
        )

    return _submit(
        request,
        form,
        action,
        success=_("Template saved."),
        then=lambda t: reverse("groups:template_detail", args=[t.pk]),
        title=_("New report template"),
        back=reverse("groups:template_list"),
    )


@login_required
def template_detail(request, pk):
    template = selectors.get_template(request.user, pk)
    units = selectors.reporting_units_for(request.user)
    form = ReportOpenForm(
        request.GET or None,
        units=units,
        initial={"period": ReportPeriod.of(template.period_kind, _today()).previous().slug},
    )
    if request.GET and form.is_valid():
        try:
            period = ReportPeriod.parse(template.period_kind, form.cleaned_data["period"])
        except ValueError:
            form.add_error("period", _("Write the period as the example shows."))
        else:
            return redirect(
                "groups:report",
                pk=template.pk,
                unit=form.cleaned_data["unit"].code,
                period=period.slug,
            )
    return render(
        request,
        "groups/template_detail.html",
        {
            "template": template,
            "fields": selectors.template_lines(template),
            "form": form,
            "can_define": allowed(request.user, "define_reports", template.office),
            "history": history_entries(template),
        },
    )


@login_required
@require_POST
def field_move(request, pk, direction):
    field = get_object_or_404(TemplateField.objects.select_related("template__office"), pk=pk)
    template = selectors.get_template(request.user, field.template_id)
    require_rule(request.user, "define_reports", template.office)
    services.move_field(field=field, up=direction == "len", by=request.user)
    return redirect("groups:template_detail", pk=template.pk)


def _report_target(request, pk, unit, period):
    template = selectors.get_template(request.user, pk)
    unit = get_scoped_or_404(
        Unit.objects.filter(level__in=[Level.COMMUNE, Level.PROVINCE]),
        request.user,
        None,
        code=unit,
    )
    try:
        period = ReportPeriod.parse(template.period_kind, period)
    except ValueError as exc:
        raise Http404 from exc
    return template, unit, period


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, unit, period):
    template, unit, period = _report_target(request, pk, unit, period)
    saved = selectors.get_report(template, unit, period)
    lines = selectors.report_lines(template, unit, period, saved)
    can_fill = allowed(request.user, "fill_reports", unit)
    form = ReportTextsForm(
        request.POST or None,
        lines=lines,
        initial={"version": saved.version if saved else None},
    )
    conflict = False
    if request.method == "POST":
        if not can_fill:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_report_texts(
                    template=template,
                    unit=unit,
                    period=period,
                    texts=form.texts(),
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except EditConflict as exc:
                conflict = True
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Report saved."))
                return redirect("groups:report", pk=template.pk, unit=unit.code, period=period.slug)
    return render(
        request,
        "groups/report.html",
        {
            "template": template,
            "unit": unit,
            "period": period,
            "previous": period.previous(),
            "lines": lines,
            "form": form,
            "conflict": conflict,
            "can_fill": can_fill,
            "saved": saved,
            "history": history_entries(saved) if saved else [],
        },
    )


@login_required
def report_export(request, pk, unit, period):
    template, unit, period = _report_target(request, pk, unit, period)
    saved = selectors.get_report(template, unit, period)
    return report_response(
        template, unit, period, selectors.report_lines(template, unit, period, saved)
    )


# --- communication ---------------------------------------------------------------------------


@login_required
def communication(request):
    user = request.user
    return render(
        request,
        "groups/communication.html",
        {
            "sessions": selectors.outreach_visible_to(user)[:30],
            "examples": selectors.examples_visible_to(user)[:30],
            "resources": selectors.resources_visible_to(user)[:30],
            "proposals": selectors.proposals_visible_to(user)[:30],
            "can_add": allowed_anywhere(user, "communicate"),
        },
    )


def _communicate(request, form, action, *, success, title, then=None):
    if not allowed_anywhere(request.user, "communicate"):
        raise PermissionDenied

    def checked(data):
        require_rule(request.user, "communicate", data["commune"])
        return action(data)

    return _submit(
        request,
        form,
        checked,
        success=success,
        then=then or reverse("groups:communication"),
        title=title,
        back=reverse("groups:communication"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_add(request):
    form = OutreachForm(
        request.POST or None,
        initial={"held_on": _today()},
        communes=selectors.communes_for(request.user),
        villages=selectors.villages_for(request.user),
        collaborators=selectors.collaborators_for(request.user),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_outreach(by=request.user, **d),
        success=_("Session recorded."),
        title=_("Dissemination session"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def example_add(request):
    form = GoodExampleForm(
        request.POST or None,
        request.FILES or None,
        communes=selectors.communes_for(request.user),
        households=selectors.households_for(request.user),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_good_example(by=request.user, **d),
        success=_("Good example recorded."),
        title=_("Good example"),
        then=lambda e: reverse("groups:example_detail", args=[e.pk]),
    )


@login_required
def example_detail(request, pk):
    example = selectors.get_example(request.user, pk)
    return render(
        request,
        "groups/example_detail.html",
        {
            "example": example,
            "can_change": allowed(request.user, "communicate", example.commune),
            "history": history_entries(example),
        },
    )


@login_required
def example_photo(request, pk):
    """The photo, to people of the area only, and only while consent is recorded."""
    example = selectors.get_example(request.user, pk)
    if not example.photo or not example.consent_by or not example.consent_on:
        raise Http404
    try:
        handle = example.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle)
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    example = selectors.get_example(request.user, pk)
    require_rule(request.user, "communicate", example.commune)
    return _submit(
        request,
        WithdrawConsentForm(request.POST or None),
        lambda d: services.withdraw_consent(example=example, by=request.user, **d),
        success=_("Consent withdrawn; the photo was deleted."),
        then=reverse("groups:example_detail", args=[example.pk]),
        title=_("Withdraw consent for the photo"),
        back=reverse("groups:example_detail", args=[example.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_add(request):
    form = ResourceForm(
        request.POST or None,
        initial={"received_on": _today()},
        communes=selectors.communes_for(request.user),
        projects=selectors.projects_visible_to(request.user).order_by("name"),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_resources(by=request.user, **d),
        success=_("Resources recorded."),
        title=_("Resources mobilised"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request):
    form = ProposalForm(
        request.POST or None,
        initial={"proposed_on": _today()},
        communes=selectors.communes_for(request.user),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_proposal(by=request.user, **d),
        success=_("Proposal recorded."),
        title=_("Policy proposal"),
    )
