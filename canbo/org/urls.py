"""URLs of the unit pages and of seats in elected bodies (in the "web" namespace via canbo.web.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/", views.unit_tree_view, name="unit_tree"),
    path("don-vi/them/", views.UnitCreateView.as_view(), name="unit_create"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.UnitUpdateView.as_view(), name="unit_update"),
    path("can-bo/<int:pk>/cap-uy/them/", views.MembershipCreateView.as_view(), name="membership_create"),
    path(
        "can-bo/<int:pk>/cap-uy/<int:item_pk>/sua/",
        views.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "can-bo/<int:pk>/cap-uy/<int:item_pk>/xoa/",
        views.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
    path("can-bo/<int:pk>/ung-cu/them/", views.NominationCreateView.as_view(), name="nomination_create"),
    path(
        "can-bo/<int:pk>/ung-cu/<int:item_pk>/sua/",
        views.NominationUpdateView.as_view(),
        name="nomination_update",
    ),
    path(
        "can-bo/<int:pk>/ung-cu/<int:item_pk>/xoa/",
        views.NominationDeleteView.as_view(),
        name="nomination_delete",
    ),
]
