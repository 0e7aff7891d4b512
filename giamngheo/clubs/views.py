"""Club pages: thin views that parse the request, call a service or selector, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.scoping import can, get_scoped_or_404, require
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.forms import add_service_errors
from giamngheo.core.history import history_entries
from giamngheo.core.params import year_param
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response
from giamngheo.geo.models import Unit

from . import selectors, services
from .catalogues import MAX_MEMBERS, ClubLevel
from .forms import (
    CancelForm,
    ClubEditForm,
    ClubForm,
    ClubListFilter,
    EndTermForm,
    FollowUpForm,
    GoodPracticeForm,
    HostPlaceForm,
    LeaveForm,
    MeetingPlanForm,
    MeetingRecordForm,
    MemberForm,
    OfficerForm,
    PlanForm,
)
from .models import FollowUpAction, MeetingState

CAPABILITY = "manage_clubs"


def _managed_club(request, pk):
    """A club in the user's area that the user may change (404 outside, 403 read-only)."""
    club = selectors.club_for(request.user, pk)
    require(request.user, CAPABILITY, club.unit)
    return club


def _managed_meeting(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(request.user, CAPABILITY, meeting.club.unit)
    return meeting


def _unit_param(request):
    code = request.GET.get("don_vi", "")
    if not code:
        return None
    return get_scoped_or_404(Unit.objects.all(), request.user, None, code=code)


def _filtered(request):
    """The clubs of the list and its export: the unit (``don_vi``, a 404 outside the area)
    narrows the scoped list, the FilterSet the rest."""
    unit = _unit_param(request)
    clubs = selectors.clubs_visible_to(request.user, unit=unit)
    return ClubListFilter(request.GET, queryset=clubs), unit


# The search term is posted and kept in the session, never put in a URL (core.search).
_club_search = posted_search("clubs")


@login_required
@require_http_methods(["GET", "POST"])
@_club_search
def club_list(request):
    filters, unit = _filtered(request)
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "clubs/club_list.html",
        {
            "page": page,
            "q": filters.value("q"),
            "level": filters.value("cap"),
            "unit": unit,
            "levels": ClubLevel.choices,
            "max_members": MAX_MEMBERS,
        },
    )


@login_required
@_club_search
def club_export(request):
    clubs = _filtered(request)[0].qs
    rows = (
        (
            c.name,
            c.get_level_display(),
            c.unit.name,
            c.founding_unit.name,
            c.decision_no,
            c.founded_on,
            c.get_frequency_display(),
            c.member_count,
            c.chair_name or "",
            _("Yes") if c.is_active else _("No"),
        )
        for c in clubs
    )
    headers = [
        _("Club"),
        _("Level"),
        _("Unit covered"),
        _("Founded and managed at"),
        _("Founding decision"),
        _("Founded on"),
        _("Meetings"),
        _("Official members"),
        _("Chair"),
        _("Active"),
    ]
    return xlsx_response("cau-lac-bo.xlsx", headers, rows, sheet_title=_("Clubs"))


