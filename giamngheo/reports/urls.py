from django.urls import path

from . import dashboard_views, views

app_name = "reports"
urlpatterns = [
    path("tong-quan/", dashboard_views.area_dashboard, name="dashboard_home"),
    path("tong-quan/<str:code>/", dashboard_views.area_dashboard, name="dashboard"),
    path("", views.index, name="index"),
    path("<slug:slug>/<str:area>/<str:period>/", views.report_view, name="report"),
    path(
        "<slug:slug>/<str:area>/<str:period>/tai-ve.<str:fmt>",
        views.report_view,
        name="report_file",
    ),
    path("<slug:slug>/<str:area>/<str:period>/ho/", views.households_view, name="households"),
]
