from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from giamngheo.reports.dashboard_views import DashboardAPIView

from . import views

router = DefaultRouter()
router.register("don-vi", views.UnitViewSet, basename="unit")
router.register("ho-gia-dinh", views.HouseholdViewSet, basename="household")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("tong-quan/<str:code>/", DashboardAPIView.as_view(), name="dashboard"),
    path("", include(router.urls)),
]
