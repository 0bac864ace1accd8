"""Appendix table extractor: real cells of report 003 (Bắc Giang, 12/3/2024), completeness
over its appendix, and small invented tables of the same genre."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from reports.extraction.numbers import is_spreadsheet_error, parse_number
from reports.extraction.tables import extract_tables
from reports.extraction.timespans import current_term

SAMPLE = Path(__file__).resolve().parents[1] / "reports" / "samples" / "003_ecd2caf706704aa2.txt"
REPORT_DATE = dt.date(2024, 3, 12)
# "Nhiệm kỳ 2020-2025" in a column starts where the terms table starts it, as in a sentence
TERM_TO_DATE = (current_term(REPORT_DATE).start, REPORT_DATE)
APPENDIX_FIRST_LINE = 590


def read_lines(path: Path) -> list[str]:
    return [unicodedata.normalize("NFC", line.rstrip("\n")) for line in path.read_text(encoding="utf-8").split("\n")]


@pytest.fixture(scope="module")
def lines_003():
    return read_lines(SAMPLE)


@pytest.fixture(scope="module")
def result_003(lines_003):
    return extract_tables(lines_003, report_date=REPORT_DATE)


def cell(result, line: int, column: str):
    matches = [f for f in result.facts if f.line == line and f.column == column]
    assert len(matches) == 1, [(f.column, f.value) for f in result.facts if f.line == line]
    return matches[0]


def stock(year, month, day):
    date = dt.date(year, month, day)
    return date, date


# --- real cells of 003 ---------------------------------------------------------------

@pytest.mark.parametrize(
    "line, column, value, family, unit, row, period",
    [
        # Biểu số 6: a "- Nữ" sub-row under "Số lượng", the date from the column
        (1206, "Thời điểm / 31/12/2023", Decimal(32126), "party_members", "party_member",
         "Số lượng / Nữ", stock(2023, 12, 31)),
        # Biểu số 3: three-level header, section row "Tính đến 31/12/2020", "a)" under "6."
        (1085, "Tổng số đảng viên", Decimal(5249), "party_members", "party_member",
         "Đơn vị sự nghiệp / Công lập", stock(2020, 12, 31)),
        (1085, "Số tổ chức cơ sở đảng / Đảng bộ cơ sở", Decimal(26), "party_organizations", "organization",
         "Đơn vị sự nghiệp / Công lập", stock(2020, 12, 31)),
        # ...the same row after the page break and the section "Tính đến 31/12/2023"
        (1118, "Tổng số đảng viên", Decimal(5867), "party_members", "party_member",
         "Đơn vị sự nghiệp / Công lập", stock(2023, 12, 31)),
        # Biểu số 11: "87.7" in a % column is eighty-seven point seven
        (1448, "31/12/2020 / Bí thư là thủ trưởng cơ quan, đơn vị / %", Decimal("87.7"), "cadres", "percent",
         "Cơ quan hành chính", stock(2020, 12, 31)),
        # Biểu số 15: "12789" without a thousands dot; the date from the roman section row
        (1586, "Cấp tỉnh / Khởi chính quyền", Decimal(12789), "staff", "person",
         "Tại thời điểm 31/12/2020", stock(2020, 12, 31)),
        (1600, "Cấp huyện / Khởi chính quyền", Decimal(10), "staff", "person",
         "Tổng số biên chế tinh giản / Do sắp xếp tổ chức bộ máy, nhân sự", stock(2023, 12, 31)),
        # Biểu số 8: "47,5" is a decimal comma; an average age is not a count of people
        (1345, "Ủy viên ban chấp hành", Decimal("47.5"), "cadres", "other",
         "Tuổi đời / Tuổi bình quân", TERM_TO_DATE),
        # Biểu số 16: discipline; organisations vs members by row
        (1614, "Số lượng / 31/12/2023", Decimal(21), "discipline", "organization",
         "Tổ chức đảng / Khiển trách", stock(2023, 12, 31)),
        (1622, "Số lượng / 31/12/2023", Decimal(1299), "discipline", "party_member",
         "Đảng viên", stock(2023, 12, 31)),
        # Biểu số 14: public bodies or administrative units according to the row
        (1556, "Số lượng / 31/12/2023", Decimal(859), "public_bodies", "unit",
         "Tổng số đơn vị sự nghiệp công lập ở các địa phương thực hiện sắp xếp, sáp nhập"
         " / Số đơn vị sự nghiệp công lập ở các địa phương", stock(2023, 12, 31)),
        (1566, "Số lượng / 31/12/2020", Decimal(56), "admin_units", "unit",
         "Tổng số đơn vị hành chính cấp xã thực hiện sắp xếp, sáp nhập / Số đơn vị hành chính cấp xã",
         stock(2020, 12, 31)),
        # Biểu số 18: "Đơn vị: Lượt người"
        (1673, "Tổng số", Decimal(109), "cadres", "times", "Quận, huyện về xã, phường, thị trấn",
         TERM_TO_DATE),
        # Biểu số 12: the group label "Số lớp" shifted left by the converter is put back
        (1482, "Cán bộ được đào tạo, bồi dưỡng / Cấp xã", Decimal(713), "cadres", "person",
         "Đào tạo / Đào tạo lý luận chính trị / Trung cấp", TERM_TO_DATE),
        (1482, "Số lớp đào tạo, bồi dưỡng / Cấp tỉnh", Decimal(26), "cadres", "other",
         "Đào tạo / Đào tạo lý luận chính trị / Trung cấp", TERM_TO_DATE),
        # Phụ lục 02: a table before the "Biểu số" series
        (690, "Số lượng", Decimal(264), "other", "other", "Tổng cộng", TERM_TO_DATE),
    ],
)
def test_real_cells(result_003, line, column, value, family, unit, row, period):
    fact = cell(result_003, line, column)
    assert (fact.value, fact.family, fact.unit, fact.row) == (value, family, unit, row)
    assert (fact.period_start, fact.period_end) == period
    assert fact.method == "table"


def test_table_names_come_from_glued_and_plain_captions(result_003):
    assert cell(result_003, 1614, "Số lượng / 31/12/2023").table == "Biểu số 16"  # "...*)*Biểu số 16"
    assert cell(result_003, 1556, "Số lượng / 31/12/2023").table == "Biểu số 14"  # "...***Biểu số 14**"
    assert cell(result_003, 1705, "Quy hoạch Ban Chấp hành").table == "Biểu số 22"  # "Biểu 22"
    assert cell(result_003, 690, "Số lượng").table == "Phụ lục 02"


def test_named_breakdowns(result_003):
    assert cell(result_003, 1206, "Thời điểm / 31/12/2023").breakdown == {"sex": "nữ"}
    assert cell(result_003, 1233, "Thời điểm / 31/12/2020").breakdown == {"age": "18-30"}
    assert cell(result_003, 1208, "Thời điểm / 31/12/2020").breakdown == {"ethnicity": "dân tộc thiểu số"}
    assert cell(result_003, 1254, "Thời điểm / 31/12/2020").breakdown == {"political_theory": "sơ cấp"}
    assert cell(result_003, 1246, "Thời điểm / 31/12/2020").breakdown == {"qualification": "sơ cấp"}
    assert cell(result_003, 1614, "Số lượng / 31/12/2020").breakdown == {
        "discipline_form": "khiển trách", "row": "Tổ chức đảng"}
    assert cell(result_003, 1085, "Tổng số đảng viên").breakdown == {"row": "Đơn vị sự nghiệp / Công lập"}


def test_nested_row_labels(result_003):
    assert cell(result_003, 1220, "Thời điểm / 31/12/2020").row == (
        "Số lượng / Lãnh đạo, quản lý và lao động trong các doanh nghiệp / Người lãnh đạo, quản lý doanh nghiệp")
    assert cell(result_003, 1133, "Tổng số đảng viên").row == (
        "Doanh nghiệp và hợp tác xã / Doanh nghiệp không có vốn Nhà nước / Công ty có vốn đầu tư nước ngoài"
        " / 100% vốn đầu tư nước ngoài")
    assert cell(result_003, 1706, "Quy hoạch Ban Chấp hành").row == "TỔNG SỐ / Nữ"  # "*Trong đó: - Nữ"
    assert cell(result_003, 1710, "Quy hoạch Ban Chấp hành").row == "Tuổi đời / Dưới 40 tuổi"
    assert cell(result_003, 1641, "Cán bộ lãnh đạo quản lý / Diện Ban Thường vụ tỉnh ủy quản lý").row == (
        "Số cán bộ miễn nhiệm (1) / Trường hợp 1")


def test_repeated_header_after_page_break(result_003):
    # Lines 1229-1230 repeat Biểu số 6's header; the row after keeps its parent "Số lượng".
    assert not [f for f in result_003.facts if f.line in (1107, 1108, 1109, 1229, 1230)]
    assert cell(result_003, 1231, "Thời điểm / 31/12/2023").row == "Số lượng / Được miễn công tác và sinh hoạt đảng"
    assert {1229, 1230, 1663, 1609, 1817} <= result_003.lines  # headers, unit line, captions


def test_value_error_cell_is_a_warning_not_a_number(result_003):
    broken = [w for w in result_003.warnings if w.code == "broken_cell"]
    assert [(w.line, "#VALUE!" in w.message) for w in broken] == [(1227, True)]
    assert [f.value for f in result_003.facts if f.line == 1227] == [Decimal(17301)]


def test_column_numbers_and_stt_are_not_values(result_003):
    assert not [f for f in result_003.facts if f.line in (1077, 1468)]
    assert not [f for f in result_003.facts if f.column in ("STT", "TT", "Số TT")]
    assert [f.value for f in result_003.facts if f.line == 678] == [Decimal(16)]  # "1 | Nghị quyết | 16"


def test_arithmetic_of_003(result_003):
    sums = {(w.line, w.message.split("phải là ")[1]) for w in result_003.warnings if w.code == "sum_mismatch"}
    # Biểu số 15: 13+1+0+3+0+25 = 42, the table says 45; Biểu số 24: 2177+207 = 2384 vs 625
    assert (1589, "42, bảng ghi 45") in sums
    assert (1774, "2.384, bảng ghi 625") in sums
    # Biểu số 11: 13/280 is 4,64%, not 61,9%
    shares = [w for w in result_003.warnings if w.code == "share_mismatch"]
    assert 1452 in {w.line for w in shares} and 1448 not in {w.line for w in shares}
    # Totals that do add up raise nothing (Biểu số 4, Biểu số 6 "Tuổi đời", Biểu số 3 "4 (=5+6+7)").
    assert not [w for w in result_003.warnings if w.line in (1161, 1232, 1110, 1137)]


# --- completeness --------------------------------------------------------------------

def independent_cells(line: str) -> list[str]:
    """The numeric or broken cells of a tab row, the first (STT or label) column aside."""
    cells = [re.sub(r"<[^>]+>|\*", "", c).strip() for c in line.split("\t")]
    filled = [c for c in cells if c]
    if len(filled) >= 3 and all(re.fullmatch(r"\d+\s*(\(?=[\d+ ]+\)?)?", c) for c in filled):
        return []  # a column-number row: 1 2 3 4 (=5+6+7)
    return [c for c in cells[1:] if c and (parse_number(c) is not None or is_spreadsheet_error(c))]


def test_every_numeric_cell_of_the_appendix_is_reported(lines_003, result_003):
    facts_by_line, broken_by_line = {}, {}
    for fact in result_003.facts:
        facts_by_line.setdefault(fact.line, []).append(fact.value)
    for warning in result_003.warnings:
        if warning.code == "broken_cell":
            broken_by_line[warning.line] = broken_by_line.get(warning.line, 0) + 1
    expected_total = 0
    for number, line in enumerate(lines_003[APPENDIX_FIRST_LINE - 1:], start=APPENDIX_FIRST_LINE):
        if "\t" not in line:
            continue
        cells = independent_cells(line)
        expected_total += len(cells)
        numbers = sorted(parse_number(c) for c in cells if not is_spreadsheet_error(c))
        if cells and re.fullmatch(r"\W*trong đó\W*", re.sub(r"<[^>]+>", "", line.split("\t")[1]).lower()):
            # "Trong đó:" only opens its sub-rows: its placeholder figures are said, not stored
            assert number in {w.line for w in result_003.warnings if w.code == "marker_row_values"}, number
            expected_total -= len(cells)
            continue
        assert sorted(facts_by_line.get(number, [])) == numbers, number
        assert broken_by_line.get(number, 0) == sum(is_spreadsheet_error(c) for c in cells), number
    assert len(result_003.facts) + sum(broken_by_line.values()) == expected_total
    assert not [w for w in result_003.warnings if w.code == "table_not_understood"]


# --- invented tables of the same genre ------------------------------------------------

def run(text: str, report_date=dt.date(2024, 6, 30)):
    return extract_tables(text.strip("\n").split("\n"), report_date=report_date)


DISCIPLINE_TABLE = """
**THỐNG KÊ KẾT QUẢ THI HÀNH KỶ LUẬT ĐẢNG VIÊN**
*(kèm theo Báo cáo số 12-BC/HU ngày 30/6/2024)*
**Biểu số 9**

