"""URLs of the security pages."""

from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("bao-mat/xac-thuc-hai-buoc/", views.otp_enrol, name="otp_enrol"),
    path("bao-mat/xac-minh/", views.otp_verify, name="otp_verify"),
    path("bao-mat/ma-du-phong/", views.backup_codes, name="backup_codes"),
]
