"""Database constraints back the rules even for writes that bypass the services."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from canbo.core import testing as make
from canbo.posts.choices import TitleRank
from canbo.posts.models import Assignment

pytestmark = pytest.mark.django_db
D = dt.date


def test_reversed_period_is_refused_by_the_database():
    hang, dept, staff = make.person(), make.unit(), make.title()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            person=hang, unit=dept, title=staff, valid_from=D(2020, 1, 2), valid_to=D(2020, 1, 1)
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_overlapping_main_posts_are_refused_by_postgresql():
    hang, dept, staff = make.person(), make.unit(), make.title()
    Assignment.objects.create(person=hang, unit=dept, title=staff, valid_from=D(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(person=hang, unit=dept, title=staff, valid_from=D(2021, 1, 1))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_overlapping_sole_post_holders_are_refused_by_postgresql():
    dept = make.unit()
    head = make.title("Giám đốc", rank=TitleRank.HEAD, sole=True)
    Assignment.objects.create(
        person=make.person("Trần Văn An"), unit=dept, title=head, valid_from=D(2020, 1, 1), is_sole_post=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            person=make.person("Lê Văn Bình"),
            unit=dept,
            title=head,
            valid_from=D(2021, 1, 1),
            is_sole_post=True,
        )
