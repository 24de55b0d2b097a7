"""URLs of the conduct pages (namespace "conduct")."""

from django.urls import path

from . import discipline_views, rating_views, views

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
    path("can-bo/<int:pk>/ky-luat/", discipline_views.discipline, name="discipline"),
    path(
        "can-bo/<int:pk>/ky-luat/them/",
        discipline_views.DisciplineCreateView.as_view(),
        name="discipline_create",
    ),
    path(
        "can-bo/<int:pk>/ky-luat/<int:item_pk>/sua/",
        discipline_views.DisciplineUpdateView.as_view(),
        name="discipline_update",
    ),
    path(
        "can-bo/<int:pk>/ky-luat/<int:item_pk>/xoa/",
        discipline_views.DisciplineDeleteView.as_view(),
        name="discipline_delete",
    ),
    path(
        "can-bo/<int:pk>/tieu-chuan-chinh-tri/",
        discipline_views.political_standard,
        name="political_standard",
    ),
    path(
        "can-bo/<int:pk>/tieu-chuan-chinh-tri/them/",
        discipline_views.ConclusionCreateView.as_view(),
        name="political_standard_create",
    ),
    path(
        "can-bo/<int:pk>/tieu-chuan-chinh-tri/<int:item_pk>/sua/",
        discipline_views.ConclusionUpdateView.as_view(),
        name="political_standard_update",
    ),
    path(
        "can-bo/<int:pk>/tieu-chuan-chinh-tri/<int:item_pk>/xoa/",
        discipline_views.ConclusionDeleteView.as_view(),
        name="political_standard_delete",
    ),
]
