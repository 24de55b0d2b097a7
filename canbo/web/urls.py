"""URLs of the web interface; the apps' page URLs join this "web" namespace."""

from django.urls import include, path

from . import codelists, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("canbo.people.urls")),
    path("", include("canbo.posts.urls")),
    path("", include("canbo.org.urls")),
    path("", include("canbo.audit.urls")),
    path("", include("canbo.programmes.urls")),
    path("", include("canbo.imports.urls")),
    path("", include("canbo.documents.urls")),
    path("danh-muc/", codelists.codelist_index, name="codelist_index"),
    path("danh-muc/<slug:slug>/", codelists.codelist_detail, name="codelist_detail"),
    path("danh-muc/<slug:slug>/them/", codelists.codelist_edit, name="codelist_create"),
    path("danh-muc/<slug:slug>/<int:pk>/sua/", codelists.codelist_edit, name="codelist_update"),
    path("tra-cuu/don-vi/", views.lookup_units, name="lookup_units"),
    path("tra-cuu/chuc-vu/", views.lookup_titles, name="lookup_titles"),
    path("tra-cuu/can-bo/", views.lookup_people, name="lookup_people"),
    path("tra-cuu/nhiem-ky/", views.lookup_terms, name="lookup_terms"),
    path("tra-cuu/dia-ban/", views.lookup_localities, name="lookup_localities"),
]
