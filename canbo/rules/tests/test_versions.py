"""Rule versions: parameter schemas, overlaps refused, switching on the effective date, confirmation."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from canbo.access.models import Grant, Role
from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.rules.models import RuleVersion
from canbo.rules.selectors import rule_in_force, rule_list
from canbo.rules.services import rule_version_confirm, rule_version_create, rules_load
from canbo.rules.terms import appointment_term_end

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def admin():
    user = make.make_user("quantri")
    Grant.objects.create(user=user, role=Role.ADMIN, unit=None, valid_from=D(2020, 1, 1))
    return user


def data(**extra):
    values = {
        "rule": "appointment.term_years",
        "valid_from": D(2027, 1, 1),
        "parameters": {"years": 4},
        "source": "Nghị định 999/2026/NĐ-CP",
        "article": "Điều 1",
        "confidence": "V",
    }
    values.update(extra)
    return values


def test_loading_is_idempotent(shipped):
    assert shipped["rule_versions_created"] == RuleVersion.objects.count() > 0
    again = rules_load()
    assert again["rule_versions_created"] == 0 and again["calendar_created"] == 0
    assert again["rule_versions_kept"] == shipped["rule_versions_created"]


def test_placeholders_await_confirmation(shipped):
    awaiting = {v.rule for v in RuleVersion.objects.all() if v.awaiting_confirmation}
    assert "reappointment.extension_under_years" in awaiting
    assert not rule_in_force("retirement.age").awaiting_confirmation  # V: verified on the text


def test_a_new_version_switches_on_its_effective_date(shipped, admin):
    rule_version_create(actor=admin, data=data(), close_previous=True)
    previous = RuleVersion.objects.get(rule="appointment.term_years", valid_from=D(2025, 7, 1))
    assert previous.valid_to == D(2026, 12, 31)
    assert appointment_term_end(D(2026, 12, 31))[0] == D(2031, 12, 30)
    assert appointment_term_end(D(2027, 1, 1))[0] == D(2030, 12, 31)
    assert appointment_term_end(D(2024, 3, 1))[1].source.startswith("Nghị định 138")
    assert AuditEvent.objects.filter(object_type="rules.ruleversion").count() >= 2


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"parameters": {"years": "5"}}, "parameters", "“years” phải là số nguyên"),
        ({"parameters": {"years": 5, "months": 2}}, "parameters", "không có tham số “months”"),
        ({"parameters": {}}, "parameters", "Thiếu tham số “years”"),
        ({"parameters": {"years": 40}}, "parameters", "không được lớn hơn 10"),
        (
            {
                "rule": "retirement.age",
                "parameters": {"male": [[2021, 723], [2020, 726]], "female": [[1900, 660]]},
            },
            "parameters",
            "năm phải tăng dần",
        ),
        (
            {"rule": "reappointment.notice", "parameters": {"days": 90, "working_days": "yes"}},
            "parameters",
            "“working_days” phải là true hoặc false",
        ),
        ({"rule": "no.such.rule"}, "rule", "không có trong danh sách"),
        ({"valid_from": D(2026, 1, 1)}, "valid_from", "Trùng thời gian"),
        ({"valid_to": D(2026, 1, 1)}, "__all__", "không được trước ngày bắt đầu"),
    ],
)
def test_bad_versions_are_refused_and_nothing_is_stored(shipped, admin, extra, field, words):
    before = list(RuleVersion.objects.values_list("pk", "valid_from", "valid_to"))
    with pytest.raises(ValidationError) as exc:
        rule_version_create(actor=admin, data=data(**extra))
    assert words in " ".join(exc.value.message_dict.get(field, []))
    assert list(RuleVersion.objects.values_list("pk", "valid_from", "valid_to")) == before


def test_an_overlap_is_refused_without_closing(shipped, admin):
    with pytest.raises(ValidationError) as exc:
        rule_version_create(actor=admin, data=data(), close_previous=False)
    assert "01/07/2025 – nay" in " ".join(exc.value.messages)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_postgresql_refuses_overlaps_that_bypass_the_service(shipped):
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleVersion.objects.create(
            rule="appointment.term_years",
            valid_from=D(2026, 1, 1),
            parameters={"years": 5},
            source="x",
            confidence="V",
        )


def test_only_administrators_change_and_confirm(shipped, admin):
    specialist = make.make_user("chuyenvien")
    Grant.objects.create(user=specialist, role=Role.SPECIALIST, unit=None, valid_from=D(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        rule_version_create(actor=specialist, data=data(), close_previous=True)
    placeholder = RuleVersion.objects.get(rule="reappointment.extension_under_years")
    with pytest.raises(PermissionDenied):
        rule_version_confirm(actor=specialist, version=placeholder)
    confirmed = rule_version_confirm(actor=admin, version=placeholder)
    assert confirmed.confirmed_by == admin and not confirmed.awaiting_confirmation
    with pytest.raises(ValidationError):
        rule_version_confirm(actor=admin, version=placeholder)
    verified = rule_in_force("retirement.age")
    with pytest.raises(ValidationError):
        rule_version_confirm(actor=admin, version=verified)


def test_the_list_shows_every_rule_with_the_current_version(shipped):
    rows = {row.definition.rule_id: row for row in rule_list(on=D(2024, 6, 1))}
    assert rows["reappointment.notice"].current.source == "Quy định 80-QĐ/TW"
    assert len(rows["reappointment.notice"].versions) == 3
