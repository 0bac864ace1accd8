"""Every page works on an intranet: no asset (script, style, image, font, frame) from another host."""
import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from indicators.models import Area
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db
# src=, href= of <link>, srcset=, CSS url(), @import: anything the browser fetches by itself.
ASSET_URL = re.compile(
    r"""(?:\bsrc|\bsrcset|<link[^>]*\bhref|\bdata|\bposter)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.fixture
def pages():
    area = Area.objects.get(key="24")
    document = make_document(area=area, text="Đảng bộ có **89.455** đảng viên.")
    indicator = make_indicator()
    make_observation(indicator=indicator, area=area, value="89455", document=document, source_line=1,
                     quote="89.455 đảng viên", day=dt.date(2024, 12, 31))
    return [
        reverse("indicators:home"), reverse("indicators:area", args=["24"]),
        reverse("indicators:area", args=["nowhere"]), reverse("indicators:indicator", args=[indicator.code]),
        reverse("indicators:observations"), reverse("indicators:document", args=[document.pk]),
    ]


def test_pages_load_no_asset_from_another_host(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert not ASSET_URL.search(html), f"{url} loads an external asset: {ASSET_URL.search(html).group()}"


def test_the_scan_would_catch_a_cdn():
    assert ASSET_URL.search('<script src="https://cdn.plot.ly/plotly-2.js"></script>')
    assert ASSET_URL.search('<link rel="stylesheet" href="//fonts.googleapis.com/css">')
    assert ASSET_URL.search("body { background: url('https://example.com/x.png') }")
    assert not ASSET_URL.search('<a href="https://example.com/">a link is not an asset</a>')


def test_own_static_files_reference_no_other_host():
    for name in ("css/site.css", "js/charts.js"):
        with open(finders.find(name), encoding="utf-8") as handle:
            assert not ASSET_URL.search(handle.read()), name


def test_plotly_is_served_by_the_app(client):
    assert finders.find("plotly/plotly.min.js")
