"""The programme pages on a small province whose right answers are obvious: the dashboard, the drill-down,
the history, the comparison of units, the downloads, and the Vietnamese errors instead of a 500."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from canbo.core import testing as make
from canbo.org.choices import Level
from canbo.posts.choices import TitleRank
from canbo.programmes import views
from canbo.programmes.models import Indicator, Programme
from canbo.programmes.services import target_set

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = "11/12/2024"
PASSWORD = "mat-khau-thu-nghiem"

YOUNG = {"field": "age", "op": "<", "value": 40}


def leaders(level: str) -> dict[str, Any]:
    return {
        "source": "posts",
        "levels": [level],
        "ranks": ["key", "head", "deputy"],
        "include_concurrent": False,
    }


def indicator(
    programme: Programme,
    code: str,
    name: str,
    definition: dict[str, Any],
    *,
    position: int,
    baseline: tuple[int, int] | None = None,
    target: dict[str, Any] | None = None,
) -> Indicator:
    item = Indicator.objects.create(
        programme=programme,
        code=code,
        name=name,
        subject="cán bộ dưới 40 tuổi",
        definition=definition,
        position=position,
        baseline_numerator=baseline[0] if baseline else None,
        baseline_denominator=baseline[1] if baseline else None,
        baseline_date=programme.baseline_date if baseline else None,
    )
    if target:
        target_set(actor=None, indicator=item, year=2025, data=target)
    return item


@pytest.fixture
def user(db: Any) -> Any:
    user = get_user_model().objects.create_user("chuyenvien", password=PASSWORD)
    make.grant(user, "specialist")  # a Board specialist: the whole province
    return user


@pytest.fixture
def signed_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


@pytest.fixture
def province(db: Any) -> dict[str, Any]:
    """Two departments and a district (ended 30/06/2025) under the province; a young head, an old deputy
    and a young district chair; a neighbouring province outside the programme's territory."""
    root = make.unit("Tỉnh Lào Cai", kind="administration", code="LC")
    dept = make.unit("Sở Nội vụ", parent=root, code="SNV")
    other = make.unit("Sở Tài chính", parent=root, code="STC")
    district = make.unit(
        "UBND huyện Bảo Thắng", parent=root, level=Level.DISTRICT, valid_to=D(2025, 6, 30), code="BT"
    )
    elsewhere = make.unit("Tỉnh Yên Bái", kind="administration", code="YB")
    head = make.title("Giám đốc Sở", rank=TitleRank.HEAD, sole=True, leadership=True)
    deputy = make.title("Phó Giám đốc Sở", rank=TitleRank.DEPUTY, leadership=True)
    chair = make.title(
        "Chủ tịch UBND huyện", level=Level.DISTRICT, rank=TitleRank.KEY, sole=True, leadership=True
    )
    an = make.person("Trần Văn An", birth_date=D(1990, 1, 1))
    binh = make.person("Lê Văn Bình", birth_date=D(1960, 1, 1))
    hang = make.person("Nguyễn Thị Hằng", birth_date=D(1992, 5, 5))
    make.assign(an, dept, head, D(2015, 1, 1))
    make.assign(binh, other, deputy, D(2015, 1, 1))
    make.assign(hang, district, chair, D(2016, 1, 1), D(2025, 6, 30))
    programme = Programme.objects.create(
        code="T-18",
        title="Đề án thử xây dựng đội ngũ cán bộ",
        kind="scheme",
        issuer="Tỉnh ủy Lào Cai",
        document_number="18-ĐA/TU",
        document_date=D(2020, 12, 11),
        period_start=2020,
        period_end=2025,
        baseline_date=D(2020, 12, 11),
        territory=root,
    )
    young_province = indicator(
        programme,
        "T-1a",
        "Cán bộ lãnh đạo quản lý cấp tỉnh dưới 40 tuổi",
        {"population": leaders("province"), "numerator": [YOUNG]},
        position=0,
        baseline=(11, 428),
        target={"comparison": "range", "low": 5, "high": 10},
    )
    young_district = indicator(
        programme,
        "T-1b",
        "Cán bộ lãnh đạo quản lý cấp huyện dưới 40 tuổi",
        {"population": leaders("district"), "numerator": [YOUNG]},
        position=1,
        baseline=(10, 127),
        target={"comparison": "more_than", "low": 15},
    )
    women = indicator(
        programme,
        "T-2",
        "Cán bộ lãnh đạo quản lý là nữ",
        {
            "population": {"source": "posts", "leadership": True},
            "numerator": [{"field": "sex", "value": "nu"}],
        },
        position=2,
    )
    return {
        "root": root,
        "dept": dept,
        "other": other,
        "district": district,
        "elsewhere": elsewhere,
        "programme": programme,
        "young": young_province,
        "young_district": young_district,
        "women": women,
        "an": an,
        "binh": binh,
        "hang": hang,
        "deputy": deputy,
    }


