"""The review printouts keep their addresses under /ra-soat/ (included before the reviews app)."""

from django.urls import path

from . import review_views as views

app_name = "review_prints"
urlpatterns = [
    path("dinh-ky/<int:pk>/danh-sach-niem-yet.pdf", views.posting_pdf, name="posting_pdf"),
    path("dinh-ky/<int:pk>/danh-sach-niem-yet.xlsx", views.posting_xlsx, name="posting_xlsx"),
    path("dinh-ky/<int:pk>/bieu-tong-hop.pdf", views.summary_pdf, name="summary_pdf"),
    path("dinh-ky/<int:pk>/bieu-tong-hop.xlsx", views.summary_xlsx, name="summary_xlsx"),
]
