from django.urls import path

from . import dashboard_views, form_views, views

app_name = "reports"
urlpatterns = [
    path("tong-quan/", dashboard_views.area_dashboard, name="dashboard_home"),
    path("tong-quan/<str:code>/", dashboard_views.area_dashboard, name="dashboard"),
    path("", views.index, name="index"),
    path("mau/don/<int:pk>.pdf", form_views.application_form, name="application_form"),
    path("mau/02/<int:pk>.pdf", form_views.decision_form, name="decision_form"),
    path("mau/03/<str:code>.pdf", form_views.certificate_form, name="certificate_form"),
    path("<slug:slug>/<str:area>/<str:period>/", views.report_view, name="report"),
    path(
        "<slug:slug>/<str:area>/<str:period>/tai-ve.<str:fmt>",
        views.report_file,
        name="report_file",
    ),
    path("<slug:slug>/<str:area>/<str:period>/ho/", views.households_view, name="households"),
]
