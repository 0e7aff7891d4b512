from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("tong-quan/", views.area_dashboard, name="dashboard_home"),
    path("tong-quan/<str:code>/", views.area_dashboard, name="dashboard"),
]
