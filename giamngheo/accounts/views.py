from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.core.forms import add_service_errors, done, form_page, run_action, submit
from giamngheo.core.history import history_entries

from . import services
from .capabilities import require
from .forms import AccountForm, AccountListFilter, LoginForm, ReadAuditFilter, RoleForm
from .models import RoleAssignment
from .selectors import accounts_visible_to, personal_data_reads, units_for_roles


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _require_manager(user):
    require(user, "manage_accounts")


@login_required
def account_list(request):
    _require_manager(request.user)
    filters = AccountListFilter(request.GET, queryset=accounts_visible_to(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": filters.value("q").strip()}
    return render(request, "accounts/account_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_manager(request.user)
    form = AccountForm(request.POST or None)
    role_form = RoleForm(request.POST or None, units=units_for_roles(request.user), prefix="role")

    def show_errors(form, exc):
        add_service_errors(role_form if "unit" in getattr(exc, "error_dict", {}) else form, exc)

    submission = submit(
        request,
        form,
        lambda account: _create_account(request.user, account, role_form.cleaned_data),
        show_errors=show_errors,
        others=[role_form],
    )
    if submission.done:
        return done(
            request,
            submission,
            success=lambda user: _("Created the account %(name)s.") % {"name": user.username},
            then=lambda user: redirect("accounts:account_detail", username=user.username),
        )
    context = {"form": form, "role_form": role_form}
    return render(request, "accounts/account_form.html", context, status=submission.status)


@transaction.atomic
def _create_account(by, account: dict, role: dict):
    """The new account with its first role: both or neither."""
    user = services.create_account(**account, by=by)
    services.grant_role(user=user, **role, by=by)
    return user


@login_required
@require_http_methods(["GET", "POST"])
def account_detail(request, username):
    _require_manager(request.user)
    account = get_object_or_404(accounts_visible_to(request.user), username=username)
    role_form = RoleForm(request.POST or None, units=units_for_roles(request.user))
    return form_page(
        request,
        role_form,
        "accounts/account_detail.html",
        {"account": account, "role_form": role_form, "history": history_entries(account)},
        call=lambda d: services.grant_role(user=account, **d, by=request.user),
        success=_("Role given."),
        then=reverse("accounts:account_detail", args=[account.username]),
    )


@login_required
@require_POST
def role_revoke(request, pk):
    _require_manager(request.user)
    units = units_for_roles(request.user)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "unit"), pk=pk, unit__in=units
    )
    return run_action(
        request,
        lambda: services.revoke_role(
            assignment=assignment, by=request.user, reason=request.POST.get("reason", "")
        ),
        success=_("Role removed."),
        then=reverse("accounts:account_detail", args=[assignment.user.username]),
    )


@login_required
def read_audit(request):
    """Who viewed or exported residents' personal data in the auditor's area, and when."""
    require(request.user, "view_read_audit")
    filters = ReadAuditFilter(request.GET, queryset=personal_data_reads(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    context = {"page": page, "subject": filters.value("ho")}
    return render(request, "accounts/read_audit.html", context)
