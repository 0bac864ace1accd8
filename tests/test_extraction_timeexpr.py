import datetime as dt

import pytest

from reports.extraction.timeexpr import find_time_expressions, parse_date, resolve_time

REF = dt.date(2024, 3, 12)
D = dt.date


@pytest.mark.parametrize("text,start,end,stock", [
    ("tính đến 31/12/2020", D(2020, 12, 31), D(2020, 12, 31), True),
    ("tại thời điểm 31/12/2023", D(2023, 12, 31), D(2023, 12, 31), True),
    ("giai đoạn 2016 - 2021", D(2016, 1, 1), D(2021, 12, 31), False),
    ("trong 03 năm 2021-2023", D(2021, 1, 1), D(2023, 12, 31), False),
    ("từ đầu nhiệm kỳ đến nay", D(2020, 10, 1), REF, False),
    ("Từ năm 2021 đến nay", D(2021, 1, 1), REF, False),
    ("từ năm 2016, tỉnh đã", D(2016, 1, 1), REF, False),
    ("năm 2022", D(2022, 1, 1), D(2022, 12, 31), False),
    ("6 tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), False),
    ("quý III/2023", D(2023, 7, 1), D(2023, 9, 30), False),
    ("tháng 3/2024", D(2024, 3, 1), D(2024, 3, 31), False),
    ("hiện nay", REF, REF, True),
    ("Từ sau Đại hội đại biểu Đảng bộ huyện lần thứ XXI đến nay,", D(2020, 10, 1), REF, False),
    # the report's own year, and the forms of news copies
    ("Từ đầu năm đến nay, huyện đã", D(2024, 1, 1), REF, False),
    ("từ đầu năm nay, các chi bộ", D(2024, 1, 1), REF, False),
    ("trong năm, toàn tỉnh thành lập", D(2024, 1, 1), REF, False),
    ("9 tháng đầu năm, Đảng bộ", D(2024, 1, 1), D(2024, 9, 30), False),
    ("3 tháng: Toàn huyện giảm 12 biên chế", D(2024, 1, 1), D(2024, 3, 31), False),
    ("trong đợt 2/2023, tỉnh đã", D(2023, 1, 1), D(2023, 12, 31), False),
    ("tính đến ngày 20-11-2023 toàn tỉnh có", D(2023, 11, 20), D(2023, 11, 20), True),
    ("tính đến ngày 28-2, các huyện", D(2024, 2, 28), D(2024, 2, 28), True),
    ("đến ngày 30/6 là", D(2023, 6, 30), D(2023, 6, 30), True),  # after the report's date: the year before
    # a day up to the report's ("đến nay", "đến thời điểm báo cáo"): one period, not two moments
    ("(Số liệu tính từ ngày 15/02/2023 đến nay)", D(2023, 2, 15), REF, False),
    ("từ 01/9/2022 đến thời điểm báo cáo, huyện đã", D(2022, 9, 1), REF, False),
    ("từ năm 2021 đến thời điểm hiện tại", D(2021, 1, 1), REF, False),
    ("đến thời điểm báo cáo, toàn tỉnh có", REF, REF, True),
    ("Từ tháng 8/2020 đến tháng 2/2024, các chi bộ", D(2020, 8, 1), D(2024, 2, 29), False),
])
def test_resolves_against_the_reference_date(text, start, end, stock):
    span = resolve_time(text, reference_date=REF)
    assert (span.start, span.end, span.is_stock) == (start, end, stock)


def test_target_year_is_a_goal():
    span = resolve_time("phấn đấu đến năm 2030 đạt 95%", reference_date=REF)
    assert span.is_target and span.end == D(2030, 12, 31)


def test_comparison_base_and_document_dates_do_not_date_a_fact():
    found = find_time_expressions("giảm 5% so với năm 2015 theo Kế hoạch số 12-KH/TU ngày 03/4/2021",
                                  reference_date=REF)
    assert [m.is_comparison for m in found if not m.is_date_only] == [True]
    assert resolve_time("so với năm 2015", reference_date=REF) is None


def test_parse_date_forms():
    assert parse_date("ngày 5 tháng 7 năm 2023") == D(2023, 7, 5)
    assert parse_date("05/7/2023") == D(2023, 7, 5)
    assert parse_date("31/02/2023") is None


def test_an_event_date_dates_a_fact_and_a_bare_beginning_is_marked():
    found = find_time_expressions("họp vào các ngày 4, 5 và 6/10/2022 theo Kế hoạch số 3-KH/HU ngày 01/9/2022",
                                  reference_date=REF)
    event, cited = found
    assert not event.is_date_only and event.span.end == D(2022, 10, 6) and event.span.is_stock
    assert cited.is_date_only
    assert resolve_time("thực hiện từ tháng 6/2019.", reference_date=REF).from_only
    assert not resolve_time("từ tháng 6/2019 đến nay", reference_date=REF).from_only


def test_a_plan_from_now_is_a_goal_starting_at_the_report():
    span = resolve_time("dự kiến giảm thêm 60 biên chế từ nay đến năm 2026", reference_date=REF)
    assert (span.start, span.end, span.is_target) == (REF, D(2026, 12, 31), True)


def test_a_comparison_base_named_after_its_noun_does_not_date_a_fact():
    found = find_time_expressions("bằng 4,1% so với tổng số đảng viên của huyện cuối năm 2022, nâng tổng số",
                                  reference_date=REF)
    assert [m.is_comparison for m in found] == [True]


def test_a_day_ahead_after_tu_starts_a_plan_and_a_day_past_stays_a_bare_date():
    ahead = resolve_time("Từ ngày 01/01/2025, huyện sẽ có 15 xã", reference_date=REF)
    assert (ahead.start, ahead.is_target, ahead.from_only) == (D(2025, 1, 1), True, True)
    past = find_time_expressions("Nghị quyết có hiệu lực từ ngày 01/02/2024", reference_date=REF)
    assert [(t.is_date_only, t.span.start) for t in past] == [(True, D(2024, 2, 1))]


def test_the_moment_of_founding_in_a_report_after_the_reform_is_the_reform_day():
    after = resolve_time("Tại thời điểm thành lập, Đảng bộ có 41 tổ chức cơ sở đảng", reference_date=D(2025, 11, 20))
    assert (after.start, after.is_stock) == (D(2025, 7, 1), True)
    assert resolve_time("Tại thời điểm thành lập, Đảng bộ có 41 tổ chức", reference_date=D(2021, 3, 1)) is None


def test_the_moment_of_the_congress_is_the_start_of_the_term_it_opened():
    found = find_time_expressions("tăng 620 đảng viên so với thời điểm Đại hội lần thứ XIX (8.240 đảng viên)",
                                  reference_date=D(2024, 5, 1))
    assert [(t.span.start, t.is_comparison) for t in found] == [(D(2020, 10, 1), True)]
    dated = find_time_expressions("tại thời điểm Đại hội Đảng bộ huyện lần thứ XIX (ngày 14/8/2020)",
                                  reference_date=D(2024, 5, 1))
    assert [t.span.start for t in dated] == [D(2020, 8, 14)]


def test_the_start_of_the_term_dated_in_brackets_is_that_month():
    found = find_time_expressions("Từ đầu nhiệm kỳ (tháng 9/2015) đến ngày 30/6/2018, kết nạp 412 đảng viên",
                                  reference_date=D(2018, 7, 20))
    assert [(t.span.start, t.span.end) for t in found] == [(D(2015, 9, 1), D(2018, 6, 30))]