ĐVT: người

TT\tHình thức\tNăm 2022\tNăm 2023
<b>I</b>\t<b>Đảng viên bị kỷ luật</b>\t<b>130</b>\t<b>95</b>
\t- Khiển trách\t100\t60
\t- Cảnh cáo\t20\t30
\t- Khai trừ\t10\t-
"""


def test_invented_discipline_table_with_year_columns_and_a_wrong_total():
    result = run(DISCIPLINE_TABLE)
    fact = cell(result, 9, "Năm 2022")
    assert (fact.table, fact.value, fact.family, fact.unit) == ("Biểu số 9", Decimal(100), "discipline", "person")
    assert (fact.period_start, fact.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert fact.row == "Đảng viên bị kỷ luật / Khiển trách"
    assert fact.breakdown == {"discipline_form": "khiển trách", "row": "Đảng viên bị kỷ luật"}
    assert not [f for f in result.facts if f.line == 11 and f.column == "Năm 2023"]  # "-" is no value
    mismatches = [w for w in result.warnings if w.code == "sum_mismatch"]
    assert [(w.line, "phải là 90, bảng ghi 95" in w.message) for w in mismatches] == [(8, True)]
    assert {1, 2, 3, 5, 7, 8, 11} <= result.lines


PARTY_ORG_TABLE = """
## KẾT QUẢ KIỆN TOÀN TỔ CHỨC CƠ SỞ ĐẢNG

