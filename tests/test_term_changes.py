"""indicators.selectors.terms — a term's change only between comparable points: a stock at the
term's opening with a later one inside it, or flows inside the term that do not overlap."""
import datetime as dt
from decimal import Decimal
from itertools import count

from indicators.models import Term
from indicators.selectors.points import Point, distinct_points
from indicators.selectors.terms import flow_term_row, non_overlapping, stock_term_row, term_rows

TERM = Term(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30))
ids = count(1)


def point(value, end, start=None, *, in_conflict=False) -> Point:
    return Point(observation_id=next(ids), period_start=start or end, period_end=end, value=Decimal(value),
                 qualifier="", status="extracted", in_conflict=in_conflict, document_id=None, document_title="",
                 source_line=None, quote="")


def test_a_stock_compares_the_terms_opening_with_its_latest_value():
    points = [point(87107, dt.date(2020, 12, 31)), point(88000, dt.date(2022, 12, 31)), point(89455, dt.date(2024, 3, 12))]
    row = stock_term_row(points, TERM, area_id=1)
    assert (row.start.value, row.end.value, row.change) == (87107, 89455, 2348)
    assert round(row.percent_change, 2) == Decimal("2.70")


def test_one_date_is_not_compared_with_itself():
    row = stock_term_row([point(581, dt.date(2024, 3, 12))], TERM, area_id=1)
    assert row.change is None and row.percent_change is None


def test_a_value_far_from_the_terms_start_is_no_opening():
    # 2023 is not the term's opening: the latest value stands alone, no change is claimed.
    row = stock_term_row([point(100, dt.date(2023, 6, 30)), point(120, dt.date(2024, 6, 30))], TERM, area_id=1)
    assert row.start is None and row.change is None


def test_the_opening_may_be_reported_before_the_term_began():
    row = stock_term_row([point(1010, dt.date(2020, 1, 1)), point(857, dt.date(2023, 12, 31))], TERM, area_id=1)
    assert row.change == -153 and round(row.percent_change, 2) == Decimal("-15.15")


def test_a_change_beyond_100_percent_that_no_report_states_is_for_review_not_printed():
    points = [point(7, dt.date(2020, 12, 31)), point(4343, dt.date(2024, 3, 12))]
    row = stock_term_row(points, TERM, area_id=1)
    assert row.needs_review and row.change is None and row.percent_change is None
    stated = stock_term_row(points, TERM, area_id=1, stated_changes=frozenset({Decimal(4336)}))
    assert not stated.needs_review and stated.change == 4336


def test_flows_inside_the_term_are_summed_without_overlaps():
    flows = [point(4207, dt.date(2021, 12, 31), dt.date(2016, 1, 1)),  # mostly the term before: left out
             point(1224, dt.date(2023, 12, 31), dt.date(2020, 1, 1)),
             point(710, dt.date(2023, 12, 31), dt.date(2021, 1, 1)),  # inside 2020-2023: counted once
             point(300, dt.date(2024, 12, 31), dt.date(2024, 1, 1))]
    row = flow_term_row(flows, TERM, area_id=1)
    assert [p.value for p in row.flows] == [1224, 300] and row.change == 1524
    assert row.percent_change is None


def test_non_overlapping_prefers_the_longest_periods():
    short, long = point(1, dt.date(2022, 12, 31), dt.date(2022, 1, 1)), point(5, dt.date(2023, 12, 31), dt.date(2021, 1, 1))
    assert non_overlapping([short, long]) == [long]


def test_terms_without_data_have_no_row():
    earlier = Term(kind=Term.PARTY_CONGRESS, label="2015-2020", start=dt.date(2015, 10, 1), end=dt.date(2020, 9, 30))
    rows = term_rows([point(89455, dt.date(2024, 3, 12))], is_stock=True, terms=[earlier, TERM], area_id=1)
    assert [row.term_label for row in rows] == ["2020-2025"]


def test_one_point_per_date_and_value_and_uncontested_first():
    day = dt.date(2024, 3, 12)
    twice = [point(89455, day), point(89455, day)]
    assert len(distinct_points(twice)) == 1
    contested = [point(859, dt.date(2023, 12, 31), in_conflict=True), point(857, dt.date(2023, 12, 31))]
    assert [p.value for p in distinct_points(contested)] == [857]
    only_contested = [point(857, dt.date(2023, 12, 31), in_conflict=True)]
    assert [p.value for p in distinct_points(only_contested)] == [857]  # kept when nothing else was reported
