"""URLs of the work-history and planning pages (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from canbo.conduct.views import eligibility_panel

from . import planning_views, views

urlpatterns = [
    path("cong-tac/them/", views.AssignmentCreateView.as_view(), name="assignment_create"),
    path("cong-tac/<int:pk>/sua/", views.AssignmentUpdateView.as_view(), name="assignment_update"),
    path("cong-tac/<int:pk>/xoa/", views.AssignmentDeleteView.as_view(), name="assignment_delete"),
    path("can-bo/<int:pk>/quy-hoach/", planning_views.planning_list, name="planning_list"),
    path(
        "can-bo/<int:pk>/quy-hoach/them/",
        planning_views.PlanningEntryCreateView.as_view(),
        name="planning_create",
    ),
    path("can-bo/<int:pk>/quy-hoach/<int:item_pk>/", planning_views.planning_detail, name="planning_detail"),
    path(
        "can-bo/<int:pk>/quy-hoach/<int:item_pk>/sua/",
        planning_views.PlanningEntryUpdateView.as_view(),
        name="planning_update",
    ),
    path(
        "can-bo/<int:pk>/quy-hoach/<int:item_pk>/xoa/",
        planning_views.PlanningEntryDeleteView.as_view(),
        name="planning_delete",
    ),
    # The eligibility checklist fragment the planning and appointment forms refresh (canbo.conduct.views).
    path("dieu-kien/bang/", eligibility_panel, name="eligibility_panel"),
]
