"""The "Danh mục" section: each code list with a table and create/edit forms.

Code lists are reference data; their ModelForms validate with full_clean() and save() directly
(agreed for this section), while persons and their history are written only through services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Action
from canbo.access.scopes import user_scope
from canbo.core.text import fold
from canbo.people.forms import EthnicityForm, QualificationLevelForm, ReligionForm
from canbo.people.models import Ethnicity, QualificationLevel, Religion
from canbo.posts.forms import ManagementCategoryForm, TitleForm
from canbo.posts.models import ManagementCategory, Title

from .forms import mark_invalid
from .views import record_write_refusal

PAGE_SIZE = 100


@dataclass(frozen=True)
class CodeList:
    """One code list: its model, form, the columns of its table and the fields searched."""

    slug: str
    label: Any
    description: Any
    model: type[models.Model]
    form: type[forms.ModelForm]
    columns: tuple[str, ...]
    search: tuple[str, ...]
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()


CODE_LISTS = {
    item.slug: item
    for item in (
        CodeList(
            "dan-toc",
            gettext_lazy("Dân tộc"),
            gettext_lazy("54 dân tộc theo bảng mã chính thức, với các cách viết khác để nhập liệu."),
            Ethnicity,
            EthnicityForm,
            ("code", "name", "aliases", "code_system", "is_minority", "is_active"),
            ("name", "code"),
            prefetch=("aliases",),
        ),
        CodeList(
            "ton-giao",
            gettext_lazy("Tôn giáo"),
            gettext_lazy("Các tôn giáo được Nhà nước công nhận; “Không” là một giá trị."),
            Religion,
            ReligionForm,
            ("code", "name", "is_active"),
            ("name", "code"),
        ),
        CodeList(
            "trinh-do",
            gettext_lazy("Trình độ"),
            gettext_lazy("Bậc trình độ chuyên môn, lý luận chính trị, quản lý nhà nước, ngoại ngữ, tin học."),
            QualificationLevel,
            QualificationLevelForm,
            ("kind", "rank", "code", "name", "is_legacy", "is_active"),
            ("name", "code"),
        ),
        CodeList(
            "chuc-vu",
            gettext_lazy("Chức vụ, chức danh"),
            gettext_lazy("Chức vụ theo cấp, bậc và diện quản lý."),
            Title,
            TitleForm,
            ("code", "name", "level", "rank", "is_leadership", "is_sole", "management_category", "is_active"),
            ("name", "code"),
            related=("management_category",),
        ),
        CodeList(
            "dien-quan-ly",
            gettext_lazy("Diện quản lý"),
            gettext_lazy("Cấp quản lý cán bộ, ví dụ diện Ban Thường vụ Tỉnh ủy quản lý."),
            ManagementCategory,
            ManagementCategoryForm,
            ("position", "code", "name"),
            ("name", "code"),
        ),
    )
}


def _code_list(slug: str) -> CodeList:
    try:
        return CODE_LISTS[slug]
    except KeyError as exc:
        raise Http404 from exc


def _column_label(model: type[models.Model], name: str) -> str:
    if name == "aliases":
        return _("Cách viết khác")
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _cell(obj: models.Model, name: str) -> Any:
    if name == "aliases":
        return ", ".join(alias.alias for alias in obj.aliases.all())  # type: ignore[attr-defined]
    field = obj._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    return value


@login_required
def codelist_index(request: HttpRequest) -> HttpResponse:
    """The code lists with their sizes."""
    items = [{"list": item, "count": item.model._default_manager.count()} for item in CODE_LISTS.values()]
    return render(request, "web/codelists/index.html", {"items": items})


@login_required
def codelist_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One code list as a table, searchable without diacritics."""
    item = _code_list(slug)
    rows = item.model._default_manager.all()
    if item.related:
        rows = rows.select_related(*item.related)
    if item.prefetch:
        rows = rows.prefetch_related(*item.prefetch)
    query = request.GET.get("q", "").strip()
    objects = list(rows)
    if query:
        words = fold(query).split()
        objects = [
            obj
            for obj in objects
            if all(any(word in fold(str(getattr(obj, f))) for f in item.search) for word in words)
        ]
    page = Paginator(objects, PAGE_SIZE).get_page(request.GET.get("page"))
    table = [
        {"obj": obj, "cells": [(name, _cell(obj, name)) for name in item.columns]} for obj in page.object_list
    ]
    context = {
        "item": item,
        "headers": [_column_label(item.model, name) for name in item.columns],
        "table": table,
        "page": page,
        "query": query,
        "lists": CODE_LISTS.values(),
    }
    return render(request, "web/codelists/detail.html", context)


@login_required
def codelist_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Create or edit one entry of a code list (system-wide reference data: system-wide grants only)."""
    if not user_scope(request.user, Action.CHANGE).everything:
        if request.method == "POST":
            record_write_refusal(
                request, reason="code lists need a system-wide grant", operation="codelist_edit"
            )
        raise Http404
    item = _code_list(slug)
    instance = get_object_or_404(item.model, pk=pk) if pk is not None else None
    form = item.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("web:codelist_detail", args=[slug]))
    if form.errors:
        mark_invalid(form)
    title = (
        _("Sửa %(item)s") % {"item": instance}
        if instance
        else _("Thêm vào danh mục %(list)s") % {"list": item.label}
    )
    context = {
        "form": form,
        "page_title": title,
        "cancel_url": reverse("web:codelist_detail", args=[slug]),
        "crumbs": [
            (_("Danh mục"), reverse("web:codelist_index")),
            (item.label, reverse("web:codelist_detail", args=[slug])),
        ],
    }
    return render(request, "web/form.html", context)
