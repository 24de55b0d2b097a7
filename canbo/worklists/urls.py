"""URLs of the worklist pages (namespace "worklists")."""

from django.urls import path

from . import views

app_name = "worklists"

urlpatterns = [
    path("viec-can-lam/", views.worklist_index, name="index"),
    path("viec-can-lam/<slug:code>/", views.worklist_detail, name="detail"),
]
