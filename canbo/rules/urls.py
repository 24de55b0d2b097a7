"""URLs of the rules administration pages (namespace "rules")."""

from django.urls import path

from . import views

app_name = "rules"

urlpatterns = [
    path("quy-dinh/", views.rule_index, name="rule_index"),
    path("quy-dinh/them/", views.rule_version_create, name="rule_version_create"),
    path("quy-dinh/<int:pk>/xac-nhan/", views.rule_version_confirm, name="rule_version_confirm"),
    path("quy-dinh/ngay-nghi/", views.holiday_index, name="holiday_index"),
]
