"""URLs of the work-history pages (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("cong-tac/them/", views.AssignmentCreateView.as_view(), name="assignment_create"),
    path("cong-tac/<int:pk>/sua/", views.AssignmentUpdateView.as_view(), name="assignment_update"),
    path("cong-tac/<int:pk>/xoa/", views.AssignmentDeleteView.as_view(), name="assignment_delete"),
]
