"""URLs of the import pages (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("nhap-du-lieu/", views.import_list, name="import_list"),
    path("nhap-du-lieu/mau.xlsx", views.import_template, name="import_template"),
    path("nhap-du-lieu/<int:pk>/", views.import_detail, name="import_detail"),
    path("nhap-du-lieu/<int:pk>/tien-do/", views.import_progress, name="import_progress"),
    path("nhap-du-lieu/<int:pk>/ghi/", views.import_commit, name="import_commit"),
    path("nhap-du-lieu/<int:pk>/danh-dau-loi.xlsx", views.import_annotated, name="import_annotated"),
]
