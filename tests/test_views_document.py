"""indicators:document — the report line by line, its numbers highlighted and linked both ways."""
import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.models import DocumentWarning
from indicators.models import Area
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db

TEXT = "\n".join([
    "**BÁO CÁO** tổng kết",
    "Đảng bộ tỉnh có **581** tổ chức cơ sở đảng và **4.343** tổ chức đảng; với **89.455** đảng viên.",
    "Diện tích 3.895 km<sup>2</sup> <script>alert(1)</script>",
    "Tỷ lệ tinh giản đạt 15,15%.",
])


def span(line: int, number: str, occurrence: int = 1) -> dict:
    """The characters of the n-th `number` in TEXT's line: the span the extractor stores."""
    text, start = TEXT.split("\n")[line - 1], -1
    for _ in range(occurrence):
        start = text.index(number, start + 1)
    return {"source_start": start, "source_end": start + len(number)}


@pytest.fixture
def reading():
    area = Area.objects.get(key="24")
    document = make_document(area=area, text=TEXT, file_name="003_bac_giang.txt")
    members = make_observation(indicator=make_indicator(), area=area, value="89455", document=document,
                               source_line=2, quote="với **89.455** đảng viên", **span(2, "89.455"))
    grassroots = make_observation(
        indicator=make_indicator(code="party.orgs.grassroots", family="party_organizations", unit="organization",
                                 name_vi="Tổ chức cơ sở đảng"),
        area=area, value="581", document=document, source_line=2, quote="581 tổ chức cơ sở đảng", in_conflict=True,
        **span(2, "581"))
    share = make_observation(
        indicator=make_indicator(code="staff.reduced_rate", family="staff", unit="percent", name_vi="Tỷ lệ tinh giản"),
        area=area, value="15.15", document=document, source_line=4, quote="đạt 15,15%", **span(4, "15,15%"))
    DocumentWarning.objects.create(document=document, line=3, code="unread_number", message="Không đọc được số 3.895")
    return document, members, grassroots, share


