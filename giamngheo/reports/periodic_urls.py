"""The periodic reports, mounted under /nhom-ho/ where they were before the split (the
``reports`` namespace at /bao-cao/ holds the official report set)."""

from django.urls import path

from . import periodic_views as views

app_name = "periodic"
urlpatterns = [
    path("bao-cao/", views.template_list, name="template_list"),
    path("bao-cao/mau/them/", views.template_add, name="template_add"),
    path("bao-cao/mau/<int:pk>/", views.template_detail, name="template_detail"),
    path("bao-cao/dong/<int:pk>/<str:direction>/", views.field_move, name="field_move"),
    path("bao-cao/mau/<int:pk>/<str:unit>/<str:period>/", views.report, name="report"),
    path(
        "bao-cao/mau/<int:pk>/<str:unit>/<str:period>.xlsx",
        views.report_export,
        name="report_export",
    ),
]
