"""URLs of the audit pages (in the "web" namespace)."""

from django.urls import path

from . import views

urlpatterns = [path("nhat-ky/", views.audit_list, name="audit_list")]
