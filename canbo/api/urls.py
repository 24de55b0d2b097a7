"""URLs of the API, mounted at /api/: the endpoints, the OpenAPI schema and the interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from canbo.conduct.api import EligibilityView
from canbo.worklists.api import WorklistIndexView, WorklistRowsView

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("programmes", views.ProgrammeViewSet, basename="programme")

# The schema and the docs are for signed-in users, like every endpoint they describe.
signed_in = [IsAuthenticated]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=signed_in), name="schema"),
    # The split view serves its start-up script as a file (?script=), so the CSP needs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=signed_in),
        name="docs",
    ),
    path("people/<int:pk>/eligibility/", EligibilityView.as_view(), name="person-eligibility"),
    path("worklists/", WorklistIndexView.as_view(), name="worklist-list"),
    path("worklists/<slug:code>/", WorklistRowsView.as_view(), name="worklist-rows"),
    path("", include(router.urls)),
]