@login_required
@require_http_methods(["GET", "POST"])
def club_create(request):
    within = _unit_param(request)
    units = selectors.units_for_new_club(request.user, within)
    form = ClubForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, CAPABILITY, data["unit"])
        try:
            club = services.found_club(
                name=data["name"],
                level=data["level"],
                unit=data["unit"],
                decision_no=data["decision_no"],
                founded_on=data["founded_on"],
                frequency=data["frequency"],
                rules_reference=data["rules_reference"],
                rules_adopted_on=data["rules_adopted_on"],
                rules_text=data["rules_text"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Founded %(name)s.") % {"name": club.name})
            return redirect("clubs:club_detail", pk=club.pk)
    return render(request, "clubs/club_form.html", {"form": form, "within": within})


@login_required
def club_detail(request, pk):
    club = selectors.club_for(request.user, pk)
    return render(
        request,
        "clubs/club_detail.html",
        {
            "club": club,
            "members": list(selectors.current_members(club)),
            "former_members": list(selectors.former_members(club)),
            "officers": list(selectors.officers_of(club, current=True)),
            "past_officers": list(selectors.officers_of(club, current=False)),
            "places": list(selectors.host_places_of(club)),
            "next_host": services.propose_next_host(club),
            "meetings": list(selectors.meetings_of(club)[:24]),
            "practices": list(club.good_practices.all()),
            "can_manage": can(request.user, CAPABILITY, club.unit),
            "max_members": MAX_MEMBERS,
            "history": history_entries(club),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def club_edit(request, pk):
    club = _managed_club(request, pk)
    fields = [
        "name",
        "decision_no",
        "founded_on",
        "frequency",
        "rules_reference",
        "rules_adopted_on",
        "rules_text",
        "is_active",
        "dissolved_on",
        "version",
    ]
    form = ClubEditForm(request.POST or None, initial={f: getattr(club, f) for f in fields})
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_club(
                club=club,
                version=data.pop("version"),
                reason=data.pop("reason"),
                by=request.user,
                **data,
            )
        except EditConflict as exc:
            conflict = True
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": club.name})
            return redirect("clubs:club_detail", pk=club.pk)
    return render(
        request,
        "clubs/club_edit.html",
        {"form": form, "club": club, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    club = _managed_club(request, pk)
    form = MemberForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_member(club=club, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": member.full_name})
            if "again" in request.POST:
                return redirect("clubs:member_add", pk=club.pk)
            return redirect("clubs:club_detail", pk=club.pk)
    count = selectors.current_members(club).count()
    return render(
        request,
        "clubs/member_form.html",
        {"form": form, "club": club, "count": count, "max_members": MAX_MEMBERS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk, member_pk):
    club = _managed_club(request, pk)
    member = get_object_or_404(club.members, pk=member_pk)
    form = LeaveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_member_leaving(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded that %(name)s left.") % {"name": member})
            return redirect("clubs:club_detail", pk=club.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {
            "form": form,
            "club": club,
            "title": _("%(name)s leaves the club") % {"name": member},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_elect(request, pk):
    club = _managed_club(request, pk)
    form = OfficerForm(
        request.POST or None,
        members=selectors.current_members(club),
        officers=selectors.officers_of(club, current=True),
        initial={"elected_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.elect_officer(club=club, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded: %(officer)s.") % {"officer": officer})
            if "again" in request.POST:
                return redirect("clubs:officer_elect", pk=club.pk)
            return redirect("clubs:club_detail", pk=club.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": club, "title": _("Record an election"), "again": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_end(request, pk, officer_pk):
    club = _managed_club(request, pk)
    officer = get_object_or_404(club.officers.select_related("member"), pk=officer_pk)
    form = EndTermForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_officer_term(officer=officer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The term of %(officer)s ended.") % {"officer": officer})
            return redirect("clubs:club_detail", pk=club.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": club, "title": _("End the term of %(o)s") % {"o": officer}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def host_place_add(request, pk):
    club = _managed_club(request, pk)
    listed = club.host_places.filter(unit__isnull=False).values("unit")
    units = services.host_units_for(club).exclude(pk__in=listed)
    form = HostPlaceForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.add_host_place(
                club=club,
                unit=form.cleaned_data.get("unit"),
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added %(place)s to the rotation.") % {"place": place})
            return redirect("clubs:club_detail", pk=club.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": club, "title": _("Add a place to the rotation")},
    )


@login_required
@require_POST
def host_place_toggle(request, pk, place_pk):
    club = _managed_club(request, pk)
    place = get_object_or_404(club.host_places, pk=place_pk)
    services.set_host_place_active(place=place, active=not place.is_active, by=request.user)
    return redirect("clubs:club_detail", pk=club.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request, pk):
    club = _managed_club(request, pk)
    proposed = services.propose_next_host(club)
    form = MeetingPlanForm(
        request.POST or None,
        places=club.host_places.filter(is_active=True).select_related("unit"),
        initial={"host_place": proposed},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(club=club, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting planned."))
            return redirect("clubs:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "clubs/meeting_plan.html",
        {"form": form, "club": club, "proposed": proposed},
    )


@login_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    return render(
        request,
        "clubs/meeting_detail.html",
        {
            "meeting": meeting,
            "club": meeting.club,
            **selectors.meeting_page(meeting),
            "can_manage": can(request.user, CAPABILITY, meeting.club.unit),
            "action_form": FollowUpForm(),
            "practice_form": GoodPracticeForm(),
            "history": history_entries(meeting),
        },
    )


def _parse_date(value, default):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request, pk):
    meeting = _managed_meeting(request, pk)
    if meeting.state != MeetingState.PLANNED:
        raise Http404
    held_on = _parse_date(request.POST.get("held_on"), meeting.planned_on)
    form = MeetingRecordForm(
        request.POST or None,
        members=selectors.roll_for(meeting, held_on),
        initial={
            "held_on": meeting.planned_on,
            "topics": [t.topic for t in meeting.topics.all()],
            "other_topics": meeting.other_topics,
            "version": meeting.version,
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_meeting(
                meeting=meeting,
                held_on=data["held_on"],
                minutes=data["minutes"],
                present=list(data["present"]),
                guests=data["guests"],
                topics=data["topics"],
                other_topics=data["other_topics"],
                version=data["version"],
                by=request.user,
            )
        except EditConflict as exc:
            conflict = True
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("clubs:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "clubs/meeting_record.html",
        {"form": form, "meeting": meeting, "club": meeting.club, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = _managed_meeting(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting cancelled."))
            return redirect("clubs:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": meeting.club, "title": _("Cancel the meeting")},
    )


@login_required
@require_POST
def action_add(request, pk):
    meeting = _managed_meeting(request, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.add_follow_up(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("clubs:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": meeting.club, "title": _("Add a follow-up action")},
    )


@login_required
@require_POST
def action_done(request, pk):
    action = get_scoped_or_404(
        FollowUpAction.objects.select_related("meeting__club__unit"),
        request.user,
        "meeting__club__unit",
        pk=pk,
    )
    require(request.user, CAPABILITY, action.meeting.club.unit)
    try:
        services.complete_follow_up(action=action, done_on=timezone.localdate(), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("clubs:meeting_detail", pk=action.meeting_id)


@login_required
@require_POST
def practice_add(request, pk):
    meeting = _managed_meeting(request, pk)
    form = GoodPracticeForm(request.POST)
    if form.is_valid():
        try:
            services.keep_good_practice(
                club=meeting.club, meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Good practice kept."))
            return redirect("clubs:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "clubs/simple_form.html",
        {"form": form, "club": meeting.club, "title": _("Keep a good practice")},
    )


@login_required
def practice_list(request):
    query = request.GET.get("q", "")
    practices = selectors.good_practices_visible_to(request.user, query=query)
    page = Paginator(practices, 30).get_page(request.GET.get("page"))
    return render(request, "clubs/practice_list.html", {"page": page, "q": query})


def _year(request):
    return year_param(request.GET)


@login_required
def statistics(request):
    year = _year(request)
    unit = _unit_param(request)
    stats = selectors.club_statistics(request.user, year=year, unit=unit)
    return render(
        request,
        "clubs/statistics.html",
        {"stats": stats, "unit": unit, "levels": ClubLevel.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_set(request):
    units = selectors.units_for_new_club(request.user).exclude(level="village")
    form = PlanForm(request.POST or None, units=units, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, CAPABILITY, data["unit"])
        try:
            plan = services.set_expansion_plan(by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved the plan: %(plan)s.") % {"plan": plan})
            return redirect(f"{reverse('clubs:statistics')}?nam={plan.year}")
    return render(
        request, "clubs/simple_form.html", {"form": form, "title": _("Yearly expansion plan")}
    )