Biểu số 2

STT\tLoại hình\tSố tổ chức cơ sở đảng\tTổ chức đảng hoàn thành tốt nhiệm vụ\t
\t\t\tSố lượng\tTỷ lệ (%)
<b>Tính đến 30/6/2024</b>\t\t\t\t
1\tXã\t1.050\t840\t80.0
2\tPhường\t40\t30\t75,0

STT\tLoại hình\tSố tổ chức cơ sở đảng\tTổ chức đảng hoàn thành tốt nhiệm vụ\t
\t\t\tSố lượng\tTỷ lệ (%)
3\tThị trấn\t20\t10\t60.0
<b>Cộng</b>\t\t<b>1.110</b>\t<b>880</b>\t<b>79,3</b>
4\tKhác\t#REF!\t\t
"""


def test_invented_table_with_section_date_percent_page_break_and_broken_cell():
    result = run(PARTY_ORG_TABLE, report_date=dt.date(2024, 7, 15))
    xa = cell(result, 8, "Số tổ chức cơ sở đảng")
    assert (xa.value, xa.family, xa.unit, xa.row) == (Decimal(1050), "party_organizations", "organization", "Xã")
    assert (xa.period_start, xa.period_end) == stock(2024, 6, 30)
    share = cell(result, 8, "Tổ chức đảng hoàn thành tốt nhiệm vụ / Tỷ lệ (%)")
    assert (share.value, share.unit) == (Decimal("80.0"), "percent")
    assert cell(result, 9, "Tổ chức đảng hoàn thành tốt nhiệm vụ / Tỷ lệ (%)").value == Decimal("75.0")
    town = cell(result, 13, "Số tổ chức cơ sở đảng")  # after the repeated header, same section date
    assert (town.value, town.period_end) == (Decimal(20), dt.date(2024, 6, 30))
    assert not [f for f in result.facts if f.line in (11, 12)]
    codes = sorted((w.line, w.code) for w in result.warnings)
    assert codes == [(13, "share_mismatch"), (15, "broken_cell")]  # 10/20 is 50%, not 60%


STAFF_TABLE = """
**THỐNG KÊ BIÊN CHẾ NĂM 2023**
Biểu số 4
Đơn vị\tTổng biên chế\tChia ra\t
\t\tKhối Đảng\tKhối chính quyền
1\t2 (=3+4)\t3\t4
Huyện A\t120\t50\t60
Huyện B\t95\t40\t55
"""


def test_invented_table_with_a_column_formula():
    result = run(STAFF_TABLE)
    fact = cell(result, 6, "Khối Đảng")  # the filler "Chia ra" is not part of the label
    assert (fact.value, fact.family, fact.unit, fact.row) == (Decimal(50), "staff", "person", "Huyện A")
    assert (fact.period_start, fact.period_end) == (dt.date(2023, 12, 31), dt.date(2023, 12, 31))  # a year past: its end
    mismatches = [(w.line, w.code) for w in result.warnings]
    assert mismatches == [(6, "sum_mismatch")]  # 50 + 60 = 110, not 120; Huyện B adds up
    assert len(result.facts) == 6


def test_a_table_without_header_is_reported_not_dropped():
    result = run("**Biểu số 5**\n\n12\t15\t17\n30\t31\t32\n")
    assert result.facts == []
    assert [(w.code, w.line) for w in result.warnings] == [("table_not_understood", 3)]
    assert {1, 3, 4} <= result.lines


def test_no_tables_no_output():
    result = run("Báo cáo không có bảng.\nChỉ có văn bản: 1.224 đảng viên.")
    assert (result.facts, result.warnings, result.lines) == ([], [], set())


def test_a_top_row_naming_a_catalogue_indicator_takes_it_and_its_columns_become_the_breakdown():
    lines = [
        "**THỐNG KÊ BIÊN CHẾ CÁN BỘ, CÔNG CHỨC****Biểu số 40**",
        "STT\tNội dung\tCấp tỉnh\t\tCấp huyện",
        "\t\tNăm 2021\tNăm 2024\tNăm 2024",
        "<b>1</b>\t<b>Tổng số biên chế được giao</b>\t<b>2.100</b>\t<b>1.900</b>\t<b>3.050</b>",
        "\t<i>Trong đó:</i>\t\t\t",
        "\tSố biên chế được giao cho cấp xã thực hiện sắp xếp\t640\t590\t10",
    ]
    facts = {(f.line, f.value): f for f in extract_tables(lines, report_date=dt.date(2025, 1, 15)).facts}
    top = facts[(4, Decimal("1900"))]
    assert top.indicator_code == "staff.payroll_assigned"
    assert top.breakdown == {"column": "Cấp tỉnh"}
    assert facts[(4, Decimal("3050"))].breakdown == {"column": "Cấp huyện"}
    part = facts[(6, Decimal("590"))]  # a sub-row is a part of the series, never its total
    assert part.indicator_code == "staff.payroll_assigned" and part.breakdown not in ({}, top.breakdown)


def test_a_total_row_is_the_series_itself_and_its_parts_are_breakdowns():
    lines = [
        "**THỐNG KÊ ĐẢNG VIÊN THEO LOẠI HÌNH****Biểu số 41**",
        "Loại hình\tTổng số đảng viên",
        "<b>Tổng cộng</b>\t<b>5.120</b>",
        "<b>Tính đến 31/12/2024</b>\t",
        "1. Xã\t4.000",
        "2. Phường\t1.120",
    ]
    facts = {f.value: f for f in extract_tables(lines, report_date=dt.date(2025, 3, 1)).facts}
    assert facts[Decimal("5120")].breakdown == {}
    assert facts[Decimal("4000")].breakdown != {}


def test_a_row_of_a_tally_of_unlike_things_names_its_indicator_without_joining_its_series():
    # Invented, in the genre of a "sắp xếp" appendix: a total of units plus the persons heading them.
    lines = [
        "**THỐNG KÊ SẮP XẾP ĐƠN VỊ****Biểu số 42**",
        "STT\tTiêu chí\tSố lượng\t",
        "\t\t31/12/2021\t31/12/2024",
        "<b>1</b>\t<b>Tổng số đơn vị sự nghiệp công lập thực hiện sắp xếp</b>\t<b>1.300</b>\t<b>1.150</b>",
        "\t<i>Trong đó:</i>\t\t",
        "\tSố đơn vị sự nghiệp công lập\t600\t540",
        "\tSố cấp trưởng các đơn vị sự nghiệp công lập\t600\t540",
        "\tSố cấp phó các đơn vị sự nghiệp công lập\t100\t70",
        "<b>2</b>\t<b>Tổng số đơn vị hành chính cấp xã thực hiện sắp xếp</b>\t<b>60</b>\t<b>0</b>",
        "\t- Xã\t50\t0",
        "\t- Thị trấn\t10\t0",
    ]
    facts = {(f.line, f.period_end.year): f for f in extract_tables(lines, report_date=dt.date(2025, 1, 15)).facts}
    units = facts[(6, 2024)]
    assert units.indicator_code is None and units.namesake_code == "public.service_units"
    assert units.breakdown  # the row stays a row of this table's own concept
    assert facts[(7, 2024)].namesake_code is None  # heads of units: another kind of thing
    # Parts of a total of one kind are slices of it, named by nothing.
    assert facts[(10, 2021)].namesake_code is None and facts[(10, 2021)].indicator_code is None


def test_a_long_list_of_sub_rows_is_judged_once_per_parent_and_column(monkeypatch):
    # Whether a parent tallies unlike things reads all its rows: once per column, not once per cell.
    from reports.extraction import tables

    calls = []
    judge = tables.parent_tallies_unlike_things
    monkeypatch.setattr(tables, "parent_tallies_unlike_things", lambda *a, **k: calls.append(1) or judge(*a, **k))
    lines = ["**THỐNG KÊ SẮP XẾP ĐƠN VỊ****Biểu số 43**", "STT\tTiêu chí\tNăm 2023\tNăm 2024",
             "<b>1</b>\t<b>Tổng số đơn vị thực hiện sắp xếp</b>\t1\t2", "\t<i>Trong đó:</i>\t\t"]
    lines += [f"\t- Đơn vị số {n}\t{n}\t{n}" for n in range(300)]
    assert len(extract_tables(lines, report_date=dt.date(2025, 1, 15)).facts) == 602
    assert len(calls) <= 2


MERGER_TABLE = """
**SỐ LIỆU BỘ MÁY, BIÊN CHẾ TRƯỚC VÀ SAU HỢP NHẤT**
Biểu số 3

