"""indicators:document — the report line by line, its numbers highlighted and linked both ways."""
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
    assert "Mâu thuẫn nguồn" in html and f'<a href="#obs-{grassroots.pk}">Tổ chức cơ sở đảng: 581</a>' in html


def test_unknown_document_is_404(client, reading):
    assert client.get(reverse("indicators:document", args=[99999])).status_code == 404


def test_queries_are_fixed(client, reading, django_assert_max_num_queries):
    document, members, *_ = reading
    for line in range(1, 40):
        make_observation(indicator=members.indicator, area=members.area, value=str(line), document=document,
                         source_line=2, quote=f"{line}", period_start=members.period_start.replace(year=1980 + line),
                         period_end=members.period_end.replace(year=1980 + line))
    with django_assert_max_num_queries(4):
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
