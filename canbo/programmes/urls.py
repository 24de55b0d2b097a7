"""URLs of the programme pages (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("chi-tieu/", views.programme_list, name="programme_list"),
    path("chi-tieu/<str:code>/", views.programme_detail, name="programme_detail"),
    path("chi-tieu/<str:code>/tom-tat/", views.programme_summary, name="programme_summary"),
    path("chi-tieu/<str:code>/don-vi/", views.programme_units, name="programme_units"),
    path("chi-tieu/<str:code>/tai-ve.<str:fmt>", views.programme_export, name="programme_export"),
    path("chi-tieu/<str:code>/<str:indicator>/", views.indicator_people, name="indicator_people"),
    path("chi-tieu/<str:code>/<str:indicator>/lich-su/", views.indicator_history, name="indicator_history"),
    path("chi-tieu/<str:code>/<str:indicator>/so-sanh/", views.indicator_compare, name="indicator_compare"),
]
