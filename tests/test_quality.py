"""reports.quality: arithmetic beyond the tables' own checks, and conflicts in few queries."""
import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Observation
from reports.quality import (
    conflict_flags_refresh,
    document_check_shares,
    document_check_term_changes,
    document_conflicts_detect,
    observation_keys,
    observations_check_parts,
)
from tests.factories import make_area, make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 12, 31)


@pytest.fixture
def area():
    return make_area()


@pytest.fixture
def indicator():
    return make_indicator()


def test_share_against_its_numerator_and_denominator(area):
    document = make_document(area=area)
    lines = [
        "số lượng tham gia: 302/313 người được triệu tập (tỷ lệ 96,48%).",  # 96.485: fine
        "tham gia 439/444 người (tỷ lệ 90,87%).",  # 98.87 really
        "Ngày 30/5/2022 có 12% ý kiến",  # a date, not a fraction
        "đạt 45/50 (90%)",
    ]
    [warning] = document_check_shares(document=document, lines=lines)
    assert warning.line == 2 and warning.code == "share_mismatch" and "98.87%" in warning.message


def observation(indicator, area, value, *, breakdown="", line=1, table="", **fields):
    return Observation(indicator=indicator, area=area, period_start=DAY, period_end=DAY, value=Decimal(value),
                       breakdown=breakdown, source_line=line, source_table=table, **fields)


def test_parts_exceeding_or_missing_their_total_are_reported(area, indicator):
    document = make_document(area=area)
    observations = [
        observation(indicator, area, "100", line=10),
        observation(indicator, area, "60", breakdown="sex=nam", line=11),
        observation(indicator, area, "30", breakdown="sex=nữ", line=12),  # 90 != 100: nam + nữ is the whole
        observation(indicator, area, "70", breakdown="age=dưới 30", line=13),
        observation(indicator, area, "50", breakdown="age=trên 60", line=14),  # 120 > 100
        observation(indicator, area, "95", breakdown="subset=nghỉ hưu", line=15),  # overlapping subsets: skipped
        observation(indicator, area, "99", breakdown="subset=tinh giản", line=16),
    ]
    warnings = observations_check_parts(document=document, observations=observations)
    assert len(warnings) == 2
    assert {w.code for w in warnings} == {"parts_mismatch"} and all(w.line == 10 for w in warnings)
    assert any("90" in w.message and "sex=nữ" in w.message for w in warnings)
    assert any("120" in w.message and "age=trên 60" in w.message for w in warnings)


def test_parts_inside_one_table_are_left_to_the_table_checks(area, indicator):
    document = make_document(area=area)
    observations = [observation(indicator, area, "100", table="Biểu 1"),
                    observation(indicator, area, "80", breakdown="sex=nam", table="Biểu 1"),
                    observation(indicator, area, "80", breakdown="sex=nữ", table="Biểu 1")]
    assert observations_check_parts(document=document, observations=observations) == []


def test_conflicts_inside_and_across_documents_in_three_queries(area, indicator, django_assert_num_queries):
    older = make_document(file_name="000.txt", area=area)
    newer = make_document(file_name="003.txt", area=area, text="other")
    make_observation(indicator=indicator, area=area, value="1010", document=older, source_line=35)
    make_observation(indicator=indicator, area=area, value="1010", document=older, source_line=36, breakdown="sex=nữ")
    for line in range(100, 140):  # many agreeing observations cost no extra query
        make_observation(indicator=indicator, area=area, value="5", document=newer, source_line=line,
                         breakdown=f"age={line}")
    make_observation(indicator=indicator, area=area, value="1012", document=newer, source_line=120)
    make_observation(indicator=indicator, area=area, value="1011", document=newer, source_line=121)
    make_observation(indicator=indicator, area=area, value="1013", document=newer, source_line=121)  # same line
    make_observation(indicator=indicator, area=area, value="1000", document=newer, source_line=122, qualifier="hơn")
    make_observation(indicator=indicator, area=area, value="1020", document=newer, source_line=123,
                     status=Observation.REJECTED)
    make_observation(indicator=indicator, area=area, value="1012", document=newer, source_line=700,
                     method=Observation.TABLE)
    with django_assert_num_queries(3):
        warnings = document_conflicts_detect(document=newer)
    assert {w.line for w in warnings} == {120, 121, 700}
    line_120 = next(w for w in warnings if w.line == 120)
    # Another document contradicts; two prose numbers of the same document do not.
    assert "000.txt, dòng/line 35" in line_120.message and "1011" not in line_120.message
    line_700 = next(w for w in warnings if w.line == 700)
    assert "1011" in line_700.message and "1013" in line_700.message  # the text against its own table
    flagged = set(Observation.objects.filter(in_conflict=True).values_list("value", flat=True))
    assert flagged == {Decimal("1010"), Decimal("1011"), Decimal("1012"), Decimal("1013")}


