"""URLs of the conduct pages (namespace "conduct")."""

from django.urls import path

from . import views

app_name = "conduct"

urlpatterns = [
    path("can-bo/<int:pk>/dieu-kien/", views.eligibility_view, name="eligibility"),
]