STT\tNội dung\tTrước hợp nhất (thời điểm 30/6/2025)\t\t\tSau hợp nhất (thời điểm 30/11/2025)\tTăng (+), giảm (-)
\t\tTỉnh Hà Giang (cũ)\tTỉnh Tuyên Quang (cũ)\tCộng\t\t
1\t2\t3\t4\t5=3+4\t6\t7=6-5
<b>I</b>\t<b>Đơn vị sự nghiệp công lập</b>\t<b>410</b>\t<b>380</b>\t<b>790</b>\t<b>741</b>\t<b>-49</b>
\t- Thuộc UBND cấp xã\t300\t260\t560\t563\t+3
<b>II</b>\t<b>Biên chế</b>\t\t\t\t\t
2\tCông chức có mặt\t1.900\t1.700\t3.600\t3.655\t+55
"""


def test_a_net_change_column_is_a_reduction_or_an_increase_by_its_sign():
    result = run(MERGER_TABLE, report_date=dt.date(2025, 12, 10))
    reduced = cell(result, 7, "Giảm")
    assert (reduced.value, reduced.indicator_code) == (Decimal(49), "public.service_units_reduced")
    assert (reduced.period_start, reduced.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 11, 30))
    grown = cell(result, 8, "Tăng")
    assert grown.value == Decimal(3) and grown.family == "public_bodies"
    assert not [f for f in result.facts if f.value < 0]


def test_a_column_after_a_merger_with_its_own_day_counts_at_that_day():
    result = run(MERGER_TABLE, report_date=dt.date(2025, 12, 10))
    after = cell(result, 7, "Sau hợp nhất (thời điểm 30/11/2025)")
    assert (after.value, after.indicator_code) == (Decimal(741), "public.service_units")
    assert (after.period_start, after.period_end) == (dt.date(2025, 11, 30), dt.date(2025, 11, 30))


def test_a_row_naming_a_kind_of_its_heading_counts_that_kind():
    result = run(MERGER_TABLE, report_date=dt.date(2025, 12, 10))
    in_post = cell(result, 10, "Trước hợp nhất (thời điểm 30/6/2025) / Tỉnh Hà Giang (cũ)")
    assert (in_post.value, in_post.indicator_code) == (Decimal(1900), "staff.payroll_actual")
    under = cell(result, 8, "Trước hợp nhất (thời điểm 30/6/2025) / Tỉnh Hà Giang (cũ)")
    assert under.indicator_code == "public.service_units"  # "Thuộc UBND cấp xã": whose, not another kind


DISTRICTS_BEFORE_AFTER_TABLE = """
**Biểu số 02**
**KẾT QUẢ SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ GIAI ĐOẠN 2023-2025 THEO HUYỆN**
*Đơn vị tính: đơn vị*

