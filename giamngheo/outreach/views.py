"""Pages for communication work. Same conventions as ``groups.views``; the photo of a good
example is served only by a view, to people of the area, while consent is recorded."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.core.audit import today
from giamngheo.core.forms import form_page
from giamngheo.core.history import history_entries
from giamngheo.groups import selectors as group_selectors

from . import selectors, services
from .forms import GoodExampleForm, OutreachForm, ProposalForm, ResourceForm, WithdrawConsentForm

# --- communication ---------------------------------------------------------------------------


@login_required
def communication(request):
    user = request.user
    return render(
        request,
        "outreach/communication.html",
        {
            "sessions": selectors.outreach_visible_to(user)[:30],
            "examples": selectors.examples_visible_to(user)[:30],
            "resources": selectors.resources_visible_to(user)[:30],
            "proposals": selectors.proposals_visible_to(user)[:30],
            "can_add": can_anywhere(user, "communicate"),
        },
    )


def _communicate(request, form, action, *, success, title, then=None):
    require(request.user, "communicate")

    def checked(data):
        require(request.user, "communicate", data["commune"])
        return action(data)

    return form_page(
        request,
        form,
        "groups/form.html",
        {"title": title, "back": reverse("outreach:communication"), "multipart": True},
        call=checked,
        success=success,
        then=then or reverse("outreach:communication"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_add(request):
    form = OutreachForm(
        request.POST or None,
        initial={"held_on": today()},
        communes=group_selectors.communes_for(request.user),
        villages=group_selectors.villages_for(request.user),
        collaborators=group_selectors.collaborators_for(request.user),
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
        communes=group_selectors.communes_for(request.user),
        households=group_selectors.households_for(request.user),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_good_example(by=request.user, **d),
        success=_("Good example recorded."),
        title=_("Good example"),
        then=lambda e: reverse("outreach:example_detail", args=[e.pk]),
    )


@login_required
def example_detail(request, pk):
    example = selectors.get_example(request.user, pk)
    return render(
        request,
        "outreach/example_detail.html",
        {
            "example": example,
            "can_change": can(request.user, "communicate", example.commune),
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
    require(request.user, "communicate", example.commune)
    return form_page(
        request,
        WithdrawConsentForm(request.POST or None),
        "groups/form.html",
        {
            "title": _("Withdraw consent for the photo"),
            "back": reverse("outreach:example_detail", args=[example.pk]),
        },
        call=lambda d: services.withdraw_consent(example=example, by=request.user, **d),
        success=_("Consent withdrawn; the photo was deleted."),
        then=reverse("outreach:example_detail", args=[example.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_add(request):
    form = ResourceForm(
        request.POST or None,
        initial={"received_on": today()},
        communes=group_selectors.communes_for(request.user),
        projects=group_selectors.projects_visible_to(request.user).order_by("name"),
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
        initial={"proposed_on": today()},
        communes=group_selectors.communes_for(request.user),
    )
    return _communicate(
        request,
        form,
        lambda d: services.record_proposal(by=request.user, **d),
        success=_("Proposal recorded."),
        title=_("Policy proposal"),
    )
