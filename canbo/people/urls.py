"""URLs of the people pages (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from . import training_views, views

urlpatterns = [
    path("can-bo/", views.person_list_view, name="person_list"),
    path("can-bo/them/", views.PersonCreateView.as_view(), name="person_create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.PersonUpdateView.as_view(), name="person_update"),
    path("can-bo/<int:pk>/anh/", views.person_photo, name="person_photo"),
    path(
        "can-bo/<int:pk>/trinh-do/them/", views.QualificationCreateView.as_view(), name="qualification_create"
    ),
    path(
        "can-bo/<int:pk>/trinh-do/<int:item_pk>/sua/",
        views.QualificationUpdateView.as_view(),
        name="qualification_update",
    ),
    path(
        "can-bo/<int:pk>/trinh-do/<int:item_pk>/xoa/",
        views.QualificationDeleteView.as_view(),
        name="qualification_delete",
    ),
    path("can-bo/<int:pk>/gia-dinh/them/", views.FamilyMemberCreateView.as_view(), name="family_create"),
    path(
        "can-bo/<int:pk>/gia-dinh/<int:item_pk>/sua/",
        views.FamilyMemberUpdateView.as_view(),
        name="family_update",
    ),
    path(
        "can-bo/<int:pk>/gia-dinh/<int:item_pk>/xoa/",
        views.FamilyMemberDeleteView.as_view(),
        name="family_delete",
    ),
    path(
        "can-bo/<int:pk>/dao-tao/them/",
        training_views.TrainingCourseCreateView.as_view(),
        name="training_course_create",
    ),
    path(
        "can-bo/<int:pk>/dao-tao/<int:item_pk>/sua/",
        training_views.TrainingCourseUpdateView.as_view(),
        name="training_course_update",
    ),
    path(
        "can-bo/<int:pk>/dao-tao/<int:item_pk>/xoa/",
        training_views.TrainingCourseDeleteView.as_view(),
        name="training_course_delete",
    ),
    path("can-bo/<int:pk>/tai-lieu/them/", views.AttachmentCreateView.as_view(), name="attachment_create"),
    path(
        "can-bo/<int:pk>/tai-lieu/<int:attachment_pk>/", views.attachment_download, name="attachment_download"
    ),
    path(
        "can-bo/<int:pk>/tai-lieu/<int:item_pk>/xoa/",
        views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
]