STT\tHuyện, thành phố\tTrước sắp xếp\t\t\t\tSau sắp xếp\t\t\t\tGiảm
\t\tXã\tPhường\tThị trấn\tTổng\tXã\tPhường\tThị trấn\tTổng\t
1\tHuyện Mường Nhé\t11\t0\t1\t12\t9\t0\t1\t10\t2
2\tHuyện Tủa Chùa\t12\t0\t1\t13\t10\t0\t1\t11\t2
\tTổng cộng\t23\t0\t2\t25\t19\t0\t2\t21\t4
"""


def test_a_table_of_districts_before_and_after_by_type_of_unit():
    result = run(DISTRICTS_BEFORE_AFTER_TABLE, report_date=dt.date(2024, 12, 20))
    before = cell(result, 7, "Trước sắp xếp / Xã")
    assert (before.value, before.indicator_code, before.breakdown) == (Decimal(11), "admin.commune_units", {"type": "xã"})
    assert (before.area_level, before.area_name, before.period_end) == ("district", "Mường Nhé", dt.date(2023, 1, 1))
    after = cell(result, 7, "Sau sắp xếp / Tổng")
    assert (after.value, after.breakdown, after.period_end) == (Decimal(10), {}, dt.date(2024, 12, 20))
    reduced = cell(result, 9, "Giảm")
    assert (reduced.indicator_code, reduced.period_start, reduced.period_end) == (
        "admin.commune_units_reduced", dt.date(2023, 1, 1), dt.date(2024, 12, 20))


YEARS_OF_STAFF_TABLE = """
**Biểu số 03**
**TÌNH HÌNH BIÊN CHẾ GIAI ĐOẠN 2021-2024**

STT\tNội dung\tNăm 2021\tNăm 2022\tNăm 2023\tNăm 2024
1\tBiên chế công chức được giao\t1.410\t1.376\t1.350\t1.318
2\tCông chức có mặt\t1.301\t1.290\t1.288\t1.270
"""


def test_in_post_and_allocated_are_two_series_in_a_table_of_years():
    result = run(YEARS_OF_STAFF_TABLE)
    assert cell(result, 5, "Năm 2022").indicator_code == "staff.payroll_assigned"
    in_post = cell(result, 6, "Năm 2022")
    assert (in_post.indicator_code, in_post.breakdown.get("category")) == ("staff.payroll_actual", "công chức")


SECTORS_BY_YEAR_TABLE = """
**Biểu số 01**
**KẾT QUẢ SẮP XẾP ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP GIAI ĐOẠN 2015 - 2021**

STT\tLĩnh vực\tNăm 2015\tNăm 2021\tGiảm\tTỷ lệ giảm (%)
(1)\t(2)\t(3)\t(4)\t(5)=(3)-(4)\t(6)
1\tGiáo dục và đào tạo\t530\t472\t58\t10,94
2\tY tế\t61\t40\t21\t34,43
\tTổng cộng\t591\t512\t79\t13,37
"""


def test_past_years_as_columns_count_at_their_end_under_a_numbering_row_in_brackets():
    result = run(SECTORS_BY_YEAR_TABLE, report_date=dt.date(2022, 1, 20))
    then = cell(result, 6, "Năm 2015")
    assert (then.indicator_code, then.period_start, then.period_end) == (
        "public.service_units", dt.date(2015, 12, 31), dt.date(2015, 12, 31))
    reduced = cell(result, 6, "Giảm")
    assert (reduced.value, reduced.indicator_code) == (Decimal(58), "public.service_units_reduced")
    assert not [f for f in result.facts if f.line == 5]  # "(1) (2) (3) ..." numbers columns, it states no value


PARTY_BY_DISTRICT_TABLE = """
**Biểu số 04**
**SỐ LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN (tính đến 30/11/2024)**

STT\tĐảng bộ\tTổ chức cơ sở đảng\t\t\tĐảng viên\t
\t\tTổng số\tĐảng bộ cơ sở\tChi bộ cơ sở\tTổng số\tTrong đó: Nữ
1\tĐảng bộ huyện Mường Chà\t42\t18\t24\t3.120\t1.045
"""


def test_kinds_under_their_heading_and_a_part_of_the_members_in_columns():
    result = run(PARTY_BY_DISTRICT_TABLE)
    committees = cell(result, 6, "Tổ chức cơ sở đảng / Đảng bộ cơ sở")
    assert (committees.indicator_code, committees.breakdown) == ("party.orgs.grassroots_committees", {})
    women = cell(result, 6, "Đảng viên / Trong đó: Nữ")
    assert (women.indicator_code, women.breakdown, women.area_name) == ("party.members.total", {"sex": "nữ"}, "Mường Chà")


KINDS_THEN_SIDES_TABLE = """
**Biểu số 02**
**SỐ ĐƠN VỊ HÀNH CHÍNH CẤP XÃ TRƯỚC VÀ SAU SẮP XẾP**