def test_lines_have_anchors_and_numbers_link_to_observations(client, reading):
    document, members, grassroots, share = reading
    response = client.get(reverse("indicators:document", args=[document.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for number in range(1, 5):
        assert f'id="L{number}"' in html
    assert (f'<a class="source-number" id="mark-{members.pk}" href="#obs-{members.pk}"><mark><strong>89.455'
            f'</strong></mark></a>') in html
    assert f'id="mark-{grassroots.pk}" href="#obs-{grassroots.pk}"><mark><strong>581</strong></mark>' in html
    assert f'href="#obs-{share.pk}"><mark>15,15%</mark>' in html  # the span read: the number and its %
    for observation in (members, grassroots, share):
        assert f'id="obs-{observation.pk}"' in html and f'href="#mark-{observation.pk}"' in html


def test_report_markup_is_escaped_except_bold_and_sup(client, reading):
    document = reading[0]
    html = client.get(reverse("indicators:document", args=[document.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "km<sup>2</sup>" in html and "<strong>BÁO CÁO</strong>" in html


def test_warnings_and_conflicts_beside_the_text(client, reading):
    document, _, grassroots, _ = reading
    html = client.get(reverse("indicators:document", args=[document.pk])).content.decode()
    assert "Không đọc được số 3.895" in html and 'href="#L3"' in html
    assert "Mâu thuẫn nguồn" in html
    assert (f'<a href="#obs-{grassroots.pk}" data-line="2"><span lang="vi">Tổ chức cơ sở đảng</span>: 581</a>') in html


def test_unknown_document_is_404(client, reading):
    assert client.get(reverse("indicators:document", args=[99999])).status_code == 404


def test_queries_are_fixed(client, reading, django_assert_max_num_queries):
    document, members, *_ = reading
    for line in range(1, 40):
        make_observation(indicator=members.indicator, area=members.area, value=str(line), document=document,
                         source_line=2, quote=f"{line}", period_start=members.period_start.replace(year=1980 + line),
                         period_end=members.period_end.replace(year=1980 + line))
    # the document, observations per line, the page's observations and conflicts, warnings, earlier versions
    with django_assert_max_num_queries(5):
        assert client.get(reverse("indicators:document", args=[document.pk])).status_code == 200


def test_the_mark_is_on_the_characters_read_not_the_first_equal_number(client):
    """"01 đảng bộ thị xã, 01 đảng bộ thành phố": each observation marks its own 01."""
    area = Area.objects.get(key="24")
    line = "gồm 08 đảng bộ huyện, 01 đảng bộ thị xã, **01** đảng bộ thành phố."
    document = make_document(area=area, text=line, file_name="parts.txt")
    second = line.index("01", line.index("01") + 1)
    city = make_observation(indicator=make_indicator(), area=area, value="1", document=document, source_line=1,
                            quote="01 đảng bộ thành phố", source_start=second, source_end=second + 2)
    typed = make_observation(indicator=make_indicator(code="party.orgs.total", name_vi="Tổ chức đảng"), area=area,
                             value="8", document=document, source_line=1, quote="08 đảng bộ huyện")  # no span
    html = client.get(reverse("indicators:document", args=[document.pk])).content.decode()
    assert (f'01 đảng bộ thị xã, <a class="source-number" id="mark-{city.pk}" href="#obs-{city.pk}">'
            f'<mark><strong>01</strong></mark></a> đảng bộ thành phố') in html
    assert f'id="mark-{typed.pk}"' not in html and f'href="#L1"' in html  # listed, linked to its line


# --- The report's own markup, line by line ------------------------------------------------------------
# Invented lines in the shapes the converted reports have: headings, bold titles glued to their heading,
# lists, a rule, tab-separated table rows with <b> cells, a pipe table, escaped stars.
MARKDOWN = "\n".join([
    "**BÁO CÁO****sơ kết công tác tổ chức năm 2022;  ",  # 1: two header lines a converter glued
    "nhiệm vụ năm 2023**",  # 2: the bold title goes on
    "",
    "-----",  # 4
    "## **I- TÌNH HÌNH CHUNG**",  # 5
    "- Toàn huyện có **24** chi bộ, *trong đó 3 chi bộ mới*.",  # 6
    "*\\* Ghi chú:* số liệu đến 30/6.",  # 7: an escaped star in italics
    "Nội dung\tSố lượng\tGhi chú",  # 8: a tab table
    "<b>Tổng số</b>\t<b>1.159</b>\t<script>x()</script>",  # 9
    "",
    "| Đơn vị | Số đảng viên |",  # 11: a pipe table and its header
    "|---|---:|",  # 12
    "| Xã A | 312 |",  # 13
])


@pytest.fixture
def markdown_document():
    area = Area.objects.get(key="24")
    document = make_document(area=area, text=MARKDOWN, file_name="markdown.txt")
    lines = MARKDOWN.split("\n")

    def at(line, number):
        start = lines[line - 1].index(number)
        return {"source_line": line, "source_start": start, "source_end": start + len(number), "quote": number}

    branches = make_observation(indicator=make_indicator(), area=area, value="24", document=document, **at(6, "24"))
    total = make_observation(indicator=make_indicator(code="party.orgs.total", name_vi="Tổ chức đảng"), area=area,
                             value="1159", document=document, **at(9, "1.159"))
    commune = make_observation(indicator=make_indicator(code="party.members.commune", name_vi="Đảng viên xã"),
                               area=area, value="312", document=document, **at(13, "312"))
    return document, branches, total, commune


def document_html(client, document, **query) -> str:
    response = client.get(reverse("indicators:document", args=[document.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_markdown_is_rendered_line_by_line(client, markdown_document):
    document, branches, total, commune = markdown_document
    html = document_html(client, document)
    # the glued header lines split where the converter joined them; the bold goes on on the next line
    assert '<strong>BÁO CÁO</strong><br><strong>sơ kết công tác tổ chức năm 2022;</strong></p>' in html
    assert 'id="L2" data-n="2"><strong>nhiệm vụ năm 2023</strong></p>' in html
    assert '<hr class="line" id="L4">' in html
    assert '<h3 class="line heading" id="L5" data-n="5"><strong>I- TÌNH HÌNH CHUNG</strong></h3>' in html
    assert '<span class="item-marker" aria-hidden="true">•</span>Toàn huyện có ' in html  # no "- "
    assert "<em>trong đó 3 chi bộ mới</em>." in html
    assert "<em>* Ghi chú:</em> số liệu đến 30/6." in html  # the escaped star is a star, not markup
    for raw in ("## ", "**", "| Xã A |", "|---|", "\\*"):
        assert raw not in html.split('<div class="page-lines"')[1].split("</article>")[0], raw


def test_tables_are_tables_in_a_box_that_scrolls(client, markdown_document):
    document, branches, total, commune = markdown_document
    html = document_html(client, document)
    assert html.count('<div class="table-box" role="region" tabindex="0"') == 2
    assert ('<tr id="L9"><td class="ln">9</td><td><strong>Tổng số</strong></td><td class="number">'
            f'<a class="source-number" id="mark-{total.pk}" href="#obs-{total.pk}"><mark><strong>1.159</strong></mark></a>'
            '</td><td>&lt;script&gt;x()&lt;/script&gt;</td></tr>') in html
    assert '<tr id="L11"><td class="ln">11</td><th>Đơn vị</th><th>Số đảng viên</th></tr>' in html
    assert '<tr id="L12" class="delimiter" hidden></tr>' in html
    assert (f'<td>Xã A</td><td class="number"><a class="source-number" id="mark-{commune.pk}" '
            f'href="#obs-{commune.pk}"><mark>312</mark></a></td>') in html


def test_marks_land_on_the_characters_read_inside_a_list_item(client, markdown_document):
    document, branches, *_ = markdown_document
    html = document_html(client, document)
    assert (f'Toàn huyện có <a class="source-number" id="mark-{branches.pk}" href="#obs-{branches.pk}">'
            f'<mark><strong>24</strong></mark></a> chi bộ') in html
    assert f'<a class="back" href="#mark-{branches.pk}">dòng 6</a>' in html


def test_report_text_stays_inert_in_headings_and_cells(client):
    area = Area.objects.get(key="24")
    document = make_document(area=area, file_name="x.txt",
                             text='## <img src=x onerror="alert(1)"> **đậm**\n| <script>a</script> | b |\nx\t<i onclick="y">z</i>')
    html = document_html(client, document)
    assert "<script>a</script>" not in html and "<img" not in html and 'onclick="y"' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <strong>đậm</strong>" in html
    assert "&lt;script&gt;a&lt;/script&gt;" in html and "&lt;i onclick=&quot;y&quot;&gt;z" in html


def test_render_line_keeps_marks_on_exact_characters_around_the_markup():
    from types import SimpleNamespace

    from indicators.views.line_markup import render_line

    line = "**Tổng số:****1.159** đảng viên, \\*ghi chú"
    start = line.index("1.159")
    html, marks = render_line(line, observations=[SimpleNamespace(id=7, source_start=start, source_end=start + 5)])
    assert html == ('<strong>Tổng số:</strong><br><a class="source-number" id="mark-7" href="#obs-7"><mark>'
                    '<strong>1.159</strong></mark></a> đảng viên, *ghi chú')
    assert [(m.start, m.end, m.observation_ids) for m in marks] == [(8, 13, [7])]


# --- Pages of lines --------------------------------------------------------------------------------------
LONG_LINE = "Trong kỳ, toàn tỉnh kết nạp {n} đảng viên mới, trong đó có nhiều đảng viên trẻ ở các chi bộ thôn, bản."


@pytest.fixture
def long_document():
    """1.500 lines, each with a number read from it: several pages."""
    area = Area.objects.get(key="24")
    text = "\n".join(LONG_LINE.format(n=n) for n in range(1, 1501))
    document = make_document(area=area, text=text, file_name="long.txt")
    indicator = make_indicator()
    for n in (1, 700, 1500):
        start = LONG_LINE.index("{n}")
        make_observation(indicator=indicator, area=area, value=str(n), document=document, source_line=n,
                         quote=str(n), source_start=start, source_end=start + len(str(n)), period_start=dt.date(2000 + n % 20, 1, 1),
                         period_end=dt.date(2000 + n % 20, 12, 31))
    DocumentWarning.objects.create(document=document, line=1400, code="unread_number", message="Không đọc được số")
    return document


def test_a_long_report_comes_a_page_of_lines_at_a_time(client, long_document):
    html = document_html(client, long_document)
    assert 'id="L1"' in html and 'id="L200"' in html and 'id="L201"' not in html
    assert 'data-report-later href="?page=2"' in html and 'data-report-earlier href="" hidden' in html
    # a warning on a line of another page links to that page
    assert 'href="?page=7#L1400" data-line="1400">dòng 1400</a>' in html
    assert len(html.encode()) < 100_000


def test_the_page_holding_a_line_and_its_neighbours(client, long_document):
    html = document_html(client, long_document, line=700)
    assert 'id="L700"' in html and 'id="L601"' in html and 'id="L600"' not in html and 'id="L801"' not in html
    assert 'data-report-earlier href="?page=3"' in html and 'data-report-later href="?page=5"' in html
    assert "<mark>700</mark>" in html and 'class="back" href="#mark-' in html
    by_page = document_html(client, long_document, page=4)
    assert by_page.split('<div class="document-layout">')[1] == html.split('<div class="document-layout">')[1]


def test_a_fragment_is_just_the_lines_and_their_readings(client, long_document):
    response = client.get(reverse("indicators:document", args=[long_document.pk]), {"line": 700, "fragment": 1})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith('<div class="report-page" data-page="4" data-first="601" data-last="800"')
    assert 'data-prev="3" data-next="5"' in html
    assert '<section class="page-readings" data-page="4">' in html and "<mark>700</mark>" in html


def test_a_line_past_the_end(client, long_document):
    html = document_html(client, long_document, line=99999)
    assert "Báo cáo này có 1500 dòng; không có dòng 99999." in html and 'id="L1500"' in html
    assert "đây là trang cuối" in document_html(client, long_document, page=99)
    url = reverse("indicators:document", args=[long_document.pk])
    assert client.get(url, {"line": 99999, "fragment": 1}).status_code == 404
    for bad in ({"page": "abc"}, {"line": "0"}, {"line": "-3"}):
        response = client.get(url, bad)
        assert response.status_code == 400 and response["Content-Type"].startswith("text/plain"), bad


def test_pages_stay_light_however_long_and_dense_the_report(client):
    """Long lines full of numbers, each read: a page ends before it grows heavy."""
    area = Area.objects.get(key="24")
    line = "\t".join(["<b>Đảng bộ xã, phường, thị trấn thuộc huyện</b>"] + [f"<b>{n}.{n:03d}</b>" for n in range(1, 13)])
    document = make_document(area=area, text="\n".join([line] * 400), file_name="dense.txt")
    indicator = make_indicator()
    starts = [line.index(f"{n}.{n:03d}") for n in range(1, 13)]
    for number in range(1, 401):
        for k, start in enumerate(starts):
            make_observation(indicator=indicator, area=area, value=str(k), document=document, source_line=number,
                             quote="x", source_start=start, source_end=start + 5, breakdown=f"row=Đảng bộ xã; column={k}",
                             period_start=dt.date(1900 + k, 1, 1), period_end=dt.date(1900 + k, 12, 31))
    for query in ({}, {"page": 3}, {"line": 400}):
        html = document_html(client, document, **query)
        assert len(html.encode()) < 150_000, (query, len(html.encode()))


def test_pages_are_cut_by_lines_and_by_weight():
    from indicators.views.documents import LINES_PER_PAGE, PAGE_WEIGHT, document_pages, page_of_line

    pages = document_pages([10] * 450, {})
    assert [(p.first, p.last) for p in pages] == [(1, LINES_PER_PAGE), (201, 400), (401, 450)]
    heavy = document_pages([PAGE_WEIGHT // 2 + 1] * 3 + [5], {4: 1})
    assert [(p.first, p.last) for p in heavy] == [(1, 1), (2, 2), (3, 4)]
    assert page_of_line(pages, 201).number == 2 and page_of_line(pages, 450).number == 3
    assert [(p.first, p.last) for p in document_pages([0], {})] == [(1, 1)]


# --- Title and languages ------------------------------------------------------------------------------------
def test_a_stored_title_is_shown_clean(client):
    area = Area.objects.get(key="24")
    document = make_document(area=area, text="BÁO CÁO", file_name="t.txt")
    document.title = "tổng kết công tác  tổ chức nhiệm kỳ 2020 – 2025;"
    document.save()
    html = document_html(client, document)
    assert '<h1 class="document-title" lang="vi">tổng kết công tác tổ chức nhiệm kỳ 2020 – 2025</h1>' in html
    assert "<title>tổng kết công tác tổ chức nhiệm kỳ 2020 – 2025 · " in html


class VietnameseOutsideLangVi(HTMLParser):
    """The texts of <body> with Vietnamese letters whose closest lang is not "vi"."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"}
    LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.IGNORECASE)

    def __init__(self):
        super().__init__()
        self.stack, self.in_body, self.found = [], False, []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag not in self.VOID:
            parent = self.stack[-1][1] if self.stack else None
            self.stack.append((tag, dict(attrs).get("lang", parent)))

    def handle_endtag(self, tag):
        while self.stack and tag not in self.VOID:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        inside = self.stack[-1] if self.stack else (None, None)
        if self.in_body and inside[0] not in ("script", "style") and self.LETTER.search(data) and inside[1] != "vi":
            self.found.append(data.strip())


@pytest.mark.parametrize("fixture", ["reading", "markdown_document"])
def test_in_english_the_reports_words_are_marked_vietnamese(client, request, fixture):
    document = request.getfixturevalue(fixture)[0]
    DocumentWarning.objects.create(document=document, line=1, code="unread_number", message="Không đọc được số")
    client.cookies["django_language"] = "en"
    html = document_html(client, document)
    assert '<html lang="en">' in html and "Report text" in html and "Extracted figures" in html
    checker = VietnameseOutsideLangVi()
    checker.feed(html)
    assert checker.found == [], checker.found


def test_a_page_starting_inside_a_bold_title_keeps_it_bold():
    from indicators.views.line_markup import LineContext, render_page

    lines = ["## BÁO CÁO", "**kết quả công tác năm 2021,", "phương hướng năm 2022**", "", "- mục *một", "tiếp"]
    html = render_page(lines, 3, 6, context_of=lambda n: LineContext(number=n)).html
    assert 'id="L3" data-n="3"><strong>phương hướng năm 2022</strong></p>' in html
    assert "<em>một</em>" in html and 'id="L6" data-n="6"><em>tiếp</em></p>' in html  # an item's paragraph goes on
