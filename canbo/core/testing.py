"""Factories for tests: small, explicit builders of valid rows through the services."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth import get_user_model

from canbo.org.choices import Level, Sector, UnitKind
from canbo.org.models import OrgUnit
from canbo.people.choices import QualificationKind, Sex
from canbo.people.models import Ethnicity, Person, QualificationLevel, Religion
from canbo.posts.choices import TitleRank
from canbo.posts.models import Title

_counter = itertools.count(1)


def make_user(
    username: str = "chuyenvien",
    *,
    role: str | None = None,
    unit: OrgUnit | None = None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    **extra: Any,
) -> Any:
    """A signed-in-able user; with a role, granted it on a unit's subtree (no unit: the whole system).

    Without a role the user holds no grant and sees nothing (canbo.access): give each test the grant it
    means, e.g. make_user(role="specialist") for a Board specialist of the whole province.
    """
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username, defaults=extra)
    user.set_password("mat-khau-thu-nghiem")
    user.save()
    if role is not None:
        grant(user, role, unit, valid_from=valid_from)
    return user


def grant(
    user: Any, role: str, unit: OrgUnit | None = None, *, valid_from: dt.date = dt.date(2000, 1, 1)
) -> Any:
    """Grant a user a role on a unit's subtree (no unit: the whole system) from a date, open-ended."""
    from canbo.access.models import Grant

    return Grant.objects.create(user=user, role=role, unit=unit, valid_from=valid_from)


def ethnicity(name: str = "Kinh", code: str = "01", minority: bool | None = None) -> Ethnicity:
    """An ethnicity from the 1979 list (Kinh is the only non-minority)."""
    obj, _ = Ethnicity.objects.get_or_create(
        code_system="QD121-TCTK/1979",
        code=code,
        defaults={"name": name, "is_minority": (name != "Kinh") if minority is None else minority},
    )
    return obj


def religion(name: str = "Không", code: str = "00") -> Religion:
    """A religion (Không by default)."""
    obj, _ = Religion.objects.get_or_create(code=code, defaults={"name": name})
    return obj


def level(
    kind: str = QualificationKind.EDUCATION, code: str = "DH", name: str = "Đại học", rank: int = 6
) -> Any:
    """A qualification level."""
    obj, _ = QualificationLevel.objects.get_or_create(
        kind=kind, code=code, defaults={"name": name, "rank": rank}
    )
    return obj


def unit(
    name: str = "Sở Nội vụ",
    *,
    parent: OrgUnit | None = None,
    level: str = Level.PROVINCE,
    valid_from: dt.date = dt.date(1991, 10, 1),
    valid_to: dt.date | None = None,
    **extra: Any,
) -> OrgUnit:
    """A unit created through the service."""
    from canbo.org.services import unit_create

    data = {
        "code": extra.pop("code", f"U{next(_counter):05d}"),
        "name": name,
        "parent": parent,
        "level": level,
        "sector": extra.pop("sector", Sector.STATE),
        "kind": extra.pop("kind", UnitKind.DEPARTMENT),
        "valid_from": valid_from,
        "valid_to": valid_to,
        **extra,
    }
    return unit_create(actor=None, data=data)


def title(
    name: str = "Chuyên viên",
    *,
    level: str = Level.PROVINCE,
    rank: str = TitleRank.STAFF,
    sole: bool = False,
    leadership: bool = False,
    **extra: Any,
) -> Title:
    """A title."""
    return Title.objects.create(
        code=extra.pop("code", f"T{next(_counter):05d}"),
        name=name,
        level=level,
        rank=rank,
        is_sole=sole,
        is_leadership=leadership,
        **extra,
    )


def person(full_name: str = "Nguyễn Thị Hằng", **data: Any) -> Person:
    """A person created through the service with sensible defaults."""
    from canbo.people.services import person_create

    defaults: dict[str, Any] = {
        "full_name": full_name,
        "birth_date": dt.date(1980, 5, 17),
        "sex": Sex.FEMALE if " Thị " in f" {full_name} " else Sex.MALE,
        "ethnicity": ethnicity(),
        "religion": religion(),
    }
    defaults.update(data)
    return person_create(actor=None, data=defaults)


def assign(
    who: Person, where: OrgUnit, post: Title, start: dt.date, end: dt.date | None = None, **data: Any
) -> Any:
    """Give a person a post through the service."""
    from canbo.posts.services import assignment_create

    return assignment_create(
        actor=None,
        person=who,
        data={"unit": where, "title": post, "valid_from": start, "valid_to": end, **data},
    )
