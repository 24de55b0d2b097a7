"""URLs of the conduct pages (namespace "conduct")."""

from django.urls import path

from . import rating_views, views

app_name = "conduct"

urlpatterns = [
    path("can-bo/<int:pk>/dieu-kien/", views.eligibility_view, name="eligibility"),
    path("can-bo/<int:pk>/xep-loai/", rating_views.ratings, name="ratings"),
    path("can-bo/<int:pk>/xep-loai/them/", rating_views.RatingCreateView.as_view(), name="rating_create"),
    path(
        "can-bo/<int:pk>/xep-loai/<int:item_pk>/sua/",
        rating_views.RatingUpdateView.as_view(),
        name="rating_update",
    ),
    path(
        "can-bo/<int:pk>/xep-loai/<int:item_pk>/xoa/",
        rating_views.RatingDeleteView.as_view(),
        name="rating_delete",
    ),
]
