"""Top-level URL map."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", include("canbo.api.urls")),
    path("", include("canbo.security.urls")),
    path("", include("canbo.rules.urls")),
    path("", include("canbo.conduct.urls")),
    path("", include("canbo.worklists.urls")),
    path("", include("canbo.rotation.urls")),
    path("", include("canbo.web.urls")),
]
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", True):
    # Media (photos, scans) are served only to logged-in users through canbo.web views in production;
    # this plain route exists for the single-machine demo.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
