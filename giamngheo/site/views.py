from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from giamngheo.accounts.selectors import home_summary
from giamngheo.reports.dashboard import home_dashboard


@login_required
def home(request):
    context = {"summary": home_summary(request.user), **home_dashboard(request.user)}
    return render(request, "site/home.html", context)
