"""Pages for self-managed groups and their projects.

Thin views: parse the request, check the app's rule over the record's commune (404
outside the user's area, 403 without the role), call one service or selector, render.
Forms posted from a detail page come back on their own page with the errors and what
was typed.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.core.audit import today
from giamngheo.core.forms import RecordPages, form_page
from giamngheo.core.history import history_entries
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response

from . import selectors, services
from .catalogues import STATE_SOURCES
from .forms import (
    ApproveRulesForm,
    CommitmentForm,
    CommuneForm,
    DeliverForm,
    DissolveForm,
    FundingForm,
    GroupEditForm,
    GroupForm,
    GroupListFilter,
    LeaveForm,
    MemberForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProjectForm,
    ProjectListFilter,
    ProjectStateForm,
    SupportForm,
)
from .models import GroupState, Membership, Milestone, ProjectState, Support
from .workflow import PROJECTS

# --- groups ----------------------------------------------------------------------------------


# Search terms are posted and kept in the session, never put in a URL (core.search).
_group_search = posted_search("groups")


@login_required
@require_http_methods(["GET", "POST"])
@_group_search
def home(request):
    filters = GroupListFilter(request.GET, queryset=selectors.groups_visible_to(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/home.html",
        {
            "page": page,
            "q": filters.value("q"),
            "state": filters.value("trang_thai"),
            "states": GroupState.choices,
            "can_add": can_anywhere(request.user, "manage_groups"),
        },
    )


@login_required
@_group_search
def group_export(request):
    groups = GroupListFilter(request.GET, queryset=selectors.groups_visible_to(request.user)).qs
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
    require(request.user, "manage_groups")
    commune = _chosen_commune(request)
    if commune is None:
        form = CommuneForm(request.GET or None, communes=selectors.communes_for(request.user))
        return render(request, "groups/choose_commune.html", {"form": form})
    require(request.user, "manage_groups", commune)
    form = GroupForm(
        request.POST or None,
        initial={"formed_on": today()},
        villages=selectors.villages_for(request.user).filter(parent=commune),
        households=selectors.households_for(request.user, commune),
        eligible=selectors.eligible_households(request.user, commune),
        collaborators=selectors.collaborators_for(request.user).filter(commune=commune),
    )

    def action(data):
        return services.form_group(commune=commune, by=request.user, **data)

    return form_page(
        request,
        form,
        "groups/group_form.html",
        {"commune": commune},
        call=action,
        success=_("Group formed."),
        then=lambda g: reverse("groups:group_detail", args=[g.pk]),
    )


@login_required
def group_detail(request, pk):
    group = selectors.get_group(request.user, pk)
    can_manage = can(request.user, "manage_groups", group.commune)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            **selectors.group_detail(group),
            "can_manage": can_manage and group.state != GroupState.DISSOLVED,
            "can_approve": can(request.user, "approve_rules", group.commune)
            and group.state == GroupState.FORMING,
            "member_form": MemberForm(
                auto_id="member-%s",
                initial={"joined_on": today()},
                households=selectors.eligible_households(request.user, group.commune).exclude(
                    group_memberships__group=group, group_memberships__left_on__isnull=True
                ),
            ),
            "approve_form": ApproveRulesForm(
                auto_id="approve-%s", initial={"approved_on": today()}
            ),
            "history": history_entries(group),
        },
    )


def _managed_group(request, pk, rule="manage_groups"):
    group = selectors.get_group(request.user, pk)
    require(request.user, rule, group.commune)
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

    return form_page(
        request,
        form,
        "groups/form.html",
        {
            "title": _("Edit group %(name)s") % {"name": group.name},
            "back": reverse("groups:group_detail", args=[group.pk]),
        },
        call=action,
        success=_("Saved."),
        then=reverse("groups:group_detail", args=[group.pk]),
    )


def _group_page(group):
    return reverse("groups:group_detail", args=[group.pk])


def _managed_membership(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("group__commune", "household"),
        pk=pk,
        group__in=selectors.groups_visible_to(request.user).values("pk"),
    )
    _managed_group(request, membership.group_id)
    return membership


_GROUP = RecordPages(_managed_group, "group", _group_page, "groups/form.html")
_GROUP_RULES = RecordPages(
    lambda request, pk: _managed_group(request, pk, rule="approve_rules"),
    "group",
    _group_page,
    "groups/form.html",
)
_MEMBERSHIP = RecordPages(
    _managed_membership, "membership", lambda m: _group_page(m.group), "groups/form.html"
)

member_add = _GROUP.form_view(
    MemberForm,
    services.add_member,
    title=lambda group: _("Add a household to %(name)s") % {"name": group.name},
    success=gettext_lazy("Household added to the group."),
    initial=lambda group: {"joined_on": today()},
    form_args=lambda request, group: {
        "households": selectors.eligible_households(request.user, group.commune)
    },
)
member_leave = _MEMBERSHIP.form_view(
    LeaveForm,
    services.remove_member,
    title=lambda m: (
        _("Household %(household)s leaves %(group)s")
        % {"household": m.household, "group": m.group.name}
    ),
    success=gettext_lazy("The household left the group."),
    initial=lambda m: {"left_on": today()},
)
rules_approve = _GROUP_RULES.form_view(
    ApproveRulesForm,
    services.approve_rules,
    title=lambda group: _("Approve the rules of %(name)s") % {"name": group.name},
    success=gettext_lazy("The group's rules are approved."),
    initial=lambda group: {"approved_on": today()},
)
group_dissolve = _GROUP.form_view(
    DissolveForm,
    services.dissolve_group,
    title=lambda group: _("Dissolve %(name)s") % {"name": group.name},
    success=gettext_lazy("The group is dissolved."),
    initial=lambda group: {"on": today()},
)


# --- projects --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_add(request, pk):
    group = _managed_group(request, pk)
    form = ProjectForm(
        request.POST or None,
        initial={"starts_on": today()},
        projects=selectors.replicable_projects(request.user),
    )
    return form_page(
        request,
        form,
        "groups/form.html",
        {
            "title": _("New project for %(name)s") % {"name": group.name},
            "back": reverse("groups:group_detail", args=[group.pk]),
        },
        call=lambda d: services.start_project(group=group, by=request.user, **d),
        success=_("Project attached to the group."),
        then=lambda p: reverse("groups:project_detail", args=[p.pk]),
    )


@login_required
def project_list(request):
    filters = ProjectListFilter(request.GET, queryset=selectors.projects_visible_to(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/project_list.html",
        {
            "page": page,
            "q": filters.value("q"),
            "state": filters.value("trang_thai"),
            "states": ProjectState.choices,
        },
    )


@login_required
def project_detail(request, pk):
    project = selectors.get_project(request.user, pk)
    group = project.group
    can_manage = can(request.user, "manage_groups", group.commune)
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
            "can_inspect": can_anywhere(request.user, "inspect"),
            "funding_form": FundingForm(auto_id="funding-%s"),
            "support_form": SupportForm(
                auto_id="support-%s",
                initial={"delivered_on": today()},
                households=selectors.group_households(group),
            ),
            "commitment_form": CommitmentForm(
                auto_id="commitment-%s", initial={"signed_on": today()}
            ),
            "milestone_form": MilestoneForm(auto_id="milestone-%s"),
            "history": history_entries(project),
        },
    )


def _managed_project(request, pk):
    project = selectors.get_project(request.user, pk)
    require(request.user, "manage_groups", project.group.commune)
    return project


def _project_page(project):
    return reverse("groups:project_detail", args=[project.pk])


def _managed_support(request, pk):
    support = get_object_or_404(
        Support.objects.select_related("project__group__commune"),
        pk=pk,
        project__in=selectors.projects_visible_to(request.user).values("pk"),
    )
    _managed_project(request, support.project_id)
    return support


def _managed_milestone(request, pk):
    milestone = get_object_or_404(
        Milestone.objects.select_related("project"),
        pk=pk,
        project__in=selectors.projects_visible_to(request.user).values("pk"),
    )
    _managed_project(request, milestone.project_id)
    return milestone


_PROJECT = RecordPages(_managed_project, "project", _project_page, "groups/form.html")
_SUPPORT = RecordPages(
    _managed_support, "support", lambda s: _project_page(s.project), "groups/form.html"
)
_MILESTONE = RecordPages(
    _managed_milestone, "milestone", lambda m: _project_page(m.project), "groups/form.html"
)

funding_add = _PROJECT.form_view(
    FundingForm,
    services.set_funding,
    title=lambda project: _("Funding of %(name)s") % {"name": project.name},
    success=gettext_lazy("Funding recorded."),
)
support_add = _PROJECT.form_view(
    SupportForm,
    services.add_support,
    title=lambda project: _("Support to a household of %(name)s") % {"name": project.name},
    success=gettext_lazy("Support recorded."),
    form_args=lambda request, project: {"households": selectors.group_households(project.group)},
    anchor="#support",
)
support_deliver = _SUPPORT.form_view(
    DeliverForm,
    services.deliver_support,
    title=lambda support: _("Deliver: %(support)s") % {"support": support},
    success=gettext_lazy("Support delivered."),
    initial=lambda support: {"delivered_on": today()},
    anchor="#support",
)
commitment = _PROJECT.form_view(
    CommitmentForm,
    services.sign_commitment,
    title=lambda project: _("The group's commitment for %(name)s") % {"name": project.name},
    success=gettext_lazy("Commitment recorded."),
    initial=lambda project: {
        "text": project.commitment_text,
        "signed_on": project.commitment_signed_on or today(),
    },
)
milestone_add = _PROJECT.form_view(
    MilestoneForm,
    services.add_milestone,
    title=lambda project: _("Milestone of %(name)s") % {"name": project.name},
    success=gettext_lazy("Milestone planned."),
)
milestone_done = _MILESTONE.form_view(
    MilestoneDoneForm,
    services.complete_milestone,
    title=lambda milestone: _("Milestone reached: %(title)s") % {"title": milestone.title},
    success=gettext_lazy("Milestone reached."),
    initial=lambda milestone: {"done_on": today()},
)


PROJECT_ACTIONS = {"bat-dau": "start", "hoan-thanh": "complete", "huy": "cancel"}


@login_required
@require_http_methods(["GET", "POST"])
def project_state(request, pk, action):
    if action not in PROJECT_ACTIONS:
        raise Http404
    project = _managed_project(request, pk)
    transition = PROJECTS[PROJECT_ACTIONS[action]]
    return form_page(
        request,
        ProjectStateForm(request.POST or None),
        "groups/form.html",
        {"title": f"{transition.label}: {project.name}", "back": _project_page(project)},
        call=lambda d: services.change_project_state(
            project=project, action=transition.action, by=request.user, **d
        ),
        success=_("The project is now: %(state)s.")
        % {"state": PROJECTS.state_label(transition.target)},
        then=_project_page(project),
    )
