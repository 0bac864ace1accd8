"""indicators:observations — the filtered, sortable, paged table of every observation."""
import datetime as dt

import pytest
from django.urls import reverse

from indicators.models import Area, Observation
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db
URL = reverse("indicators:observations")


@pytest.fixture
def rows():
    province, district, other = (Area.objects.get(key=key) for key in ("24", "218", "52"))  # Lục Nam is in Bắc Giang
    members = make_indicator()
    staff = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow", name_vi="Tinh giản biên chế")
    document = make_document(area=province)
    make_observation(indicator=members, area=province, value="89455", document=document, source_line=1,
                     quote="89.455 đảng viên", status=Observation.VERIFIED)
    make_observation(indicator=members, area=district, value="8123", day=dt.date(2022, 6, 30))
    make_observation(indicator=staff, area=other, value="1224", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2021, 12, 31), in_conflict=True)
    return province


def test_lists_every_observation_with_formatted_values(client, rows):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "89.455" in html and "8.123" in html and "1.224" in html
    assert "01/01/2021 – 31/12/2021" in html
    # The download links carry the page's order (newest first, goals last) even when none was chosen.
    assert 'href="/observations/export.csv?sort=newest"' in html


def test_area_filter_includes_districts_and_keeps_filters_in_export_links(client, rows):
    response = client.get(URL, {"area": "24", "family": "party_members"})
    html = response.content.decode()
    assert "89.455" in html and "8.123" in html and "1.224" not in html
    assert "/observations/export.csv?area=24&amp;family=party_members&amp;sort=newest" in html
    assert "/observations.json?area=24&amp;family=party_members&amp;sort=newest" in html


def test_status_and_date_filters(client, rows):
    html = client.get(URL, {"status": "verified"}).content.decode()
    assert "89.455" in html and "8.123" not in html
    html = client.get(URL, {"date_from": "2023-01-01"}).content.decode()
    assert "89.455" in html and "8.123" not in html and "1.224" not in html


def test_sorting_by_value(client, rows):
    html = client.get(URL, {"sort": "value"}).content.decode()
    assert html.index("1.224") < html.index("8.123") < html.index("89.455")
    html = client.get(URL, {"sort": "-value"}).content.decode()
    assert html.index("89.455") < html.index("8.123")


def test_paging_keeps_filters(client, rows):
    members = rows.observations.first().indicator
    for year in range(1960, 2020):
        make_observation(indicator=members, area=rows, value=str(year), day=dt.date(year, 12, 31))
    response = client.get(URL, {"area": "24", "sort": "period_end"})
    html = response.content.decode()
    assert "31/12/1960" in html and "31/12/2019" not in html
    assert "area=24" in html and "page=2" in html
    second = client.get(URL, {"area": "24", "sort": "period_end", "page": 2}).content.decode()
    assert "31/12/2019" in second and "31/12/1960" not in second


def test_empty_result_says_so(client, rows):
    response = client.get(URL, {"indicator": "party.members.total", "date_to": "1990-01-01"})
    assert response.status_code == 200
    assert "Không có số liệu nào khớp bộ lọc" in response.content.decode()


