from django.urls import path
from django.views.generic import RedirectView

from . import views
from .favicon import favicon
from .todos import todo_count

app_name = "core"
urlpatterns = [
    # The home page lives in the site layer (site:home, served at the same "/"); this name
    # only keeps {% url 'site:home' %} resolving to "/" in templates written before the split.
    path("", RedirectView.as_view(pattern_name="site:home"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("viec-can-lam.json", todo_count, name="todo_count"),
    path("xuat/<uuid:pk>/", views.export_job, name="export_job"),
    path("xuat/<uuid:pk>/tai-ve/", views.export_download, name="export_download"),
]