def test_agreeing_sources_are_no_conflict(area, indicator):
    first = make_document(file_name="a.txt", area=area)
    second = make_document(file_name="b.txt", area=area, text="b")
    make_observation(indicator=indicator, area=area, value="857", document=first)
    make_observation(indicator=indicator, area=area, value="857.0", document=second)
    make_observation(indicator=indicator, area=area, value="900", document=second, period_start=dt.date(2023, 1, 1))
    assert document_conflicts_detect(document=second) == []
    assert not Observation.objects.filter(in_conflict=True).exists()


def test_refresh_clears_only_keys_left_with_one_value(area, indicator):
    kept = make_observation(indicator=indicator, area=area, value="1", in_conflict=True)
    make_observation(indicator=indicator, area=area, value="2", in_conflict=True, source_line=2)
    alone = make_observation(indicator=indicator, area=area, value="3", in_conflict=True, breakdown="sex=nữ")
    assert conflict_flags_refresh(keys=observation_keys(kept) | observation_keys(alone)) == 1
    assert set(Observation.objects.filter(in_conflict=True).values_list("value", flat=True)) == {1, 2}


@pytest.mark.parametrize("checked", ["total", "namesake"])
def test_a_namesake_row_is_compared_with_its_total_whichever_comes_first(area, checked):
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit", name_vi="ĐVSN")
    tally = make_indicator(code="local.public_bodies.unit.sap_xep", family="public_bodies", unit="unit")
    prose = make_document(file_name="000.txt", area=area)
    table = make_document(file_name="003.txt", area=area, text="table")
    make_observation(indicator=total, area=area, value="857", document=prose, source_line=35)
    make_observation(indicator=tally, area=area, value="859", document=table, source_line=1556, namesake=total,
                     method=Observation.TABLE, breakdown="row=Tổng số … thực hiện sắp xếp / Số đơn vị sự nghiệp",
                     source_row="Tổng số … thực hiện sắp xếp / Số đơn vị sự nghiệp")
    make_observation(indicator=tally, area=area, value="1400", document=table, source_line=1554,
                     method=Observation.TABLE)  # the tally itself names nothing
    [warning] = document_conflicts_detect(document=prose if checked == "total" else table)
    assert "public.service_units" in warning.message and "phạm vi hẹp hơn" in warning.message
    assert ("000.txt" if checked == "namesake" else "003.txt") in warning.message
    flagged = set(Observation.objects.filter(in_conflict=True).values_list("value", flat=True))
    assert flagged == {Decimal("857"), Decimal("859")}


def test_namesake_rows_of_one_total_do_not_contradict_each_other(area):
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit", name_vi="ĐVSN")
    first = make_indicator(code="local.public_bodies.unit.a", family="public_bodies", unit="unit")
    second = make_indicator(code="local.public_bodies.unit.b", family="public_bodies", unit="unit")
    one, other = make_document(file_name="a.txt", area=area), make_document(file_name="b.txt", area=area, text="b")
    make_observation(indicator=first, area=area, value="10", document=one, namesake=total)
    make_observation(indicator=second, area=area, value="20", document=other, namesake=total)
    assert document_conflicts_detect(document=other) == []


def test_refresh_follows_a_namesake_to_the_total_it_was_compared_with(area):
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit", name_vi="ĐVSN")
    tally = make_indicator(code="local.public_bodies.unit.sap_xep", family="public_bodies", unit="unit")
    prose = make_observation(indicator=total, area=area, value="857", in_conflict=True)
    gone = make_observation(indicator=tally, area=area, value="859", namesake=total, in_conflict=True,
                            breakdown="row=x")
    keys = observation_keys(gone)
    gone.delete()  # its document was replaced by a version without the row
    assert conflict_flags_refresh(keys=keys) == 1
    prose.refresh_from_db()
    assert not prose.in_conflict


def test_rows_of_one_table_concept_under_other_parents_do_not_contradict_through_the_total(area):
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit", name_vi="ĐVSN")
    tally = make_indicator(code="local.public_bodies.unit.sap_xep", family="public_bodies", unit="unit")
    one, other = make_document(file_name="a.txt", area=area), make_document(file_name="b.txt", area=area, text="b")
    make_observation(indicator=tally, area=area, value="859", document=one, namesake=total, method=Observation.TABLE,
                     breakdown="row=… thực hiện sắp xếp / Số ĐVSN")
    make_observation(indicator=tally, area=area, value="12", document=other, namesake=total, method=Observation.TABLE,
                     breakdown="row=… giải thể / Số ĐVSN")
    assert document_conflicts_detect(document=other) == []


