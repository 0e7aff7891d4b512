from django.urls import path

from . import views

app_name = "field"
urlpatterns = [
    path("thuc-dia/", views.app, name="app"),
    path("thuc-dia/trang-thai/", views.status, name="status"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
]