def test_bad_filter_is_400_with_a_message_naming_it(client, rows):
    response = client.get(URL, {"date_from": "31/31/2024", "area": "nowhere"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bộ lọc không hợp lệ" in html and "date_from" in html and "area" in html


def test_queries_do_not_grow_with_rows(client, rows, django_assert_max_num_queries):
    members = rows.observations.first().indicator
    for year in range(1980, 2020):
        make_observation(indicator=members, area=rows, value=str(year), day=dt.date(year, 12, 31))
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200


def test_a_count_past_the_cap_says_more_than(client, rows, monkeypatch):
    monkeypatch.setattr("indicators.paging.CappedPaginator.count_cap", 1)
    html = client.get(URL).content.decode()
    assert "hơn 1 dòng" in html and "tải CSV" in html


# --- A planner's explorer: names, plain choices, values as stated, the page's order in its downloads ---

import csv  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from indicators.templatetags.number_format import format_stated_value  # noqa: E402

CSV_URL = reverse("indicators:observations_csv")
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.I)


def english(client):
    client.cookies["django_language"] = "en"  # what the language switch sets
    return client


class VietnameseOutsideLangVi(HTMLParser):
    """The body's text nodes with Vietnamese letters whose closest lang is not "vi"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.unmarked, self.in_body = [], [], False

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.in_body or any(tag in ("script", "style") for tag, _lang in self.stack):
            return
        text = " ".join(data.split())
        closest = next((lang for _tag, lang in reversed(self.stack) if lang), None)
        if text and VIETNAMESE.search(text) and closest != "vi":
            self.unmarked.append(text)


def unmarked_vietnamese(html: str) -> list[str]:
    parser = VietnameseOutsideLangVi()
    parser.feed(html)
    return parser.unmarked


def table_row_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="row-(\d+)"', html)]


def csv_link(html: str) -> str:
    return re.search(r'href="(/observations/export\.csv\?[^"]*)">CSV<', html).group(1).replace("&amp;", "&")


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize("typed", ["Bắc Giang", "bac giang", "Tỉnh Bắc Giang", "  BẮC   GIANG ", "Tỉnh Bắc Giang (24)"])
def test_a_name_in_the_area_box_moves_to_its_key(client, rows, typed):
    response = client.get(URL, {"area": typed, "family": "party_members"})
    assert response.status_code == 302
    assert response["Location"] == "/observations/?area=24&family=party_members"
    html = client.get(response["Location"]).content.decode()
    assert "89.455" in html and "8.123" in html and "1.224" not in html
    assert 'value="Tỉnh Bắc Giang (24)"' in html  # the box names the area it filters by
    assert "Hãy chọn một lựa chọn hợp lệ" not in html


def test_a_bare_name_means_the_province_not_its_city_or_the_new_ward(client, rows):
    # "Bắc Giang" is also Thành phố Bắc Giang (district 213) and, since 2025, Phường Bắc Giang.
    assert client.get(URL, {"area": "Bắc Giang"})["Location"] == "/observations/?area=24"
    assert client.get(URL, {"area": "Thành phố Bắc Giang"})["Location"] == "/observations/?area=213"
    assert client.get(URL, {"area": "tay son"})["Location"] == "/observations/?area=547"


def test_an_ambiguous_name_lists_the_areas_it_may_mean(client, rows):
    response = client.get(URL, {"area": "Bắc Ninh", "family": "party_members"})  # before and after 2025
    assert response.status_code == 400
    html = response.content.decode()
    assert "tên này ứng với 2 địa bàn, hãy chọn một" in html
    assert 'href="/observations/?area=27&amp;family=party_members"' in html
    assert 'href="/observations/?area=24-2025&amp;family=party_members"' in html
    assert "đến 30/06/2025" in html and "từ 01/07/2025" in html
    assert 'value="Tỉnh Bắc Ninh (27)"' in html  # first among the box's suggestions
    assert "Hãy chọn một lựa chọn hợp lệ" not in html


def test_of_two_units_sharing_a_name_the_one_with_data_is_meant(client, rows):
    make_observation(indicator=rows.observations.first().indicator, area=Area.objects.get(key="27"), value="5")
    assert client.get(URL, {"area": "Bắc Ninh"})["Location"] == "/observations/?area=27"


def test_an_unknown_name_says_so_with_suggestions(client, rows):
    html = client.get(URL, {"area": "Bắc Gian"}).content.decode()
    assert "không có địa bàn nào đúng tên này. Có phải là" in html
    assert 'href="/observations/?area=24"' in html
    html = client.get(URL, {"area": "Xyzzy"}).content.decode()
    assert "Hãy gõ tên tỉnh, huyện, xã" in html


def test_the_exports_read_a_name_too_and_say_plainly_what_is_wrong(client, rows):
    rows = csv_rows(client.get(CSV_URL, {"area": "bac giang", "header": "codes"}))
    assert {row["value"] for row in rows} == {"89455", "8123"}
    response = client.get(CSV_URL, {"area": "Bắc Ninh"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "area='Bắc Ninh'" in text and "area=27" in text and "area=24-2025" in text


@pytest.mark.parametrize("language, everything, family", [("vi", "Tất cả", ">Đảng viên<"), ("en", "All", ">Party members<")])
def test_choices_in_plain_words_of_the_readers_language(client, rows, language, everything, family):
    client.cookies["django_language"] = language
    html = client.get(URL).content.decode()
    assert "---------" not in html
    assert f'<option value="" selected>{everything}</option>' in html
    assert family in html and ">party_members<" not in html and " / " not in re.sub(r"<[^>]+>", "", html)
    assert html.count(f'<option value="" selected>{everything}</option>') == 5  # level, family, indicator, term, status
    assert '<option value="" selected>Tất cả / All</option>' not in html


def test_yes_no_choices_name_their_default_once(client, rows):
    html = client.get(URL).content.decode()
    children = re.search(r'<select name="children".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", children) == ["Có", "Không"]


def test_values_read_as_the_report_stated_them(client, rows):
    share = make_indicator(code="party.members.young.share", unit="percent", name_vi="Tỷ lệ đảng viên trẻ")
    make_observation(indicator=share, area=rows, value="84", qualifier="từ … trở lên")
    make_observation(indicator=rows.observations.first().indicator, area=rows, value="1200", qualifier="gần",
                     day=dt.date(2020, 12, 31))
    html = client.get(URL).content.decode()
    assert "từ 84% trở lên" in html and "từ … trở lên 84" not in html
    assert "gần 1.200" in html


@pytest.mark.parametrize("value, unit, qualifier, language, stated", [
    ("84", "percent", "từ … trở lên", "vi", "từ 84% trở lên"),
    ("84", "percent", "từ...trở lên", "vi", "từ 84% trở lên"),
    ("1200", "person", "gần", "vi", "gần 1.200"),
    ("50", "unit", "hơn", "vi", "hơn 50"),
    ("15.15", "percent", "", "vi", "15,15%"),
    ("89455", "person", "khoảng", "vi", "khoảng 89.455"),
    ("84", "percent", "từ … trở lên", "en", "at least 84%"),
    ("1200", "person", "gần", "en", "nearly 1,200"),
    ("7", "unit", "chừng", "en", "chừng 7"),  # no English words for it: the report's, before the number
    (None, "person", "gần", "vi", ""),
])
def test_format_stated_value(value, unit, qualifier, language, stated):
    assert format_stated_value(value, unit, qualifier, language=language) == stated


@pytest.fixture
def goal_and_results(rows):
    members = rows.observations.first().indicator
    goal = make_observation(indicator=members, area=rows, value="95000", breakdown="target=yes",
                            period_start=dt.date(2025, 12, 31), period_end=dt.date(2030, 12, 31))
    newest = make_observation(indicator=members, area=rows, value="90000", day=dt.date(2024, 12, 31))
    return goal, newest


def test_default_order_is_newest_first_with_goals_last(client, goal_and_results):
    goal, newest = goal_and_results
    html = client.get(URL).content.decode()
    ids = table_row_ids(html)
    assert ids[0] == newest.pk and ids[-1] == goal.pk
    dates = list(Observation.objects.filter(pk__in=ids[:-1]).order_by("-period_end", "-id").values_list("pk", flat=True))
    assert ids[:-1] == dates
    assert "Mục tiêu" in html  # the goal says it is one


def test_sorting_by_a_column_puts_goals_with_the_rest(client, goal_and_results):
    goal, _newest = goal_and_results
    assert table_row_ids(client.get(URL, {"sort": "-period_end"}).content.decode())[0] == goal.pk


@pytest.mark.parametrize("query", [{}, {"sort": "-value"}, {"sort": "area", "area": "24"}, {"sort": "document"},
                                   {"sort": "period_end", "family": "party_members"}])
def test_the_csv_link_gives_the_pages_rows_in_the_pages_order(client, goal_and_results, query):
    html = client.get(URL, query).content.decode()
    link = csv_link(html)
    for name, value in query.items():
        assert f"{name}={value}" in link
    rows = csv_rows(client.get(f"{link}&header=codes"))
    assert [int(row["observation_id"]) for row in rows] == table_row_ids(html)


def test_the_json_and_excel_links_carry_the_same_query(client, goal_and_results):
    html = client.get(URL, {"sort": "-value", "area": "24"}).content.decode()
    assert 'href="/observations.json?sort=-value&amp;area=24"' in html
    assert 'href="/observations/export.xlsx?sort=-value&amp;area=24"' in html
    body = client.get("/observations.json", {"sort": "-value", "area": "24"}).json()
    assert [row["value"] for row in body["rows"]] == [95000, 90000, 89455, 8123]


def test_hidden_columns_leave_the_table_and_the_downloads(client, rows):
    html = client.get(URL, {"hide": ["breakdown", "document"]}).content.decode()
    assert ">Phân tổ<" not in html and ">Nguồn<" not in html and "Chỉ tiêu" in html
    link = csv_link(html)
    assert "hide=breakdown&hide=document" in link
    header = csv_rows(client.get(f"{link}&header=codes"))[0].keys()
    assert "breakdown" not in header and "quote" not in header and "source_document" not in header
    assert {"indicator_code", "area_name", "value", "period_end", "observation_id"} <= set(header)


def test_the_csv_header_follows_the_readers_language_and_header_codes_gives_codes(client, rows):
    from indicators.exports import HEADER

    def header(**query):
        body = b"".join(client.get(CSV_URL, query).streaming_content).decode("utf-8-sig")
        return body.splitlines()[0].split(",")

    vietnamese = header()
    assert vietnamese[:2] == ["Mã chỉ tiêu", "Tên chỉ tiêu"] and "Giá trị" in vietnamese
    assert header(header="codes") == HEADER
    english(client)
    assert header()[:2] == ["Indicator code", "Indicator"] and "Value" in header()
    assert header(header="vi") == vietnamese
    assert header(header="codes") == HEADER
    html = client.get(URL).content.decode()
    assert "header=codes" in html  # the page says how to get the codes


def test_paging_is_in_the_readers_language(client, rows):
    members = rows.observations.first().indicator
    for year in range(1900, 2020):  # three pages
        make_observation(indicator=members, area=rows, value=str(year), day=dt.date(year, 12, 31))
    html = client.get(URL, {"page": 2}).content.decode()
    assert "Trang sau" in html and "Trang trước" in html and ">next<" not in html.replace(" ", "").replace("\n", "")
    html = english(client).get(URL, {"page": 2}).content.decode()
    assert ">Next</a>" in html and ">Previous</a>" in html


def test_an_english_page_marks_every_vietnamese_text(client, goal_and_results):
    rows = goal_and_results[0].area
    document = make_document(file_name="báo cáo tổng kết.txt", area=rows)
    make_observation(indicator=make_indicator(code="staff.x", family="staff", unit="percent", name_vi="Tỷ lệ tinh giản"),
                     area=rows, value="84", qualifier="từ … trở lên", breakdown="sex=nữ; type=Cán bộ quy hoạch",
                     document=document, source_line=3)
    for query in ({}, {"area": "Bắc Ninh"}, {"area": "Bắc Gian"}):
        html = english(client).get(URL, query).content.decode()
        assert unmarked_vietnamese(html) == [], query
    assert "at least 84%" in english(client).get(URL).content.decode()


@pytest.mark.parametrize("query, named", [
    ({"sort": "nonsense"}, "sort"), ({"hide": "value"}, "hide"), ({"area": "x\x00y"}, "area"),
    ({"area": "z" * 500}, "area"), ({"document": "abc"}, "document"),
])
def test_bad_input_is_a_400_naming_the_parameter(client, rows, query, named):
    for url in (URL, CSV_URL, reverse("indicators:observations_xlsx"), reverse("indicators:observations_json")):
        response = client.get(url, query)
        assert response.status_code == 400, url
        assert named in response.content.decode(), url


def test_a_bad_page_number_shows_a_page(client, rows):
    assert client.get(URL, {"page": "abc"}).status_code == 200
    assert client.get(URL, {"page": "999"}).status_code == 200
    assert client.get(CSV_URL, {"header": "fr"}).status_code == 400


def test_newest_first_pages_cross_from_results_to_goals_without_sorting_every_row(rows):
    from indicators.filters import NewestFirstRows, sorted_observations

    members = rows.observations.first().indicator
    for year in (2030, 2035):
        make_observation(indicator=members, area=rows, value=str(year), breakdown="target=yes", day=dt.date(year, 12, 31))
    expected = list(sorted_observations(Observation.objects.all(), "newest").values_list("pk", flat=True))
    paged = NewestFirstRows(Observation.objects.all(), values=["pk"])
    assert len(expected) == 5 and len(paged) == 5
    for start in range(6):
        for size in (1, 2, 3, 10):
            assert [row[0] for row in paged[start:start + size]] == expected[start:start + size]
    assert [row[0] for row in paged] == expected


def test_the_json_link_pages_every_row_once_in_the_pages_order(client, goal_and_results):
    html = client.get(URL).content.decode()
    url = re.search(r'href="(/observations\.json\?[^"]*)">JSON<', html).group(1).replace("&amp;", "&") + "&page_size=2"
    seen = []
    while url:
        body = client.get(url).json()
        seen += [row["observation_id"] for row in body["rows"]]
        url = body["next"]
    assert seen == table_row_ids(html)


def test_a_new_filter_keeps_the_chosen_sort_but_adds_none(client, rows):
    assert 'type="hidden" name="sort"' not in client.get(URL).content.decode()
    assert '<input type="hidden" name="sort" value="-value"' in client.get(URL, {"sort": "-value"}).content.decode()
