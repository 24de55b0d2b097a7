"""URLs of the downloads (included into the "web" namespace by canbo.web.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("can-bo/<int:pk>/mau-2c.docx", views.person_form2c, {"fmt": "docx"}, name="person_form2c_docx"),
    path("can-bo/<int:pk>/mau-2c.pdf", views.person_form2c, {"fmt": "pdf"}, name="person_form2c_pdf"),
    path("can-bo/mau-2c.docx", views.selection_form2c, {"fmt": "docx"}, name="form2c_selection_docx"),
    path("can-bo/mau-2c.pdf", views.selection_form2c, {"fmt": "pdf"}, name="form2c_selection_pdf"),
    path("can-bo/xuat.xlsx", views.person_list_export, name="person_list_xlsx"),
]