def urls(p: dict[str, Any]) -> list[str]:
    code = p["programme"].code
    return [
        reverse("web:programme_list"),
        reverse("web:programme_detail", args=[code]),
        reverse("web:programme_summary", args=[code]),
        reverse("web:programme_units", args=[code]) + "?q=noi vu",
        reverse("web:programme_export", args=[code, "xlsx"]),
        reverse("web:programme_export", args=[code, "docx"]),
        reverse("web:indicator_people", args=[code, "T-1a"]),
        reverse("web:indicator_history", args=[code, "T-1a"]),
        reverse("web:indicator_compare", args=[code, "T-1a"]),
    ]


def names(response: Any) -> list[str]:
    """The people listed on a drill-down page, in order."""
    return re.findall(r'class="cb-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_it_requires_login(client: Any, province: dict[str, Any]) -> None:
    for url in urls(province):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_it_renders_every_page(signed_in: Any, province: dict[str, Any]) -> None:
    for url in urls(province):
        assert signed_in.get(url, {"as_of": AS_OF}).status_code == 200, url


def test_the_dashboard_shows_baseline_value_target_status_and_gap(
    signed_in: Any, province: dict[str, Any]
) -> None:
    response = signed_in.get(reverse("web:programme_detail", args=["T-18"]), {"as_of": AS_OF})
    body = response.content.decode()
    assert response.status_code == 200
    # T-1a: the young head and the old deputy → 1/2 = 50%, above the 5–10% range.
    row = re.search(r'data-indicator="T-1a".*?</tbody>', body, re.S).group(0)
    assert "2,57%" in row and "11/428" in row  # the baseline, correctly rounded, with its pair
    assert "50,00%" in row and ">1</a>/<a" in row and ">2</a>" in row
    assert "5–10%" in row and "năm 2025" in row
    assert 'data-status="not_yet"' in row and "Chưa đạt" in row
    assert "Vượt mức trên 1 cán bộ dưới 40 tuổi." in row
    # T-1b: the young district chair → 1/1, above 15%.
    district = re.search(r'data-indicator="T-1b".*?</tbody>', body, re.S).group(0)
    assert "7,87%" in district and "100,00%" in district and 'data-status="achieved"' in district
    women = re.search(r'data-indicator="T-2".*?</tbody>', body, re.S).group(0)
    assert "33,33%" in women and 'data-status="no_target"' in women and "Chưa có chỉ tiêu" in women
    # T-1a and T-1b share number 1 under a heading, as in Phụ lục 1.
    assert "Cán bộ lãnh đạo quản lý dưới 40 tuổi" in body and "Cấp tỉnh:" in body and "Cấp huyện:" in body
    assert "11/12/2020" in body and "11/12/2024" in body


def test_district_rows_are_not_applicable_after_the_reform(signed_in: Any, province: dict[str, Any]) -> None:
    body = signed_in.get(
        reverse("web:programme_detail", args=["T-18"]), {"as_of": "01/12/2025"}
    ).content.decode()
    district = re.search(r'data-indicator="T-1b".*?</tbody>', body, re.S).group(0)
    assert 'data-status="not_applicable"' in district
    assert "Không áp dụng từ 01/07/2025" in district
    assert "0,00%" not in district


def test_a_future_date_is_refused_in_vietnamese(
    signed_in: Any, province: dict[str, Any], monkeypatch: Any
) -> None:
    url = reverse("web:programme_detail", args=["T-18"])
    response = signed_in.get(url, {"as_of": "01/01/2999"})
    assert response.status_code == 200  # the date control refuses it and the page shows today's figures
    assert "không hợp lệ" in response.content.decode()
    # A date that was valid when chosen but is after "today" by the time the engine runs.
    monkeypatch.setattr("canbo.programmes.engine.today", lambda: D(2024, 12, 10))
    for name in ("programme_detail", "indicator_people", "indicator_compare", "indicator_history"):
        args = ["T-18"] if name == "programme_detail" else ["T-18", "T-1a"]
        response = signed_in.get(reverse(f"web:{name}", args=args), {"as_of": AS_OF})
        assert response.status_code == 400, name
        assert "không được sau hôm nay" in response.content.decode(), name


def test_a_unit_outside_the_territory_is_refused_in_vietnamese(
    signed_in: Any, province: dict[str, Any]
) -> None:
    outside = province["elsewhere"].pk
    for name in ("programme_detail", "indicator_people", "indicator_compare", "indicator_history"):
        args = ["T-18"] if name == "programme_detail" else ["T-18", "T-1a"]
        response = signed_in.get(reverse(f"web:{name}", args=args), {"as_of": AS_OF, "unit": outside})
        assert response.status_code == 400, name
        assert "Đơn vị “Tỉnh Yên Bái” nằm ngoài phạm vi của T-18." in response.content.decode(), name
    export = signed_in.get(
        reverse("web:programme_export", args=["T-18", "xlsx"]), {"unit": outside}, follow=True
    )
    assert "nằm ngoài phạm vi của T-18" in export.content.decode()
    # A unit that does not exist is not found, exactly like one outside the user's scope (canbo.access).
    assert (
        signed_in.get(reverse("web:programme_detail", args=["T-18"]), {"unit": "999999"}).status_code == 404
    )


def test_the_unit_picker_offers_only_the_territory(signed_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:programme_units", args=["T-18"])
    found = {row["text"] for row in signed_in.get(url, {"q": "tinh"}).json()["results"]}
    assert "Tỉnh Lào Cai" in found and "Tỉnh Yên Bái" not in found
    assert [r["text"] for r in signed_in.get(url, {"q": "noi vu"}).json()["results"]] == ["Sở Nội vụ"]


def test_the_figures_follow_the_chosen_unit(signed_in: Any, province: dict[str, Any]) -> None:
    body = signed_in.get(
        reverse("web:programme_detail", args=["T-18"]), {"as_of": AS_OF, "unit": province["other"].pk}
    ).content.decode()
    row = re.search(r'data-indicator="T-1a".*?</tbody>', body, re.S).group(0)
    assert "0,00%" in row and ">0</a>/<a" in row and "Cần thêm 1 cán bộ dưới 40 tuổi để đạt 5–10%." in row
    assert "Sở Tài chính" in body


def test_the_drill_down_lists_exactly_the_people_counted(signed_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:indicator_people", args=["T-18", "T-1a"])
    assert names(signed_in.get(url, {"as_of": AS_OF, "part": "numerator"})) == ["Trần Văn An"]
    denominator = signed_in.get(url, {"as_of": AS_OF, "part": "denominator"})
    assert names(denominator) == ["Trần Văn An", "Lê Văn Bình"]  # by given name: An before Bình
    body = denominator.content.decode()
    assert "Giám đốc Sở" in body and "Sở Nội vụ" in body and "01/01/1990" in body
    assert names(signed_in.get(url, {"as_of": AS_OF, "unit": province["other"].pk})) == []
    women = reverse("web:indicator_people", args=["T-18", "T-2"])
    assert names(signed_in.get(women, {"as_of": AS_OF})) == ["Nguyễn Thị Hằng"]
    # After the reform the district chair holds no post: the drill-down follows the date.
    assert names(signed_in.get(women, {"as_of": "01/12/2025"})) == []


def test_the_drill_down_pages_fifty_at_a_time(
    signed_in: Any, province: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for name in ("Vũ Văn Cường", "Vũ Văn Dũng", "Vũ Văn Giang"):
        make.assign(
            make.person(name, birth_date=D(1970, 1, 1)), province["dept"], province["deputy"], D(2016, 1, 1)
        )
    url = reverse("web:indicator_people", args=["T-18", "T-1a"])
    first = signed_in.get(url, {"as_of": AS_OF, "part": "denominator"})
    last = signed_in.get(url, {"as_of": AS_OF, "part": "denominator", "page": 3})
    beyond = signed_in.get(url, {"as_of": AS_OF, "part": "denominator", "page": 9})
    assert names(first) == ["Trần Văn An", "Lê Văn Bình"]
    assert names(last) == ["Vũ Văn Giang"]
    assert names(beyond) == ["Vũ Văn Giang"]  # an old link past the end shows the last page
    assert 'data-testid="total">5<' in first.content.decode()


def test_the_dashboard_costs_a_bounded_number_of_queries(
    signed_in: Any, province: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    url = reverse("web:programme_detail", args=["T-18"])
    signed_in.get(url, {"as_of": AS_OF})  # the date is kept in the session from here on
    # session, user, the user's grants (one read per request), programme, indicators, targets, then one
    # count per indicator (3): the history charts are not computed here but loaded when opened.
    with django_assert_max_num_queries(9):
        response = signed_in.get(url)
    assert "11/12/2024" in response.content.decode()
    with django_assert_max_num_queries(11):  # with a unit: the unit is read to check it and to show it
        signed_in.get(url, {"unit": province["dept"].pk})


def test_the_drill_down_reads_a_page_of_people_in_one_query(
    signed_in: Any, province: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    url = reverse("web:indicator_people", args=["T-18", "T-1a"])
    signed_in.get(url, {"as_of": AS_OF})  # the date is kept in the session from here on
    for i in range(30):
        make.assign(
            make.person(f"Đỗ Văn Dũng {i}", birth_date=D(1995, 1, 1)),
            province["dept"],
            province["deputy"],
            D(2016, 1, 1),
        )
    # session, user, grants, programme, indicator; then the page of people, their posts and total in one query
    with django_assert_max_num_queries(6) as captured:
        response = signed_in.get(url, {"part": "denominator"})
    assert len(names(response)) == 32
    assert sum('"people_person"' in q["sql"] for q in captured.captured_queries) == 1


def test_the_history_is_computed_on_the_baseline_day_each_year(
    signed_in: Any, province: dict[str, Any]
) -> None:
    url = reverse("web:indicator_history", args=["T-18", "T-1a"])
    response = signed_in.get(url, {"as_of": AS_OF}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body  # a fragment for htmx
    data = json.loads(
        re.search(r'<script id="history-t-1a-data" type="application/json">(.*?)</script>', body, re.S).group(
            1
        )
    )
    assert [p["date"] for p in data["points"]] == [f"{y}-12-11" for y in range(2020, 2025)]
    assert data["points"][-1]["label"] == "50,00%" and data["points"][-1]["pair"] == "1/2 người"
    assert data["points"][0]["value"] == 50.0  # both held their posts since 2015
    assert data["baseline"] == {
        "date": "2020-12-11",
        "day": "11/12/2020",
        "value": pytest.approx(2.5701, abs=1e-4),
        "label": "2,57%",
        "pair": "11/428 người",
    }
    assert data["target"] == {"low": 5.0, "high": 10.0, "label": "Mục tiêu 2025: 5–10%"}
    page = signed_in.get(url, {"as_of": AS_OF})
    assert "<html" in page.content.decode() and "echarts.min.js" in page.content.decode()


def test_history_dates_stop_at_the_as_of_date() -> None:
    anchor = D(2020, 12, 11)
    assert views.history_dates(anchor, D(2022, 11, 22)) == [D(2020, 12, 11), D(2021, 12, 11), D(2022, 11, 22)]
    assert views.history_dates(anchor, D(2022, 12, 20)) == [
        D(2020, 12, 11),
        D(2021, 12, 11),
        D(2022, 12, 11),
        D(2022, 12, 20),
    ]
    assert views.history_dates(D(2020, 2, 29), D(2021, 3, 1)) == [
        D(2020, 2, 29),
        D(2021, 2, 28),
        D(2021, 3, 1),
    ]
    assert views.history_dates(anchor, D(2019, 5, 1)) == [D(2019, 5, 1)]  # before the baseline: just that day


def test_the_comparison_puts_laggards_first(signed_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:indicator_compare", args=["T-18", "T-1a"])
    response = signed_in.get(url, {"as_of": AS_OF})
    body = response.content.decode()
    table = re.search(r'data-testid="compare-table".*?</table>', body, re.S).group(0)
    # Sở Nội vụ 1/1 = 100% is 90 points above the 5–10% range; Sở Tài chính 0/1 is 5 points below it.
    assert table.index("Sở Nội vụ") < table.index("Sở Tài chính")
    assert "UBND huyện Bảo Thắng" not in table  # no provincial leaders there: named below, not ranked
    assert "1 đơn vị không có đối tượng để tính: UBND huyện Bảo Thắng." in body
    data = json.loads(
        re.search(r'<script id="compare-data" type="application/json">(.*?)</script>', body, re.S).group(1)
    )
    assert data["units"] == ["Sở Nội vụ", "Sở Tài chính"]
    assert data["values"] == [100.0, 0.0] and data["labels"] == ["100,00% (1/1)", "0,00% (0/1)"]
    assert data["target"]["low"] == 5.0 and data["target"]["high"] == 10.0
    assert "Chung Tỉnh Lào Cai" in body and "50,00%" in body


def test_the_comparison_goes_down_a_level(signed_in: Any, province: dict[str, Any]) -> None:
    division = make.unit("Phòng Công chức", parent=province["dept"], kind="division")
    url = reverse("web:indicator_compare", args=["T-18", "T-1a"])
    top = signed_in.get(url, {"as_of": AS_OF}).content.decode()
    assert f'href="?unit={province["dept"].pk}"' in top  # Sở Nội vụ has units below it
    below = signed_in.get(url, {"as_of": AS_OF, "unit": province["dept"].pk}).content.decode()
    assert division.name in below and "Các đơn vị trực thuộc Sở Nội vụ" in below


def test_the_downloads_are_named_and_typed(signed_in: Any, province: dict[str, Any]) -> None:
    xlsx = signed_in.get(reverse("web:programme_export", args=["T-18", "xlsx"]), {"as_of": AS_OF})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert xlsx["Content-Disposition"] == 'attachment; filename="chi-tieu-t-18-11-12-2024.xlsx"'
    assert xlsx.content[:2] == b"PK"
    docx = signed_in.get(
        reverse("web:programme_export", args=["T-18", "docx"]), {"as_of": AS_OF, "unit": province["dept"].pk}
    )
    assert docx["Content-Disposition"] == 'attachment; filename="chi-tieu-t-18-snv-11-12-2024.docx"'
    assert signed_in.get(reverse("web:programme_export", args=["T-18", "pdf"])).status_code == 404


def test_the_list_shows_the_programmes_and_their_standing(signed_in: Any, province: dict[str, Any]) -> None:
    body = signed_in.get(reverse("web:programme_list"), {"as_of": AS_OF}).content.decode()
    assert "Đề án thử xây dựng đội ngũ cán bộ" in body and "Đề án số 18-ĐA/TU, ngày 11/12/2020" in body
    summary = signed_in.get(
        reverse("web:programme_summary", args=["T-18"]), {"as_of": AS_OF}
    ).content.decode()
    assert "Đạt: <strong" in summary and "Chưa đạt: <strong" in summary


def test_unknown_programmes_and_indicators_are_not_found(signed_in: Any, province: dict[str, Any]) -> None:
    assert signed_in.get(reverse("web:programme_detail", args=["KHONG-CO"])).status_code == 404
    assert signed_in.get(reverse("web:indicator_people", args=["T-18", "KHONG-CO"])).status_code == 404
