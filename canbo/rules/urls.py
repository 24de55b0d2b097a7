"""URLs of the rules administration pages (namespace "rules")."""

from django.urls import path

from . import records, views

app_name = "rules"

urlpatterns = [
    path("quy-dinh/", views.rule_index, name="rule_index"),
    path("quy-dinh/them/", views.rule_version_create, name="rule_version_create"),
    path("quy-dinh/<int:pk>/xac-nhan/", views.rule_version_confirm, name="rule_version_confirm"),
    path("quy-dinh/ngay-nghi/", views.holiday_index, name="holiday_index"),
    # The records rules read, entered from the person page and the work-history rows (canbo.rules.records).
    path(
        "can-bo/<int:pk>/nghi-huu-truoc-tuoi/",
        records.EarlyRetirementView.as_view(),
        name="early_retirement_update",
    ),
    path(
        "can-bo/<int:pk>/nghi-huu-truoc-tuoi/xoa/",
        records.EarlyRetirementDeleteView.as_view(),
        name="early_retirement_delete",
    ),
    path(
        "cong-tac/<int:pk>/ho-so-bo-nhiem/",
        records.AppointmentFileView.as_view(),
        name="appointment_file_update",
    ),
    path(
        "cong-tac/<int:pk>/ho-so-bo-nhiem/xoa/",
        records.AppointmentFileDeleteView.as_view(),
        name="appointment_file_delete",
    ),
    path(
        "cong-tac/<int:pk>/thong-bao-bo-nhiem-lai/",
        records.ReappointmentNoticeView.as_view(),
        name="reappointment_notice_update",
    ),
    path(
        "cong-tac/<int:pk>/thong-bao-bo-nhiem-lai/xoa/",
        records.ReappointmentNoticeDeleteView.as_view(),
        name="reappointment_notice_delete",
    ),
]
