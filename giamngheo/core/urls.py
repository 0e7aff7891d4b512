from django.urls import path

from . import views
from .favicon import favicon
from .todos import todo_count

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("viec-can-lam.json", todo_count, name="todo_count"),
    path("xuat/<uuid:pk>/", views.export_job, name="export_job"),
    path("xuat/<uuid:pk>/tai-ve/", views.export_download, name="export_download"),
]
