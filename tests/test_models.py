"""Rules the database itself enforces, whatever the write path."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from indicators.models import AreaLineage, Term
from tests.factories import make_area, make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_code_reused_after_the_reform_is_another_area():
    old = make_area(key="test-52", code="T52", name="Tỉnh Bình Định", short_name="Bình Định", valid_to=dt.date(2025, 6, 30))
    new = make_area(key="test-52-2025", code="T52", name="Tỉnh Gia Lai", short_name="Gia Lai", valid_from=dt.date(2025, 7, 1))
    assert old.pk != new.pk and old.code == new.code
    refused(lambda: make_area(key="test-52-again", code="T52", valid_from=dt.date(2025, 7, 1)))


def test_an_area_cannot_end_before_it_starts():
    refused(lambda: make_area(key="test-1", valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 6, 30)))


def test_lineage_links_are_unique_and_never_to_itself():
    old = make_area(key="test-24", valid_to=dt.date(2025, 6, 30))
    new = make_area(key="test-27-2025", code="27", name="Tỉnh Bắc Ninh", short_name="Bắc Ninh", valid_from=dt.date(2025, 7, 1))
    AreaLineage.objects.create(predecessor=old, successor=new, event="merge", effective_date=dt.date(2025, 7, 1))
    refused(lambda: AreaLineage.objects.create(predecessor=old, successor=new, event="merge",
                                               effective_date=dt.date(2025, 7, 1)))
    refused(lambda: AreaLineage.objects.create(predecessor=old, successor=old, event="rename",
                                               effective_date=dt.date(2025, 7, 1)))


def test_a_term_ends_after_it_starts_and_its_label_is_unique():
    Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30))
    refused(lambda: Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025",
                                        start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30)))
    refused(lambda: Term.objects.create(kind=Term.PEOPLES_COUNCIL, label="x", start=dt.date(2021, 1, 1),
                                        end=dt.date(2020, 1, 1)))


def test_an_observation_period_cannot_run_backwards():
    area = make_area()
    refused(lambda: make_observation(indicator=make_indicator(), area=area,
                                     period_start=dt.date(2024, 1, 1), period_end=dt.date(2023, 1, 1)))


def test_the_same_number_from_the_same_words_is_stored_once():
    area = make_area()
    document = make_document(area=area)
    indicator = make_indicator()
    make_observation(indicator=indicator, area=area, document=document, source_line=3, source_start=12)
    refused(lambda: make_observation(indicator=indicator, area=area, document=document, source_line=3,
                                     source_start=12))
    # Another line of the same document may state the same number again, and so may the same line elsewhere
    # ("01 đảng bộ thị xã, 01 đảng bộ thành phố").
    make_observation(indicator=indicator, area=area, document=document, source_line=4, source_start=12)
    make_observation(indicator=indicator, area=area, document=document, source_line=3, source_start=40)