STT\tHuyện, thị xã\tXã\t\tThị trấn\t\tTổng số\t
\t\tTrước sắp xếp\tSau sắp xếp\tTrước sắp xếp\tSau sắp xếp\tTrước sắp xếp\tSau sắp xếp
1\tHuyện Cam Lộ\t8\t6\t1\t1\t9\t7
"""

SIDES_IN_THE_LABEL_TABLE = """
**Biểu số 03**
**KẾT QUẢ SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ NĂM 2019 - 2020**

STT\tĐơn vị\tSố đơn vị hành chính cấp xã trước sắp xếp\tSố đơn vị hành chính cấp xã sau sắp xếp\tGiảm
1\tHuyện Cam Lộ\t9\t7\t2
\t- Xã\t8\t6\t2
"""


def test_sides_no_date_tells_apart_are_two_stages_never_one_conflict():
    result = run(KINDS_THEN_SIDES_TABLE)
    before, after = cell(result, 6, "Xã / Trước sắp xếp"), cell(result, 6, "Xã / Sau sắp xếp")
    assert (before.period_end, before.breakdown) == (after.period_end, {"type": "xã", "stage": "trước sắp xếp"})
    assert after.breakdown == {"type": "xã", "stage": "sau sắp xếp"}


def test_a_side_of_the_change_inside_a_column_label_and_a_kind_listed_under_its_place():
    result = run(SIDES_IN_THE_LABEL_TABLE)
    before = cell(result, 5, "Số đơn vị hành chính cấp xã trước sắp xếp")
    after = cell(result, 5, "Số đơn vị hành chính cấp xã sau sắp xếp")
    assert (before.period_end, after.period_end) == (dt.date(2019, 1, 1), dt.date(2020, 12, 31))
    assert before.breakdown == {} and before.area_name == "Cam Lộ"
    communes = cell(result, 6, "Số đơn vị hành chính cấp xã sau sắp xếp")
    assert (communes.area_name, communes.breakdown) == ("Cam Lộ", {"type": "xã"})


SEVERAL_SUBJECTS_TABLE = """
**Biểu số 02**
**SỐ LIỆU TỔ CHỨC ĐẢNG, ĐƠN VỊ HÀNH CHÍNH, CƠ QUAN, ĐƠN VỊ**

STT\tNội dung\tĐơn vị tính\tTỉnh A (cũ)\tTỉnh B (cũ)
<b>I</b>\t<b>Cơ quan, đơn vị</b>\t\t\t
1\tĐơn vị sự nghiệp công lập\tĐơn vị\t421\t388
2\tBiên chế công chức cấp tỉnh được giao\tBiên chế\t1.530\t1.412
<b>II</b>\t<b>Đơn vị sự nghiệp theo lĩnh vực</b>\t\t\t
3\tNông nghiệp và phát triển nông thôn\tĐơn vị\t28\t19
"""


def test_a_row_naming_its_own_object_counts_it_under_a_heading_of_another_subject():
    result = run(SEVERAL_SUBJECTS_TABLE, report_date=dt.date(2025, 6, 20))
    assert cell(result, 6, "Tỉnh A (cũ)").family == "public_bodies"
    payroll = cell(result, 7, "Tỉnh A (cũ)")
    assert (payroll.family, payroll.indicator_code) == ("staff", "staff.payroll_assigned")
    sector = cell(result, 9, "Tỉnh A (cũ)")
    assert sector.family == "public_bodies"  # a sector's name counts no village ("nông thôn")


YEARS_AS_ROWS_TABLE = """
**Biểu số 03**
**BIÊN CHẾ CÔNG CHỨC CỦA TỈNH GIAI ĐOẠN 2021 - 2024**

STT\tNăm\tBiên chế công chức được giao\tCông chức có mặt\tTinh giản biên chế trong năm
1\t2021\t2.140\t2.095\t61
2\tNăm 2022\t2.118\t2.060\t58
"""


def test_years_as_rows_date_their_cells_and_a_column_naming_the_change_is_that_flow():
    result = run(YEARS_AS_ROWS_TABLE, report_date=dt.date(2025, 3, 10))
    assigned = cell(result, 5, "Biên chế công chức được giao")
    assert (assigned.indicator_code, assigned.period_end) == ("staff.payroll_assigned", dt.date(2021, 12, 31))
    assert "type" not in assigned.breakdown and "row" not in assigned.breakdown
    reduced = cell(result, 6, "Tinh giản biên chế trong năm")
    assert reduced.indicator_code == "staff.reduced"
    assert (reduced.period_start, reduced.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))  # the row's year


NEW_COMMUNES_TABLE = """
**Phụ lục 01**
**DANH SÁCH ĐƠN VỊ HÀNH CHÍNH CẤP XÃ MỚI SAU SẮP XẾP**

STT\tTên đơn vị hành chính cấp xã mới\tSố ĐVHC cấp xã cũ\tDiện tích tự nhiên (km²)\tQuy mô dân số (người)\tSố ĐVHC giảm
1\tXã Tân Lập\t3\t52,40\t18.215\t2
"""


def test_measures_of_a_new_commune_are_no_counts_and_its_former_units_were_rearranged():
    result = run(NEW_COMMUNES_TABLE, report_date=dt.date(2025, 8, 20))
    assert cell(result, 5, "Diện tích tự nhiên (km²)").family == "other"
    assert cell(result, 5, "Quy mô dân số (người)").family == "other"
    assert cell(result, 5, "Số ĐVHC cấp xã cũ").indicator_code == "admin.commune_units_rearranged"
    reduced = cell(result, 5, "Số ĐVHC giảm")
    assert (reduced.indicator_code, reduced.breakdown.get("type")) == ("admin.commune_units_reduced", None)


COMPARED_WITH_A_YEAR_TABLE = """
**Biểu số 03**
**SỐ LƯỢNG TRƯỜNG HỌC CÔNG LẬP**

