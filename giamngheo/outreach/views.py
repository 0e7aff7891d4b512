"""Pages for communication work. Same conventions as ``groups.views``; the photo of a good
example is served only by a view, to people of the area, while consent is recorded."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.core.audit import today
from giamngheo.core.forms import RecordPages, form_page
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


def _communication_page(form_class, service, *, title, success, form_args, initial=None, then=None):
    """The page recording one kind of communication work in a commune of the user's area."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request):
        require(request.user, "communicate")
        form = form_class(
            request.POST or None,
            request.FILES or None,
            initial=initial() if initial else None,
            **form_args(request.user),
        )

        def checked(data):
            require(request.user, "communicate", data["commune"])
            return service(by=request.user, **data)

        back = reverse("outreach:communication")
        return form_page(
            request,
            form,
            "groups/form.html",
            {"title": title, "back": back, "multipart": True},
            call=checked,
            success=success,
            then=then or back,
        )

    return view


outreach_add = _communication_page(
    OutreachForm,
    services.record_outreach,
    title=gettext_lazy("Dissemination session"),
    success=gettext_lazy("Session recorded."),
    initial=lambda: {"held_on": today()},
    form_args=lambda user: {
        "communes": group_selectors.communes_for(user),
        "villages": group_selectors.villages_for(user),
        "collaborators": group_selectors.collaborators_for(user),
    },
)
example_add = _communication_page(
    GoodExampleForm,
    services.record_good_example,
    title=gettext_lazy("Good example"),
    success=gettext_lazy("Good example recorded."),
    form_args=lambda user: {
        "communes": group_selectors.communes_for(user),
        "households": group_selectors.households_for(user),
    },
    then=lambda e: reverse("outreach:example_detail", args=[e.pk]),
)
resource_add = _communication_page(
    ResourceForm,
    services.record_resources,
    title=gettext_lazy("Resources mobilised"),
    success=gettext_lazy("Resources recorded."),
    initial=lambda: {"received_on": today()},
    form_args=lambda user: {
        "communes": group_selectors.communes_for(user),
        "projects": group_selectors.projects_visible_to(user).order_by("name"),
    },
)
proposal_add = _communication_page(
    ProposalForm,
    services.record_proposal,
    title=gettext_lazy("Policy proposal"),
    success=gettext_lazy("Proposal recorded."),
    initial=lambda: {"proposed_on": today()},
    form_args=lambda user: {"communes": group_selectors.communes_for(user)},
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


def _managed_example(request, pk):
    example = selectors.get_example(request.user, pk)
    require(request.user, "communicate", example.commune)
    return example


consent_withdraw = RecordPages(
    _managed_example,
    "example",
    lambda example: reverse("outreach:example_detail", args=[example.pk]),
    "groups/form.html",
).form_view(
    WithdrawConsentForm,
    services.withdraw_consent,
    title=lambda example: _("Withdraw consent for the photo"),
    success=gettext_lazy("Consent withdrawn; the photo was deleted."),
)
