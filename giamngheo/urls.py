from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("giamngheo.site.urls")),
    path("", include("giamngheo.core.urls")),
    path("", include("giamngheo.field.urls")),
    path("tai-khoan/", include("giamngheo.accounts.urls")),
    path("don-vi/", include("giamngheo.geo.urls")),
    path("ho-gia-dinh/", include("giamngheo.households.urls")),
    path("ra-soat/", include("giamngheo.reports.review_urls")),
    path("ra-soat/", include("giamngheo.reviews.urls")),
    path("tro-giup/", include("giamngheo.assistance.urls")),
    path("nhom-ho/", include("giamngheo.groups.urls")),
    path("nhom-ho/", include("giamngheo.inspections.urls")),
    path("nhom-ho/", include("giamngheo.outreach.urls")),
    path("nhom-ho/", include("giamngheo.reports.periodic_urls")),
    path("cong-tac-vien/", include("giamngheo.collaborators.urls")),
    path("cau-lac-bo/", include("giamngheo.clubs.urls")),
    path("bao-cao/", include("giamngheo.reports.urls")),
    path("api/v1/", include("giamngheo.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
handler400 = "giamngheo.core.views.bad_request"
handler403 = "giamngheo.core.refusals.permission_denied"
handler404 = "giamngheo.core.refusals.page_not_found"
handler500 = "giamngheo.core.refusals.server_error"