STT\tChỉ tiêu\tNăm 2016\tNăm 2019\tĐến 31/8/2022\tSo sánh với năm 2016\t
\t\t\t\t\tSố giảm\tTỷ lệ giảm (%)
1\tCấp huyện\t540\t497\t455\t85\t15,74
"""


def test_a_change_column_compared_with_a_year_runs_from_that_year_to_the_last_count():
    result = run(COMPARED_WITH_A_YEAR_TABLE, report_date=dt.date(2022, 9, 15))
    for column in ("So sánh với năm 2016 / Số giảm", "So sánh với năm 2016 / Tỷ lệ giảm (%)"):
        change = cell(result, 6, column)
        assert (change.period_start, change.period_end) == (dt.date(2016, 1, 1), dt.date(2022, 8, 31))


NOTED_TABLE = """
**Biểu số 2**
**BIÊN CHẾ GIAI ĐOẠN 2021-2023**

STT\tNội dung\tNăm 2022\t\tNăm 2023\t
\t\tBiên chế được giao\tCó mặt\tBiên chế được giao\tCó mặt
1\tCông chức\t1.904\t1.851\t1.880\t1.822

*Ghi chú: Số có mặt năm 2023 tính đến thời điểm 31/8/2023.*
"""


def test_a_note_under_a_table_dates_the_column_it_names():
    result = run(NOTED_TABLE, report_date=dt.date(2023, 10, 5))
    assert (cell(result, 6, "Năm 2023 / Có mặt").period_end) == dt.date(2023, 8, 31)
    assert (cell(result, 6, "Năm 2023 / Biên chế được giao").period_end) == dt.date(2023, 12, 31)  # a year's quota
    assert (cell(result, 6, "Năm 2022 / Có mặt").period_end) == dt.date(2022, 12, 31)
    assert 8 in result.lines  # the note is the table's, not prose
    unnoted = run(NOTED_TABLE.split("*Ghi chú")[0], report_date=dt.date(2023, 10, 5))
    assert cell(unnoted, 6, "Năm 2023 / Có mặt").period_end == dt.date(2023, 10, 5)  # counted at the report's day


YEARS_AND_TOTAL_TABLE = """
**Biểu số 4**
**KẾT QUẢ TINH GIẢN BIÊN CHẾ THEO NĂM**

Năm\tTổng số người tinh giản\tNghỉ hưu trước tuổi\tThôi việc ngay
Năm 2021\t64\t40\t24
6 tháng đầu năm 2022\t37\t25\t12
Cộng\t101\t65\t36
"""


def test_with_years_as_rows_the_total_row_runs_over_them_all():
    result = run(YEARS_AND_TOTAL_TABLE, report_date=dt.date(2022, 7, 20))
    total = cell(result, 7, "Tổng số người tinh giản")
    assert (total.family, total.period_start, total.period_end) == ("staff", dt.date(2021, 1, 1), dt.date(2022, 6, 30))


LETTERED_NUMBERING_TABLE = """
**Biểu số 02**
**SỐ LƯỢNG CHI BỘ TRỰC THUỘC VÀ ĐẢNG VIÊN**

TT\tĐảng bộ cơ sở\tSố chi bộ trực thuộc\tSố đảng viên\t\tTăng so với đầu nhiệm kỳ
\t\t\tTháng 10/2020\tNgày 30/6/2025\t
A\tB\t1\t2\t3\t4=3-2
1\tXã Tân Phong\t12\t301\t344\t43
"""


def test_lettered_stub_columns_number_a_header_row_and_a_difference_column_counts_its_source():
    result = run(LETTERED_NUMBERING_TABLE, report_date=dt.date(2025, 7, 20))
    assert not [f for f in result.facts if f.line == 6]  # "A B 1 2 3 4=3-2" numbers the columns
    increase = cell(result, 7, "Tăng so với đầu nhiệm kỳ")
    assert increase.family == "party_members"
    count = cell(result, 7, "Số đảng viên / Ngày 30/6/2025")
    assert "column" not in count.breakdown  # ("Ngày" is the day's word, no column of its own)


def test_a_note_under_a_table_is_no_part_of_the_next_tables_caption():
    two = NOTED_TABLE + """
**Biểu số 3**
**SỐ LƯỢNG ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP THEO CẤP QUẢN LÝ**

TT\tCấp quản lý\tNăm 2016\tĐến 31/8/2023\tSố giảm
1\tCấp huyện\t640\t571\t69
"""
    result = run(two, report_date=dt.date(2023, 10, 5))
    assert cell(result, 14, "Năm 2016").family == "public_bodies"


KINDS_OF_CELLS_TABLE = """
**Phụ lục**
**SỐ LƯỢNG CHI BỘ, ĐẢNG VIÊN THEO LOẠI HÌNH CHI BỘ**
*(Thời điểm 31/12/2025)*

TT\tLoại hình chi bộ\tSố chi bộ\tSố đảng viên\tTrong đó: nữ
1\tChi bộ khu dân cư\t18\t1.204\t566
"""


def test_an_of_which_column_beside_a_count_counts_a_part_of_that_count():
    result = run(KINDS_OF_CELLS_TABLE, report_date=dt.date(2026, 1, 10))
    assert cell(result, 6, "Số chi bộ").family == "party_organizations"
    women = cell(result, 6, "Trong đó: nữ")
    assert (women.family, women.breakdown.get("sex")) == ("party_members", "nữ")


DISTRICTS_AND_PROVINCE_TABLE = """
**Biểu số 01**
**KẾT QUẢ SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ**

