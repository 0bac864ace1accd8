"""reports:quality — conflicts with their sources, warnings grouped by document, filterable; in the
reader's language, warnings named by their label with the code in small print."""
import datetime as dt

import pytest
from django.urls import reverse

from reports.models import DocumentWarning
from tests.factories import make_area, make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["django_language"] = "en"  # what the language switch sets
    return client


def test_empty_state(client):
    response = client.get(reverse("reports:quality"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không có số liệu mâu thuẫn." in page and "Không có cảnh báo." in page
    page = english(client).get(reverse("reports:quality")).content.decode()
    assert "No conflicts." in page and "No warnings." in page and "Không có" not in page


@pytest.fixture
def conflicting():
    area = make_area()
    indicator = make_indicator(code="public.service_units", family="public_bodies", unit="unit",
                               name_vi="Đơn vị sự nghiệp công lập")
    older = make_document(file_name="000.txt", area=area)
    newer = make_document(file_name="003.txt", area=area, text="003")
    quiet = make_document(file_name="quiet.txt", area=area, text="quiet")
    day = dt.date(2023, 12, 31)
    make_observation(indicator=indicator, area=area, value="857", day=day, document=older, source_line=35,
                     quote="857 đơn vị", in_conflict=True)
    make_observation(indicator=indicator, area=area, value="859", day=day, document=newer, source_line=120,
                     quote="859 đơn vị", in_conflict=True)
    DocumentWarning.objects.create(document=newer, line=120, code="conflict", quote="859 đơn vị",
                                   message="Số liệu mâu thuẫn / conflicting values: 859 ở đây / here, khác với / but 857")
    DocumentWarning.objects.create(document=older, line=7, code="broken_cell", message="#REF! trong Biểu 2")
    DocumentWarning.objects.create(document=quiet, line=None, code="no_reference_date", message="không có ngày")
    return older, newer, quiet


def test_conflicts_show_each_value_with_its_source_link(client, conflicting, django_assert_max_num_queries):
    older, newer, _ = conflicting
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reports:quality"))
    page = response.content.decode()
    assert "Đơn vị sự nghiệp công lập" in page and "Số liệu mâu thuẫn (1)" in page
    assert f'href="/documents/{older.pk}/#L35"' in page and f'href="/documents/{newer.pk}/#L120"' in page
    assert "857" in page and "859" in page and "31/12/2023" in page and "000.txt</span>, dòng 35" in page
    assert "#REF! trong Biểu 2" in page and "không có ngày" in page
    assert page.index("000.txt") < page.index("quiet.txt")


def test_filter_by_document(client, conflicting):
    older, newer, quiet = conflicting
    page = client.get(reverse("reports:quality"), {"document": quiet.pk}).content.decode()
    assert "Số liệu mâu thuẫn (0)" in page and "không có ngày" in page and "#REF!" not in page
    page = client.get(reverse("reports:quality"), {"document": older.pk}).content.decode()
    assert "Số liệu mâu thuẫn (1)" in page and "#REF!" in page and "không có ngày" not in page


def test_unknown_document_filter_shows_everything(client, conflicting):
    page = client.get(reverse("reports:quality"), {"document": "nope"}).content.decode()
    assert "Số liệu mâu thuẫn (1)" in page and "không có ngày" in page


def test_a_table_row_naming_an_indicator_is_listed_with_that_indicators_totals(client):
    area = make_area()
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit",
                           name_vi="Đơn vị sự nghiệp công lập")
    tally = make_indicator(code="local.public_bodies.unit.bieu_14", family="public_bodies", unit="unit",
                           name_vi="Biểu số 14: thống kê về sắp xếp")
    day = dt.date(2023, 12, 31)
    make_observation(indicator=total, area=area, value="857", day=day, document=make_document(file_name="000.txt", area=area),
                     source_line=35, in_conflict=True)
    make_observation(indicator=tally, area=area, value="859", day=day, namesake=total, in_conflict=True,
                     document=make_document(file_name="003.txt", area=area, text="003"), source_line=1556,
                     breakdown="row=… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập",
                     source_row="… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập")
    page = client.get(reverse("reports:quality")).content.decode()
    assert "Số liệu mâu thuẫn (1)" in page and "<code>public.service_units</code>" in page
    assert 'hàng «<span lang="vi">… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập</span>» của bảng' in page
    page = english(client).get(reverse("reports:quality")).content.decode()
    assert 'the table row «<span lang="vi">… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập</span>»' in page


def test_warnings_are_named_by_their_label_in_the_readers_language(client, conflicting):
    page = client.get(reverse("reports:quality")).content.decode()
    assert "Ô bảng tính bị lỗi" in page and "Văn bản không có ngày" in page and "Các nguồn ghi khác nhau" in page
    assert '<code class="muted small">broken_cell</code>' in page  # the code stays, in small print
    assert "Ô chứa lỗi bảng tính (#REF!, #VALUE!…) thay cho số" in page  # what it means, once per kind
    assert page.count('id="warning-kind-broken_cell"') == 1 and 'href="#warning-kind-broken_cell"' in page
    # A message written in both languages shows the reader's half.
    assert "Số liệu mâu thuẫn: 859 ở đây, khác với 857" in page and "conflicting values" not in page

    page = english(client).get(reverse("reports:quality")).content.decode()
    assert "Broken spreadsheet cell" in page and "The report has no date" in page and "Sources disagree" in page
    assert "Ô bảng tính bị lỗi" not in page and "Conflicting values: 859 here, but 857" in page
    # The report's own words stay Vietnamese, marked as such.
    assert '<span lang="vi">#REF! trong Biểu 2</span>' in page and '<q lang="vi">859 đơn vị</q>' in page


def test_english_page_names_indicators_in_english_and_marks_vietnamese_data(client, conflicting):
    from indicators.models import Indicator

    Indicator.objects.filter(code="public.service_units").update(name_en="Public service units")
    page = english(client).get(reverse("reports:quality")).content.decode()
    assert "Public service units" in page and "Đơn vị sự nghiệp công lập" not in page
    assert '<span lang="vi">Tỉnh Thử Nghiệm</span>' in page and "Conflicts (1)" in page and "31 Dec 2023" in page
    assert '<span lang="vi">000.txt</span>, line 35' in page


@pytest.mark.parametrize("message, vietnamese, english_html", [
    # one split, after the Vietnamese sentence
    ("Không rõ thời kỳ của số liệu, không lưu / the period of this change is not stated: not stored",
     "Không rõ thời kỳ của số liệu, không lưu", "The period of this change is not stated: not stored"),
    # pairs inside the sentence, and a second sentence after " — " with its own pair
    ("Số liệu mâu thuẫn / conflicting values: x.y, Tỉnh Bắc Giang, 31/12/2023: 859 ở đây / here, khác với / but 857 "
     "(000.txt, dòng/line 35) — hàng «Tổng / Số đơn vị» có thể tính trong phạm vi hẹp hơn / the row «Tổng / Số đơn vị» "
     "may count a narrower scope",
     "Số liệu mâu thuẫn: x.y, Tỉnh Bắc Giang, 31/12/2023: 859 ở đây, khác với 857 (000.txt, dòng 35) — hàng "
     "«Tổng / Số đơn vị» có thể tính trong phạm vi hẹp hơn",
     'Conflicting values: x.y, <span lang="vi">Tỉnh Bắc Giang</span>, 31/12/2023: 859 here, but 857 (000.txt, line 35)'
     ' — the row <span lang="vi">«Tổng / Số đơn vị»</span> may count a narrower scope'),
    # a bracketed pair, and quoted data that holds " / " and never splits the message
    ("Không xác định được huyện “Tây Sơn” / cannot resolve district “Tây Sơn” (thêm tỉnh / add --province): x",
     "Không xác định được huyện “Tây Sơn”", 'Cannot resolve district <span lang="vi">“Tây Sơn”</span> (add --province): x'),
    # written in Vietnamese only (the table checks): the same in both, marked whole in English
    ("Biểu số 6, hàng «Số lượng / Đã nghỉ hưu», cột «Thời điểm / 31/12/2023»: ô lỗi bảng tính #VALUE!",
     "Biểu số 6, hàng «Số lượng / Đã nghỉ hưu», cột «Thời điểm / 31/12/2023»: ô lỗi bảng tính #VALUE!",
     '<span lang="vi">Biểu số 6, hàng «Số lượng / Đã nghỉ hưu», cột «Thời điểm / 31/12/2023»: ô lỗi bảng tính '
     '#VALUE!</span>'),
])
def test_a_message_in_the_readers_language(message, vietnamese, english_html):
    from django.utils.html import escape

    from reports.bilingual import message_html

    assert message_html(message, language="vi") == escape(vietnamese)
    assert message_html(message, language="en") == english_html