def test_refresh_clears_namesake_rows_left_without_the_total_they_contradicted(area):
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit", name_vi="ĐVSN")
    first = make_indicator(code="local.public_bodies.unit.a", family="public_bodies", unit="unit")
    second = make_indicator(code="local.public_bodies.unit.b", family="public_bodies", unit="unit")
    gone = make_observation(indicator=total, area=area, value="857", in_conflict=True,
                            document=make_document(file_name="000.txt", area=area))
    for indicator, value, name in ((first, "859", "a.txt"), (second, "900", "b.txt")):
        make_observation(indicator=indicator, area=area, value=value, namesake=total, in_conflict=True,
                         document=make_document(file_name=name, area=area, text=name), breakdown="row=x")
    keys = observation_keys(gone)
    gone.delete()
    assert conflict_flags_refresh(keys=keys) == 2
    assert not Observation.objects.filter(in_conflict=True).exists()


def _one_key_held_by(rows: int, area, code: str) -> tuple[Observation, Observation]:
    """`rows` table rows of one document under one key, each of its own value, then the text's number for
    that key in the same document and another document's agreeing with it: both contradict every row."""
    indicator = make_indicator(code=code)
    document = make_document(file_name=f"{code}.txt", area=area, text=code)
    Observation.objects.bulk_create(
        Observation(indicator=indicator, area=area, period_start=DAY, period_end=DAY, value=Decimal(1000 + i),
                    document=document, method=Observation.TABLE, source_line=10 + i) for i in range(rows))
    prose = make_observation(indicator=indicator, area=area, value="1", document=document, source_line=5)
    other = make_observation(indicator=indicator, area=area, value="1", source_line=3,
                             document=make_document(file_name=f"{code}-other.txt", area=area, text=f"{code} other"))
    return prose, other


def test_a_key_held_by_thousands_of_statements_costs_work_linear_in_them(area, monkeypatch):
    """Each statement's verdict is read from its key's comparison, built once: the classes of statements
    looked up grow as the statements do (comparing each with every other grew with their square), and the
    message names the first few contradicting values and counts the rest."""
    from reports import quality

    looked_up = 0
    statement_class = quality._statement_class

    def counted(row):
        nonlocal looked_up
        looked_up += 1
        return statement_class(row)

    monkeypatch.setattr(quality, "_statement_class", counted)
    work = {}
    for rows in (1_250, 5_000):
        prose, other = _one_key_held_by(rows, area, code=f"party.members.k{rows}")
        looked_up = 0
        warnings = document_conflicts_detect(document=prose.document)
        assert conflict_flags_refresh(keys=observation_keys(prose)) == 0  # every statement still contradicts one
        work[rows] = looked_up
        assert len(warnings) == rows + 1  # each row against the text; the text against every row
        text = next(w for w in warnings if w.line == 5)
        assert text.message.count("dòng/line") == quality.CONFLICT_SOURCES_LISTED
        assert f"và {rows - quality.CONFLICT_SOURCES_LISTED} giá trị khác" in text.message
        assert Observation.objects.filter(document=prose.document, in_conflict=True).count() == rows + 1
        other.refresh_from_db()
        assert other.in_conflict  # it agrees with the text, not with the rows
    assert work[5_000] < 6 * work[1_250], work


@pytest.fixture
def congress_term():
    from indicators.models import Term

    return Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1),
                               end=dt.date(2025, 9, 30))


def test_a_term_change_beyond_100_percent_no_report_states_is_for_review(area, congress_term):
    organisations = make_indicator(code="party.orgs.total", family="party_organizations", unit="organization")
    document = make_document(area=area)
    make_observation(indicator=organisations, area=area, value="7", day=dt.date(2020, 12, 31), document=document,
                     source_line=3)
    make_observation(indicator=organisations, area=area, value="4343", day=dt.date(2024, 3, 12), document=document,
                     source_line=9, quote="4.343 tổ chức đảng")
    [warning] = document_check_term_changes(document=document)
    assert warning.code == "implausible_change" and warning.line == 9 and "+61943%" in warning.message
    # A number of the report states that change: then it is the report's own figure, not a misreading.
    new = make_indicator(code="party.orgs.grassroots_new", family="party_organizations", unit="organization",
                         kind="flow")
    make_observation(indicator=new, area=area, value="4336", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2024, 3, 12), document=document, source_line=12)
    assert document_check_term_changes(document=document) == []


def test_believable_term_changes_raise_nothing(area, congress_term):
    members = make_indicator()
    document = make_document(area=area)
    make_observation(indicator=members, area=area, value="87107", day=dt.date(2020, 12, 31), document=document)
    make_observation(indicator=members, area=area, value="89455", day=dt.date(2024, 3, 12), document=document)
    assert document_check_term_changes(document=document) == []