STT\tĐơn vị hành chính cấp huyện\tSố ĐVHC cấp xã trước sắp xếp\tSố ĐVHC cấp xã sau sắp xếp\tSố giảm
1\tHuyện Cẩm Khê\t24\t20\t4
2\tHuyện Hạ Hòa\t21\t18\t3
\tToàn tỉnh\t45\t38\t7
"""


def test_a_total_row_naming_the_province_is_the_whole_not_a_part_of_the_last_district():
    result = run(DISTRICTS_AND_PROVINCE_TABLE, report_date=dt.date(2024, 12, 20))
    assert cell(result, 6, "Số giảm").area_name == "Hạ Hòa"
    whole = cell(result, 7, "Số giảm")
    assert whole.area_name is None and "row" not in whole.breakdown


def test_a_short_sentence_or_list_item_above_a_table_is_prose_not_its_caption():
    lines = ("- Nữ: 218 đồng chí, chiếm 31,4%;\n"
             "Số đảng viên dự bị toàn huyện là 57 đồng chí.\n"
             "Biểu số 02\n"
             "SỐ LIỆU ĐẢNG VIÊN\n"
             "STT\tĐơn vị\tSố đảng viên\n"
             "1\tXã A\t120\n").split("\n")
    result = extract_tables(lines, report_date=dt.date(2024, 6, 30))
    assert sorted(result.lines) == [3, 4, 5, 6]


def test_under_a_period_over_the_table_a_count_holds_at_its_end_and_a_change_over_it():
    result = run("""
Biểu số 03
KẾT QUẢ SẮP XẾP ĐƠN VỊ SỰ NGHIỆP
(Số liệu tính từ ngày 01/02/2024 đến nay)
STT\tĐơn vị\tSố đơn vị sự nghiệp công lập\tSố biên chế tinh giản
1\tHuyện Ea Súp\t38\t9
""")
    units = cell(result, 5, "Số đơn vị sự nghiệp công lập")
    assert (units.indicator_code, units.period_start, units.period_end) == (
        "public.service_units", dt.date(2024, 6, 30), dt.date(2024, 6, 30))
    reduced = cell(result, 5, "Số biên chế tinh giản")
    assert (reduced.indicator_code, reduced.period_start, reduced.period_end) == (
        "staff.reduced", dt.date(2024, 2, 1), dt.date(2024, 6, 30))


def test_under_a_title_counting_a_change_the_kinds_its_columns_name_are_parts_of_the_change():
    result = run("""
Biểu số 04
SỐ NGƯỜI NGHỈ HƯU TRƯỚC TUỔI THEO NĂM
Đơn vị tính: người
Năm\tCông chức\tViên chức\tCộng
2022\t7\t31\t38
""")
    civil = cell(result, 5, "Công chức")
    assert civil.indicator_code == "staff.reduced" and civil.breakdown.get("category") == "công chức"
    assert (civil.period_start, civil.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def test_columns_of_former_communes_say_where_and_when_not_what_is_counted():
    lines = """
Biểu số 05
CHI BỘ VÀ ĐẢNG VIÊN CỦA CÁC XÃ HỢP NHẤT
STT\tNội dung\tXã Tân Hòa (cũ)\tXã Tân Lợi (cũ)\tXã Tân Hòa (mới)
1\tChi bộ ấp\t9\t7\t16
2\tTổng số đảng viên\t402\t338\t740
""".strip("\n").split("\n")
    eve, day = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    result = extract_tables(lines, report_date=dt.date(2025, 12, 20), rearrangement=(eve, day))
    cells = cell(result, 4, "Xã Tân Hòa (cũ)")
    assert (cells.family, cells.area_name, cells.area_former) == ("party_organizations", "Tân Hòa", True)
    assert (cells.period_start, cells.period_end) == (eve, eve)
    assert cell(result, 4, "Xã Tân Hòa (mới)").family == "party_organizations"
    assert cell(result, 5, "Xã Tân Lợi (cũ)").family == "party_members"


def test_a_signature_block_above_the_appendix_is_no_caption_and_a_reductions_cause_is_its_part():
    result = run("""
**TM. ĐOÀN GIÁM SÁT**
**TRƯỞNG ĐOÀN**
Biểu số 2
KẾT QUẢ SẮP XẾP ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP
STT\tLoại hình\tSố đơn vị tại thời điểm 01/01/2022\tGiảm do sáp nhập, hợp nhất\tGiảm do giải thể
1\tGiáo dục và đào tạo\t212\t17\t3
""")
    assert result.facts and all(f.family == "public_bodies" for f in result.facts)
    before = cell(result, 6, "Số đơn vị tại thời điểm 01/01/2022")
    assert before.indicator_code == "public.service_units" and "column" not in before.breakdown
    merged = cell(result, 6, "Giảm do sáp nhập, hợp nhất")
    dissolved = cell(result, 6, "Giảm do giải thể")
    assert merged.indicator_code == dissolved.indicator_code == "public.service_units_reduced"
    assert (merged.breakdown.get("reason"), dissolved.breakdown.get("reason")) == ("sáp nhập, hợp nhất", "giải thể")


def test_a_title_listing_several_subjects_leaves_each_row_its_own():
    result = run("""
Biểu số 3
MỘT SỐ CHỈ TIÊU VỀ TỔ CHỨC ĐẢNG, ĐƠN VỊ HÀNH CHÍNH VÀ TỔ CHỨC BỘ MÁY
STT\tChỉ tiêu\tNăm 2023\tNăm 2024
I\tTổ chức đảng\t\t
1\tTổ chức cơ sở đảng\t412\t398
2\tĐảng viên\t30.115\t30.902
II\tTổ chức bộ máy\t\t
3\tCơ quan chuyên môn thuộc UBND tỉnh\t19\t17
""")
    assert cell(result, 6, "Năm 2023").family == "party_members"
    assert cell(result, 8, "Năm 2024").family == "public_bodies"


def test_a_count_under_a_coming_period_keeps_that_period():
    result = run("""
Biểu số 6
DỰ KIẾN SỐ ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP
STT\tĐơn vị\tGiai đoạn 2026 - 2030
1\tHuyện A\t41
""", report_date=dt.date(2025, 12, 1))
    planned = cell(result, 4, "Giai đoạn 2026 - 2030")
    assert planned.period_start >= dt.date(2026, 1, 1)
