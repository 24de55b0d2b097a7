"""URLs of a person's rotation records (namespace "rotation")."""

from django.urls import path

from . import views

app_name = "rotation"

urlpatterns = [
    path("can-bo/<int:pk>/luan-chuyen/", views.records, name="records"),
    path(
        "can-bo/<int:pk>/luan-chuyen/vi-tri/them/",
        views.SensitivePositionCreateView.as_view(),
        name="position_create",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/vi-tri/<int:item_pk>/ket-thuc/",
        views.SensitivePositionEndView.as_view(),
        name="position_end",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/vi-tri/<int:item_pk>/sua/",
        views.SensitivePositionUpdateView.as_view(),
        name="position_update",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/mien/them/", views.ExemptionCreateView.as_view(), name="exemption_create"
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/mien/<int:item_pk>/ket-thuc/",
        views.ExemptionEndView.as_view(),
        name="exemption_end",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/mien/<int:item_pk>/sua/",
        views.ExemptionUpdateView.as_view(),
        name="exemption_update",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/dieu-dong/them/",
        views.MovementCreateView.as_view(),
        name="movement_create",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/dieu-dong/<int:item_pk>/ket-thuc/",
        views.MovementEndView.as_view(),
        name="movement_end",
    ),
    path(
        "can-bo/<int:pk>/luan-chuyen/dieu-dong/<int:item_pk>/sua/",
        views.MovementUpdateView.as_view(),
        name="movement_update",
    ),
]
