"""Club pages: thin views that parse the request, call a service or selector, render."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.accounts.scoping import get_scoped_or_404
from giamngheo.core.forms import done, form_page, run_action, submit
from giamngheo.core.history import history_entries
from giamngheo.core.params import year_param
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response

from . import selectors, services
from .catalogues import MAX_MEMBERS, ClubLevel
from .force import current_members_in, members_force
from .forms import (
    CancelForm,
    ClubAreaFilter,
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
    PracticeListFilter,
)
from .models import FollowUpAction, MeetingState

CAPABILITY = "manage_clubs"


def _managed_club(request, pk):
    """A club in the user's area that the user may change (404 outside, 403 read-only)."""
    club = selectors.club_for(request.user, pk)
    require(request.user, CAPABILITY, club)
    return club


def _managed_meeting(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(request.user, CAPABILITY, meeting)
    return meeting


def _club_page(club) -> str:
    return reverse("clubs:club_detail", args=[club.pk])


def _meeting_page(meeting) -> str:
    return reverse("clubs:meeting_detail", args=[meeting.pk])


def _again_or(request, url_name: str, club) -> str:
    """The same form again ("save and add another"), else the club's page."""
    return reverse(url_name, args=[club.pk]) if "again" in request.POST else _club_page(club)


def _refuse_unless_manager(request):
    """Refuse before the form is filled in, not after (the same check as the menu's button)."""
    if not can_anywhere(request.user, CAPABILITY):
        raise PermissionDenied(
            _("Only club officers and the commune or managing office run clubs.")
        )


def _unit_param(request):
    """The unit the page is narrowed to (``don_vi``; a 404 outside the user's area)."""
    return ClubAreaFilter(request.GET, request=request).unit


def _filtered(request):
    """The clubs of the list and its export, and the unit (``don_vi``) they are under."""
    clubs = selectors.clubs_visible_to(request.user)
    filters = ClubListFilter(request.GET, queryset=clubs, request=request)
    return filters, filters.unit


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
    _refuse_unless_manager(request)
    within = _unit_param(request)
    units = selectors.units_for_new_club(request.user, within)
    form = ClubForm(request.POST or None, units=units)

    def call(data):
        require(request.user, CAPABILITY, data["unit"])
        return services.found_club(
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

    return form_page(
        request,
        form,
        "clubs/club_form.html",
        {"within": within},
        call=call,
        success=lambda club: _("Founded %(name)s.") % {"name": club.name},
        then=_club_page,
    )


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
            "can_manage": can(request.user, CAPABILITY, club),
            "max_members": MAX_MEMBERS,
            "history": history_entries(club),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def club_edit(request, pk):
    club = _managed_club(request, pk)
    fields = (*services.EDITABLE_CLUB_FIELDS, "version")
    form = ClubEditForm(request.POST or None, initial={f: getattr(club, f) for f in fields})

    def call(data):
        data = dict(data)
        return services.update_club(
            club=club,
            version=data.pop("version"),
            reason=data.pop("reason"),
            by=request.user,
            **data,
        )

    return form_page(
        request,
        form,
        "clubs/club_edit.html",
        {"club": club},
        call=call,
        success=_("Saved %(name)s.") % {"name": club.name},
        then=_club_page(club),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    club = _managed_club(request, pk)
    form = MemberForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    submission = submit(
        request, form, lambda d: services.add_member(club=club, by=request.user, **d)
    )
    if submission.done:
        return done(
            request,
            submission,
            success=lambda member: _("Added %(name)s.") % {"name": member.full_name},
            then=_again_or(request, "clubs:member_add", club),
        )
    count = selectors.current_members(club).count()
    return render(
        request,
        "clubs/member_form.html",
        {"form": form, "club": club, "count": count, "max_members": MAX_MEMBERS},
        status=submission.status,
    )


def _club_form(request, club, form, title, *, again=False, **submit):
    """A club's page of one form (clubs/simple_form.html), submitted through form_page;
    ``again`` offers "save and add another"."""
    context = {"club": club, "title": title, "again": again}
    return form_page(request, form, "clubs/simple_form.html", context, **submit)


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk, member_pk):
    club = _managed_club(request, pk)
    member = get_object_or_404(club.members, pk=member_pk)
    return _club_form(
        request,
        club,
        LeaveForm(request.POST or None, initial={"left_on": timezone.localdate()}),
        _("%(name)s leaves the club") % {"name": member},
        call=lambda d: services.record_member_leaving(member=member, by=request.user, **d),
        success=_("Recorded that %(name)s left.") % {"name": member},
        then=_club_page(club),
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
    return _club_form(
        request,
        club,
        form,
        _("Record an election"),
        again=True,
        call=lambda d: services.elect_officer(club=club, by=request.user, **d),
        success=lambda officer: _("Recorded: %(officer)s.") % {"officer": officer},
        then=_again_or(request, "clubs:officer_elect", club),
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_end(request, pk, officer_pk):
    club = _managed_club(request, pk)
    officer = get_object_or_404(club.officers.select_related("member"), pk=officer_pk)
    return _club_form(
        request,
        club,
        EndTermForm(request.POST or None, initial={"ended_on": timezone.localdate()}),
        _("End the term of %(o)s") % {"o": officer},
        call=lambda d: services.end_officer_term(officer=officer, by=request.user, **d),
        success=_("The term of %(officer)s ended.") % {"officer": officer},
        then=_club_page(club),
    )


@login_required
@require_http_methods(["GET", "POST"])
def host_place_add(request, pk):
    club = _managed_club(request, pk)
    listed = club.host_places.filter(unit__isnull=False).values("unit")
    units = services.host_units_for(club).exclude(pk__in=listed)
    return _club_form(
        request,
        club,
        HostPlaceForm(request.POST or None, units=units),
        _("Add a place to the rotation"),
        call=lambda d: services.add_host_place(
            club=club, unit=d.get("unit"), name=d["name"], by=request.user
        ),
        success=lambda place: _("Added %(place)s to the rotation.") % {"place": place},
        then=_club_page(club),
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
    return form_page(
        request,
        form,
        "clubs/meeting_plan.html",
        {"club": club, "proposed": proposed},
        call=lambda d: services.plan_meeting(club=club, by=request.user, **d),
        success=_("Meeting planned."),
        then=_meeting_page,
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
            "can_manage": can(request.user, CAPABILITY, meeting),
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
    return form_page(
        request,
        form,
        "clubs/meeting_record.html",
        {"meeting": meeting, "club": meeting.club},
        call=lambda d: services.record_meeting(
            meeting=meeting,
            held_on=d["held_on"],
            minutes=d["minutes"],
            present=list(d["present"]),
            guests=d["guests"],
            topics=d["topics"],
            other_topics=d["other_topics"],
            version=d["version"],
            by=request.user,
        ),
        success=_("Meeting recorded."),
        then=_meeting_page(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = _managed_meeting(request, pk)
    return _club_form(
        request,
        meeting.club,
        CancelForm(request.POST or None),
        _("Cancel the meeting"),
        call=lambda d: services.cancel_meeting(meeting=meeting, by=request.user, **d),
        success=_("Meeting cancelled."),
        then=_meeting_page(meeting),
    )


@login_required
@require_POST
def action_add(request, pk):
    meeting = _managed_meeting(request, pk)
    return _club_form(
        request,
        meeting.club,
        FollowUpForm(request.POST),
        _("Add a follow-up action"),
        call=lambda d: services.add_follow_up(meeting=meeting, by=request.user, **d),
        success=_("Action added."),
        then=_meeting_page(meeting),
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
    require(request.user, CAPABILITY, action.meeting)
    return run_action(
        request,
        lambda: services.complete_follow_up(
            action=action, done_on=timezone.localdate(), by=request.user
        ),
        then=reverse("clubs:meeting_detail", args=[action.meeting_id]),
    )


@login_required
@require_POST
def practice_add(request, pk):
    meeting = _managed_meeting(request, pk)
    return _club_form(
        request,
        meeting.club,
        GoodPracticeForm(request.POST),
        _("Keep a good practice"),
        call=lambda d: services.keep_good_practice(
            club=meeting.club, meeting=meeting, by=request.user, **d
        ),
        success=_("Good practice kept."),
        then=_meeting_page(meeting),
    )


@login_required
def practice_list(request):
    practices = selectors.good_practices_visible_to(request.user)
    filters = PracticeListFilter(request.GET, queryset=practices)
    page = Paginator(filters.qs, 30).get_page(request.GET.get("page"))
    return render(request, "clubs/practice_list.html", {"page": page, "q": filters.value("q")})


def _year(request):
    return year_param(request.GET)


@login_required
def statistics(request):
    year = _year(request)
    unit = _unit_param(request)
    stats = selectors.club_statistics(request.user, year=year, unit=unit)
    force = members_force(request.user, unit)
    return render(
        request,
        "clubs/statistics.html",
        {"stats": stats, "force": force, "unit": unit, "levels": ClubLevel.choices},
    )


@login_required
def member_export(request):
    """Current individual members with sex and ethnicity (no phone: not needed for counts)."""
    members = current_members_in(request.user, _unit_param(request)).select_related("club__unit")
    rows = (
        (
            m.club.name,
            m.club.unit.name,
            m.full_name,
            m.get_sex_display(),
            m.ethnicity_name,
            m.organisation,
            m.joined_on,
        )
        for m in members.order_by("club__unit__path", "club__name", "full_name")
    )
    headers = [
        _("Club"),
        _("Unit covered"),
        _("Full name"),
        _("Sex"),
        _("Ethnicity"),
        _("Organisation or position"),
        _("Joined on"),
    ]
    return xlsx_response("thanh-vien-cau-lac-bo.xlsx", headers, rows, sheet_title=_("Members"))


@login_required
@require_http_methods(["GET", "POST"])
def plan_set(request):
    _refuse_unless_manager(request)
    units = selectors.units_for_new_club(request.user).exclude(level="village")
    form = PlanForm(request.POST or None, units=units, initial={"year": _year(request)})

    def call(data):
        require(request.user, CAPABILITY, data["unit"])
        return services.set_expansion_plan(by=request.user, **data)

    return form_page(
        request,
        form,
        "clubs/simple_form.html",
        {"title": _("Yearly expansion plan")},
        call=call,
        success=lambda plan: _("Saved the plan: %(plan)s.") % {"plan": plan},
        then=lambda plan: f"{reverse('clubs:statistics')}?nam={plan.year}",
    )
