from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from giamngheo.reports.dashboard_views import DashboardAPIView

from . import batch, offline, views, writes

router = DefaultRouter()
router.register("don-vi", views.UnitViewSet, basename="unit")
router.register("ho-gia-dinh", views.HouseholdViewSet, basename="household")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("tong-quan/<str:code>/", DashboardAPIView.as_view(), name="dashboard"),
    path("ban-sao/", offline.offline_copy, name="offline_copy"),
    path("lo/", batch.batch, name="batch"),
    path("hoat-dong/", writes.activity_create, name="activity_create"),
    path("phieu-ra-soat/", writes.survey_create, name="survey_create"),
    path(
        "ho-gia-dinh/<str:code>/yeu-cau-tro-giup/",
        writes.help_request_create,
        name="help_request_create",
    ),
    path("ho-gia-dinh/<str:code>/bien-co/", writes.shock_create, name="shock_create"),
    path("", include(router.urls)),
]
