"""Language patterns of the genre, on invented sentences (other numbers, places and orders)."""
import datetime as dt
from decimal import Decimal

from reports.extraction.narrative import extract_narrative

REF = dt.date(2023, 6, 30)
# What a report's title states ("Báo cáo kết quả 6 tháng đầu năm 2023"): its undated changes hold over it.
PERIOD = (dt.date(2023, 1, 1), REF)


def facts(*lines, reporting_period=PERIOD):
    found, warnings = extract_narrative(list(lines), reference_date=REF, reporting_period=reporting_period)
    assert not warnings
    return {(f.line, f.value): f for f in found}


def test_a_change_no_text_dates_is_a_warning_not_a_guessed_period():
    found, warnings = extract_narrative(["Toàn huyện giảm 9 đơn vị sự nghiệp công lập."], reference_date=REF)
    assert found == []
    assert [(w.line, w.code) for w in warnings] == [(1, "undated_flow")]
    dated = facts("Toàn huyện giảm 9 đơn vị sự nghiệp công lập.")
    assert (dated[(1, Decimal(9))].period_start, dated[(1, Decimal(9))].period_end) == PERIOD


def test_counts_with_their_nouns_and_breakdown():
    got = facts("Hiện nay, Đảng bộ huyện có 41 tổ chức cơ sở đảng, trong đó: 12 đảng bộ xã, 29 chi bộ cơ sở, "
                "với 3.120 đảng viên.")
    assert got[(1, Decimal(41))].family == "party_organizations"
    assert got[(1, Decimal(29))].indicator_code == "party.orgs.grassroots_cells"
    members = got[(1, Decimal(3120))]
    assert members.family == "party_members" and members.period_end == REF and members.is_stock


def test_before_after_and_change_have_their_own_times():
    got = facts("Số đơn vị sự nghiệp công lập tại thời điểm 01/01/2019 là 640 đơn vị, "
                "tại thời điểm 31/12/2022 là 600 đơn vị, giảm 40 đơn vị (tỷ lệ giảm 6,25%).")
    assert got[(1, Decimal(640))].period_end == dt.date(2019, 1, 1)
    assert got[(1, Decimal(600))].period_end == dt.date(2022, 12, 31)
    change = got[(1, Decimal(40))]
    assert (change.period_start, change.period_end) == (dt.date(2019, 1, 1), dt.date(2022, 12, 31))
    assert got[(1, Decimal("6.25"))].family == "public_bodies" and got[(1, Decimal("6.25"))].unit == "percent"


def test_enumeration_inherits_the_head_and_weak_nouns_take_the_topic():
    got = facts("Giai đoạn 2021-2022, toàn huyện tinh giản biên chế 96 trường hợp (sự nghiệp 70 người; "
                "hành chính 26 người).")
    for value in (96, 70, 26):
        f = got[(1, Decimal(value))]
        assert f.family == "staff" and f.period_start == dt.date(2021, 1, 1)
    assert got[(1, Decimal(70))].breakdown.get("subset") == "sự nghiệp"


def test_acts_decide_the_family_and_document_numbers_are_skipped():
    got = facts("Thực hiện Nghị quyết số 26-NQ/TW, năm 2022 Ủy ban kiểm tra đã kiểm tra 15 tổ chức đảng, "
                "kỷ luật 4 đảng viên; kết nạp 210 đảng viên.")
    assert got[(1, Decimal(15))].family == "discipline"
    assert got[(1, Decimal(4))].family == "discipline"
    assert got[(1, Decimal(210))].family == "party_members"
    assert (1, Decimal(26)) not in got


def test_share_with_its_parts_and_role_predicate():
    got = facts("Đến nay có 310/325 (bằng 95,4%) trưởng thôn, tổ dân phố là đảng viên.")
    assert {got[(1, v)].family for v in (Decimal(310), Decimal(325), Decimal("95.4"))} == {"party_members"}


def test_sentence_continues_after_a_page_break_and_footnote():
    got = facts("Kết quả, năm 2022 toàn tỉnh kết nạp được", "",
                "<sup>3</sup> Theo Kế hoạch số 5-KH/TU.", "", "1.005 đảng viên mới.")
    fact = got[(5, Decimal(1005))]
    assert fact.family == "party_members" and fact.period_start == dt.date(2022, 1, 1)
    assert fact.quote in "1.005 đảng viên mới."


def test_unknown_nouns_and_committee_places():
    got = facts("Huyện ủy Lục Nam lựa chọn 04 chi bộ; tổ chức 6 hội thi văn nghệ.")
    assert got[(1, Decimal(4))].area_name == "Lục Nam" and got[(1, Decimal(4))].area_level == "district"
    assert (1, Decimal(6)) not in got


def test_qualifiers():
    got = facts("Tỷ lệ đảng viên dự sinh hoạt đạt từ 95% trở lên; có gần 500 đảng viên được khen thưởng.")
    assert got[(1, Decimal(95))].qualifier == "từ … trở lên"
    assert got[(1, Decimal(500))].qualifier == "gần"


def test_footnote_of_a_clause_citing_a_dated_regulation_runs_from_that_date():
    got = facts("Huyện ủy đã chuyển giao tổ chức đảng theo Hướng dẫn số 12-HD/TU ngày 15/4/2021 của "
                "Ban Tổ chức Tỉnh ủy<sup>7</sup>.", "",
                "<sup>7</sup> Đã chuyển giao 9 chi bộ cơ sở với 214 đảng viên về Đảng bộ Khối.")
    for value in (9, 214):
        f = got[(3, Decimal(value))]
        assert (f.period_start, f.period_end) == (dt.date(2021, 4, 15), REF)


def test_a_range_of_rates_is_a_goal_and_a_restated_goal_keeps_its_start():
    got = facts("Các đảng bộ phấn đấu hằng năm kết nạp đảng viên mới đạt 2-3% tổng số đảng viên theo "
                "Kế hoạch số 20-KH/TU ngày 05/9/2021.",
                "Việc bảo đảm đạt mục tiêu 2% - 3% tổng số đảng viên còn khó khăn.")
    for line in (1, 2):
        for value in (2, 3):
            f = got[(line, Decimal(value))]
            assert f.breakdown.get("target") == "yes" and f.period_start == dt.date(2021, 9, 5)


def test_a_time_after_the_number_in_its_clause_dates_it():
    got = facts("Tổ chức 3 hội nghị cho cán bộ, đảng viên ở 41 chi bộ, đảng bộ của huyện vào các ngày 12 và "
                "13/5/2022, số lượng tham gia: 512/530 người được triệu tập (tỷ lệ 96,6%).")
    assert got[(1, Decimal(41))].family == "party_organizations"
    assert got[(1, Decimal(41))].period_end == dt.date(2022, 5, 13)
    # attendance at a meeting counts participants, not members
    assert {got[(1, Decimal(v))].family for v in (512, 530, Decimal("96.6"))} == {"other"}


def test_a_time_heading_the_next_count_is_not_the_previous_ones():
    got = facts("Từ năm 2021 đến nay, tỷ lệ đảng viên xếp loại xuất sắc không quá 15% theo quy định, "
                "tỷ lệ đảng viên hoàn thành tốt nhiệm vụ năm 2022 đạt 88,2%.")
    assert got[(1, Decimal(15))].period_start == dt.date(2021, 1, 1)
    assert got[(1, Decimal("88.2"))].period_start == dt.date(2022, 1, 1)


def test_a_count_with_only_a_beginning_holds_at_that_beginning():
    got = facts("Ban Thường vụ chọn thí điểm mô hình bí thư đồng thời là chủ tịch tại 5/7 đơn vị huyện, "
                "thị xã, thời gian thực hiện từ tháng 9/2019.")
    total = got[(1, Decimal(7))]
    assert total.family == "admin_units" and total.is_stock and total.period_end == dt.date(2019, 9, 1)


def test_a_bold_lead_in_paragraph_continues_after_a_page_break():
    got = facts("**3.2. Công tác phát triển đảng viên:** Trong các năm qua toàn huyện đã quan tâm công tác "
                "phát triển đảng viên. Kết quả, giai đoạn 2020-2022 kết nạp 910 đảng viên (*riêng năm 2022 kết nạp*",
                "", "<sup>4</sup> Theo Kế hoạch số 9-KH/HU.", "",
                "330 đảng viên); nâng tổng số đảng viên của Đảng bộ huyện lên 7.420 đồng chí.")
    assert got[(5, Decimal(330))].period_start == dt.date(2022, 1, 1)
    total = got[(5, Decimal(7420))]
    assert total.family == "party_members" and total.is_stock and total.period_end == REF


def test_parallel_list_items_with_the_same_weak_noun_count_the_same_thing():
    got = facts("Giai đoạn 2021-2022, huyện tinh giản biên chế 58 trường hợp; trong đó do sắp xếp bộ máy 40 người; "
                "do không hoàn thành nhiệm vụ 11 người; do ốm đau kéo dài quá thời hạn 07 người.")
    assert got[(1, Decimal(7))].family == "staff" and got[(1, Decimal(7))].period_start == dt.date(2021, 1, 1)


def test_a_congress_for_a_named_term_is_held_in_its_first_year():
    got = facts("Chỉ đạo tổ chức đại hội ở 100% chi bộ trực thuộc nhiệm kỳ 2022-2025 bảo đảm đúng kế hoạch.")
    f = got[(1, Decimal(100))]
    assert (f.period_start, f.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert "target" not in f.breakdown


def test_a_count_of_places_follows_what_the_places_do_or_hold():
    got = facts("Hiện nay, 154 xã, phường, thị trấn phân công đồng chí phó chủ tịch phụ trách công tác dân vận; "
                "triển khai mô hình dân vận khéo ở 05 huyện, thị xã; toàn tỉnh có 9/9 huyện có mô hình.")
    assert got[(1, Decimal(154))].family == "cadres"
    assert got[(1, Decimal(5))].family == "other"
    got = facts("Số cơ quan chuyên môn thuộc UBND cấp huyện hiện nay là 13, trong đó 3 huyện (Mỹ Lộc, Ý Yên, "
                "Vụ Bản bố trí thêm phòng).")
    assert got[(1, Decimal(3))].family == "public_bodies"


def test_a_count_right_after_a_moment_is_a_stock_even_inside_a_change_sentence():
    lines = ["Số đơn vị sự nghiệp công lập trước khi sắp xếp tại thời điểm 01/01/2019 là 420 đơn vị, sau khi "
             "sắp xếp tại thời điểm 30/6/2022 là 371 đơn vị, giảm 49 đơn vị."]
    facts, _ = extract_narrative(lines, reference_date=dt.date(2022, 9, 1))
    by_value = {int(f.value): f for f in facts}
    assert (by_value[420].period_start, by_value[420].period_end) == (dt.date(2019, 1, 1), dt.date(2019, 1, 1))
    assert (by_value[371].period_start, by_value[371].period_end) == (dt.date(2022, 6, 30), dt.date(2022, 6, 30))
    assert by_value[49].period_start < by_value[49].period_end


def test_results_of_an_election_held_on_a_day_are_counts_at_that_day():
    got = facts("Cuộc bầu cử đại biểu HĐND xã diễn ra ngày 14/3/2021, tỷ lệ cử tri đi bầu đạt 98,5%; "
                "toàn huyện đã bầu được 412 đại biểu, trong đó nữ 103 người.")
    for value in ("98.5", "412", "103"):
        f = got[(1, Decimal(value))]
        assert f.family == "elections" and (f.period_start, f.period_end) == (dt.date(2021, 3, 14),) * 2


def test_an_election_of_a_named_term_is_dated_by_the_terms_first_day():
    got = facts("Kết quả bầu cử đại biểu HĐND huyện nhiệm kỳ 2021-2026: đã bầu được 36 đại biểu, "
                "tỷ lệ cử tri đi bầu đạt 97%.")
    for value in ("36", "97"):
        f = got[(1, Decimal(value))]
        assert f.family == "elections" and f.period_start == f.period_end == dt.date(2021, 5, 23)


def test_a_sentence_of_bare_people_counts_breaks_down_the_previous_sentences_count():
    got = facts("Năm 2022, huyện bầu được 52 đại biểu. Về trình độ chuyên môn: Thạc sĩ 7 người, "
                "tỷ lệ 13,5%; đại học 45 người.")
    for value in ("7", "13.5", "45"):
        assert got[(1, Decimal(value))].family == "elections"


def test_a_term_naming_the_office_of_an_election_is_not_the_sections_period():
    found, _ = extract_narrative([
        "Ủy ban kiểm tra giải quyết đơn thư liên quan đến nhân sự ứng cử đại biểu "
        "HĐND nhiệm kỳ 2021-2026.",
        "Các cấp ủy đã kiểm tra 215 tổ chức đảng."], reference_date=REF, reporting_period=(dt.date(2020, 1, 1), REF))
    inspected = next(f for f in found if f.value == Decimal(215))
    assert inspected.family == "discipline" and inspected.period_start == dt.date(2020, 1, 1)


def test_each_listed_item_is_its_own_breakdown_and_its_share_follows_it():
    # Items after the first must not become totals (nor the head of what follows), even across a sentence.
    found, _ = extract_narrative(["Kết quả bầu cử ngày 23/5/2021, bầu được 50 đại biểu HĐND huyện, trong đó: nữ 14 người, tỷ lệ 28%; "
                                  "trẻ tuổi 07 người, tỷ lệ 14%; tái cử 20 người. Về trình độ: thạc sỹ 07 người, "
                                  "tỷ lệ 14%; đại học 43 người."], reference_date=REF)
    assert all(f.family == "elections" for f in found)
    assert {f.period_end for f in found} == {dt.date(2021, 5, 23)}  # the election's day, both sentences

    def part(f):
        return ",".join(f"{k}={v}" for k, v in sorted(f.breakdown.items()) if k != "body")

    counts = sorted((f.value, part(f)) for f in found if f.unit != "percent")
    assert counts == [(7, "qualification=thạc sỹ"), (7, "subset=trẻ tuổi"), (14, "sex=nữ"), (20, "subset=tái cử"),
                      (43, "qualification=đại học"), (50, "")]
    shares = sorted((f.value, part(f)) for f in found if f.unit == "percent")
    assert shares == [(14, "qualification=thạc sỹ"), (14, "subset=trẻ tuổi"), (28, "sex=nữ")]


def test_deputies_are_counted_per_elected_body_never_as_one_total():
    found, _ = extract_narrative([
        "Kết quả bầu cử ngày 23/5/2021: bầu được 07 đại biểu Quốc hội, trong đó nữ 03 người.",
        "Đối với bầu cử đại biểu Hội đồng nhân dân cấp huyện: toàn tỉnh bầu được 412 đại biểu, trong đó nữ 120 người.",
        "Đại biểu HĐND xã được bầu là 4.870 người.",
    ], reference_date=REF)
    bodies = {(f.value, f.breakdown.get("body"), f.breakdown.get("sex")) for f in found if f.unit == "person"}
    assert bodies == {(7, "Quốc hội", None), (3, "Quốc hội", "nữ"), (412, "HĐND cấp huyện", None),
                      (120, "HĐND cấp huyện", "nữ"), (4870, "HĐND cấp xã", None)}


def test_the_norm_a_result_exceeds_is_a_target():
    got = facts("Giai đoạn 2021-2024 giảm 40 đơn vị sự nghiệp (tỷ lệ giảm 12,5%, vượt tỷ lệ giảm 10% theo Nghị quyết).")
    assert got[(1, Decimal("12.5"))].breakdown.get("target") is None
    assert got[(1, Decimal("10"))].breakdown.get("target") == "yes"


def test_the_year_to_date_dates_admissions_and_a_comparison_base_dates_nothing():
    got = facts("Từ đầu năm đến nay, Đảng bộ huyện kết nạp được 136 đảng viên mới, bằng 3,1% so với tổng số "
                "đảng viên cuối năm 2022, nâng tổng số đảng viên của huyện là 4.530 đảng viên (trong đó có 1.702 "
                "đảng viên nữ, 286 đảng viên dự bị). Trong năm, toàn huyện thành lập được 7 chi bộ.")
    admitted = got[(1, Decimal(136))]
    assert admitted.indicator_code == "party.members.admitted"
    assert (admitted.period_start, admitted.period_end) == (dt.date(2023, 1, 1), REF)
    assert got[(1, Decimal(7))].period_start == dt.date(2023, 1, 1)
    for value in (4530, 1702, 286):
        assert got[(1, Decimal(value))].period_end == REF and got[(1, Decimal(value))].is_stock
    assert got[(1, Decimal(1702))].breakdown.get("sex") == "nữ"
    assert got[(1, Decimal(286))].breakdown.get("status") == "dự bị"


def test_a_level_reached_after_a_periods_admissions_holds_at_the_periods_end():
    got = facts("Trong quý I/2023, toàn huyện kết nạp 64 đảng viên mới, nâng tổng số toàn Đảng bộ huyện 5.906 "
                "đảng viên, chiếm tỷ lệ khoảng 4,2% dân số.")
    total = got[(1, Decimal(5906))]
    assert total.is_stock and total.period_end == dt.date(2023, 3, 31)
    assert got[(1, Decimal("4.2"))].family == "party_members"


def test_plans_are_goals_from_the_report_on_not_results():
    got = facts("Đến nay, huyện đã tinh giản 85 biên chế và dự kiến sẽ tinh giản thêm 120 biên chế từ nay đến "
                "năm 2026.",
                "Dự kiến sau sắp xếp, toàn tỉnh còn 12 đơn vị hành chính cấp xã.",
                "Tỷ lệ thôn có chi bộ đạt 97,2%, vượt mục tiêu đề ra (mục tiêu của Nghị quyết là năm 2023 đạt 95%).")
    planned = got[(1, Decimal(120))]
    assert planned.breakdown.get("target") == "yes"
    assert (planned.period_start, planned.period_end) == (REF, dt.date(2026, 12, 31))
    assert "target" not in got[(1, Decimal(85))].breakdown
    assert got[(2, Decimal(12))].breakdown.get("target") == "yes"
    goal = got[(3, Decimal(95))]
    assert goal.breakdown.get("target") == "yes" and goal.period_end == dt.date(2023, 12, 31)


def test_headline_periods_and_batches_of_a_year():
    got = facts("3 tháng: Toàn huyện giảm 18 biên chế",
                "Trong đợt 2/2022, toàn tỉnh đã tinh giản 64 trường hợp, trong đó khối chính quyền có 51 trường hợp.")
    assert (got[(1, Decimal(18))].period_start, got[(1, Decimal(18))].period_end) == (
        dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert got[(2, Decimal(64))].period_start == dt.date(2022, 1, 1)
    assert got[(2, Decimal(51))].breakdown.get("sector") == "chính quyền"
    assert (2, Decimal(2)) not in got


def test_abbreviations_and_unit_words_of_the_genre():
    got = facts("Đảng bộ Quân sự huyện kết nạp 37 ĐV mới, đạt 92,5% chỉ tiêu được giao. Nâng tổng số ĐV của huyện "
                "lên 6.214 đồng chí, sinh hoạt tại 58 TCCSĐ.",
                "Sau sắp xếp, tỉnh có 6 ĐVHC cấp huyện và 84 ĐVHC cấp xã; toàn tỉnh giảm 47 đơn vị cấp xã.",
                "Năm 2022 giảm 14 ĐVSNCL, giảm 312 CBCCVC; tỉnh gồm 10 đơn vị hành chính (ĐVHC) cấp huyện.")
    assert got[(1, Decimal(37))].indicator_code == "party.members.admitted"
    assert got[(1, Decimal("92.5"))].family == "party_members"
    assert got[(1, Decimal(6214))].family == "party_members" and got[(1, Decimal(6214))].is_stock
    assert got[(1, Decimal(58))].family == "party_organizations"
    assert got[(2, Decimal(6))].indicator_code == "admin.district_units"
    assert got[(2, Decimal(84))].indicator_code == "admin.commune_units"
    assert got[(2, Decimal(47))].indicator_code == "admin.commune_units_reduced"  # a change, its own series
    assert got[(3, Decimal(14))].family == "public_bodies" and got[(3, Decimal(312))].family == "staff"
    assert got[(3, Decimal(10))].indicator_code == "admin.district_units"


def test_kinds_of_public_bodies_count_only_where_they_are_reorganised():
    got = facts("Tỉnh sẽ sáp nhập 4 trung tâm kiểm soát bệnh tật thành 2 trung tâm; thành lập 2 Ban Quản lý dự án "
                "đầu tư xây dựng.",
                "Hội nghị được tổ chức trực tuyến tại 3 trung tâm văn hóa của huyện.")
    assert {got[(1, Decimal(v))].family for v in (4, 2)} == {"public_bodies"}
    assert got[(1, Decimal(4))].breakdown.get("type") == "trung tâm"
    assert (2, Decimal(3)) not in got


def test_every_item_of_a_list_of_kinds_is_a_breakdown_of_its_head():
    got = facts("Hiện nay, tỉnh có 9 đơn vị hành chính cấp huyện (gồm 6 huyện, 1 huyện đảo, 2 thị xã) với 143 "
                "đơn vị cấp xã: 17 phường, 9 thị trấn, 117 xã.",
                "Sau sắp xếp còn 40 đơn vị hành chính cấp xã, gồm 6 phường, 33 xã và 1 đặc khu.")
    assert [got[(1, Decimal(v))].breakdown.get("type") for v in (6, 1, 2, 17, 117)] == [
        "huyện", "huyện đảo", "thị xã", "phường", "xã"]
    assert [got[(2, Decimal(v))].breakdown.get("type") for v in (6, 33, 1)] == ["phường", "xã", "đặc khu"]
    assert "type" not in got[(1, Decimal(143))].breakdown and "type" not in got[(2, Decimal(40))].breakdown
    assert got[(1, Decimal(143))].indicator_code == "admin.commune_units"
    found, _ = extract_narrative(["Hiện nay, tỉnh có 143 đơn vị cấp xã: 17 phường, 9 thị trấn, 117 xã."],
                                 reference_date=REF)
    assert {f.breakdown.get("type") for f in found} == {None, "phường", "thị trấn", "xã"}


def test_a_paragraph_opened_by_trong_do_details_the_count_before_it():
    got = facts("Tổng số người được giải quyết nghỉ thôi việc đến ngày 30/4 là 1.240 người với tổng kinh phí "
                "gần 900 tỷ đồng.",
                "Trong đó, cán bộ là 310 người; công chức 505 người; viên chức là 425 người.")
    for value, item in ((310, "cán bộ"), (505, "công chức"), (425, "viên chức")):
        f = got[(2, Decimal(value))]
        assert f.family == "staff" and f.breakdown.get("subset") == item
        assert f.period_end == dt.date(2023, 4, 30)


def test_dates_times_document_numbers_numbered_places_and_measures_are_not_counts():
    found, _ = extract_narrative([
        "Huyện có 5.112 đảng viên",
        "Cập nhật lúc 21:07, Thứ Ba, 12/09/2023 (GMT+7)",
        "Sáng 14/6, Ban Tổ chức cho biết tính đến ngày 31-5 huyện đã kết nạp 410 đảng viên; thực hiện "
        "Nghị định 99 và 102 của Chính phủ, đã sáp nhập các phường 4, 7, 9 với diện tích 512km2."],
        reference_date=REF)
    core = sorted((f.line, f.value) for f in found if f.family != "other")
    assert core == [(1, 5112), (3, 410)]
    assert next(f for f in found if f.value == 410).period_end == dt.date(2023, 5, 31)


def test_a_family_does_not_carry_over_to_the_economy_or_the_population():
    got = facts("Đảng bộ xã có 1.215 đảng viên. 5 năm qua, Đảng bộ hoàn thành các chỉ tiêu nhiệm kỳ 2020 - 2025. "
                "Kinh tế tăng trưởng bình quân 9,4%/năm; công tác an sinh xã hội được bảo đảm, tỷ lệ hộ nghèo "
                "giảm còn 1,8%; dân số 24.500 người.",
                "Tham dự đại hội có 150 đại biểu đại diện cho hơn 2.300 đảng viên.")
    assert got[(1, Decimal(1215))].is_stock and got[(1, Decimal(1215))].period_end == REF
    assert {got[(1, Decimal(v))].family for v in ("9.4", "1.8", "24500")} == {"other"}
    assert got[(2, Decimal(2300))].family == "party_members"


def test_a_rate_after_a_fraction_and_the_sectors_of_a_reduction():
    got = facts("Hiện có 412/430 thôn có chi bộ, đạt tỷ lệ 95,8%.",
                "Đến nay, tỉnh đã giảm 270/10.480 biên chế, trong đó khối đảng, đoàn thể giảm 40/610 biên chế; "
                "khối chính quyền giảm 230/9.870 biên chế.")
    assert got[(1, Decimal(412))].family == "party_organizations"
    assert got[(1, Decimal("95.8"))].family == "party_organizations"
    assert {got[(2, Decimal(v))].breakdown.get("sector") for v in (40, 610)} == {"đảng, đoàn thể"}
    assert {got[(2, Decimal(v))].breakdown.get("sector") for v in (230, 9870)} == {"chính quyền"}
    assert "sector" not in got[(2, Decimal(270))].breakdown


def test_a_weak_noun_that_shortens_a_topics_name_counts_that_topic():
    got = facts("Các đơn vị sự nghiệp công lập thuộc cơ quan chuyên môn của huyện được hợp nhất; kết quả giảm "
                "9 đơn vị.")
    assert got[(1, Decimal(9))].indicator_code == "public.service_units_reduced"


def test_a_count_said_of_a_place_below_the_province_carries_that_place():
    got = facts("Năm 2022, toàn tỉnh kết nạp 870 đảng viên; riêng Đảng bộ huyện Bảo Lạc kết nạp 41 đảng viên mới, "
                "đạt 62,5%; Đảng bộ Công an tỉnh kết nạp 12 đảng viên.",
                "Sau sắp xếp, TP Hòa Bình còn lại 4 phường; xã Tân Lập có 19 tổ chức cơ sở đảng với 1.240 đảng viên.",
                "Huyện Mường Tè kết nạp 30 đảng viên, toàn tỉnh kết nạp 2.000 đảng viên.")
    for line, value, place in ((1, 41, ("Bảo Lạc", "district")), (1, "62.5", ("Bảo Lạc", "district")),
                               (2, 4, ("Hòa Bình", "district")), (2, 19, ("Tân Lập", "commune")),
                               (2, 1240, ("Tân Lập", "commune")), (3, 30, ("Mường Tè", "district"))):
        f = got[(line, Decimal(value))]
        assert (f.area_name, f.area_level) == place
    for line, value in ((1, 870), (1, 12), (3, 2000)):
        assert got[(line, Decimal(value))].area_name is None


def test_places_that_locate_an_act_or_are_counted_are_not_the_figures_place():
    got = facts("Ban Tổ chức tổ chức hội nghị tại xã Tân Lập cho 300 đảng viên; tỉnh có 2 huyện Bảo Lạc và Bảo Lâm "
                "kết nạp 90 đảng viên.",
                "Xã Đồng Tâm, Hòa Bình và thị trấn Kỳ Sơn (05 xã còn lại do cán bộ huyện luân chuyển về).")
    assert all(f.area_name is None for f in got.values())


def test_the_whole_of_a_cut_is_the_count_before_it():
    got = facts("Năm 2022, tỉnh đã giảm 640/12.300 biên chế được giao; sở mới đã sắp xếp 11 cơ quan chuyên môn, "
                "giảm 9/20 cơ quan.")
    cut, before = got[(1, Decimal(640))], got[(1, Decimal(12300))]
    assert cut.indicator_code == "staff.reduced" and cut.period_start == dt.date(2022, 1, 1)
    assert before.indicator_code == "staff.payroll_assigned"
    assert before.is_stock and before.period_end == dt.date(2022, 1, 1)
    agencies = got[(1, Decimal(20))]
    assert agencies.indicator_code == "public.agencies" and agencies.is_stock
    assert agencies.period_end == got[(1, Decimal(9))].period_start


def test_a_places_figures_end_where_another_place_is_named():
    found, _ = extract_narrative([
        "Năm 2023, huyện Kim Bôi kết nạp 120 đảng viên và huyện Lạc Sơn kết nạp 95 đảng viên.",
        "Năm 2023, huyện Kim Bôi kết nạp 120 đảng viên, Lạc Sơn 95 đảng viên, Tân Lạc 80 đảng viên.",
    ], reference_date=REF)
    places = [(f.line, f.value, f.area_name) for f in found]
    # bare names listed after a prefixed one are its siblings: districts too
    assert places == [(1, 120, "Kim Bôi"), (1, 95, "Lạc Sơn"), (2, 120, "Kim Bôi"), (2, 95, "Lạc Sơn"),
                      (2, 80, "Tân Lạc")]


def test_a_change_between_two_dated_counts_runs_between_them():
    got = facts("Năm 2016, huyện được giao 1.240 biên chế; năm 2022 được giao 1.118 biên chế, giảm 122 biên chế.")
    change = got[(1, Decimal(122))]
    assert change.indicator_code == "staff.reduced"
    # measured from the count of 2016, as "so với năm 2016" is: the span starts with that year
    assert (change.period_start, change.period_end) == (dt.date(2016, 1, 1), dt.date(2022, 12, 31))


def test_the_make_up_of_a_body_at_its_founding_holds_on_the_founding_day():
    got = facts("Đảng bộ xã được thành lập theo Quyết định số 215-QĐ/TU ngày 24/6/2025 của Tỉnh ủy, gồm 41 tổ chức "
                "đảng với 1.930 đảng viên.")
    for value in (41, 1930):
        assert got[(1, Decimal(value))].period_end == dt.date(2025, 6, 24) and got[(1, Decimal(value))].is_stock


def test_a_change_since_a_central_resolution_starts_on_its_day():
    got = facts("Toàn tỉnh giảm 64 đơn vị sự nghiệp công lập so với trước khi thực hiện Nghị quyết số 19-NQ/TW.")
    assert got[(1, Decimal(64))].period_start.year == 2017


def test_sizes_and_numbered_names_of_bodies_are_no_statistics():
    got = facts("Hiện có 07 chi bộ trên 60 đảng viên, 11 chi bộ từ 30 đến 60 đảng viên; đông nhất là Chi bộ số 4.")
    assert sorted(value for _, value in got) == [7, 11]


def test_the_parts_of_a_list_are_each_their_own_kind_of_the_whole():
    got = facts("Hiện nay, Đảng bộ tỉnh có 12 đảng bộ trực thuộc (07 đảng bộ huyện, 01 đảng bộ thị xã, 01 đảng bộ "
                "thành phố).")
    kinds = {got[(1, Decimal(v))].breakdown.get("type") for v in (7, 1)}
    assert None not in kinds and got[(1, Decimal(12))].breakdown == {}


def test_an_amount_of_money_is_not_a_count_of_what_it_concerns():
    got = facts("Qua thanh tra đã phát hiện sai phạm 2.150 triệu đồng tại 14 cơ quan.")
    money = got[(1, Decimal(2150000000))]
    assert money.indicator_code is None and money.unit == "other"


def test_a_bracket_left_open_far_before_its_numbers_is_no_aside():
    """A "(" not closed within MAX_SENTENCE_CHARS (a stray one in a long paragraph) brackets nothing: the
    numbers after it read as they do without it. (Reading each number back to its bracket's opening was
    the work of the whole paragraph for every number.)"""
    filler = "Các chi bộ duy trì nền nếp sinh hoạt. " * 120  # 4.560 characters, no number
    sentence = "Năm 2023, toàn huyện kết nạp 120 đảng viên, trong đó nữ 45 đồng chí."

    def read(line):
        found, _ = extract_narrative([line], reference_date=REF)
        return [(f.value, f.family, f.indicator_code, f.breakdown, f.period_start, f.period_end) for f in found]

    assert read("( " + filler + sentence) == read(filler + sentence)
    assert any(breakdown == {"sex": "nữ"} for _, _, _, breakdown, _, _ in read(filler + sentence))


def test_a_count_dated_by_a_bare_year_holds_at_its_end_and_the_change_runs_from_that_year():
    got = facts("Số đơn vị hành chính cấp xã giảm từ 224 đơn vị (năm 2019) xuống còn 196 đơn vị (năm 2022), "
                "giảm 28 đơn vị.", "Số đơn vị sự nghiệp giảm từ 92 (thời điểm 31/12/2019) xuống còn 85 (thời điểm "
                "31/12/2022), giảm 7 đơn vị.")
    assert got[(1, Decimal(224))].period_end == dt.date(2019, 12, 31)
    assert got[(1, Decimal(196))].period_end == dt.date(2022, 12, 31)
    change = got[(1, Decimal(28))]
    assert (change.period_start, change.period_end) == (dt.date(2019, 1, 1), dt.date(2022, 12, 31))  # as "so với năm 2019"
    from_a_day = got[(2, Decimal(7))]
    assert (from_a_day.period_start, from_a_day.period_end) == (dt.date(2020, 1, 1), dt.date(2022, 12, 31))  # the day after


def test_a_share_in_brackets_between_a_change_and_its_base_leaves_the_base_to_the_change():
    got = facts("Năm 2022 huyện được giao 804 biên chế, giảm 41 biên chế (4,85%) so với năm 2016 (845 biên chế).",
                "Năm 2022 còn 49 trường, giảm 8 trường so với năm 2016; trong đó khối tiểu học giảm từ 30 xuống "
                "còn 25 trường.")
    for value in (41, Decimal("4.85")):
        change = got[(1, Decimal(value))]
        assert (change.period_start, change.period_end) == (dt.date(2016, 1, 1), dt.date(2022, 12, 31))
    before = got[(2, Decimal(30))]
    assert before.period_end == dt.date(2016, 12, 31)  # the count of 2016 the change is measured from


def test_people_a_rearrangement_left_over_are_surplus_staff_not_headcount():
    got = facts("Sau sắp xếp, các xã dôi dư 254 cán bộ, công chức cấp xã; hiện còn 31 người dôi dư chưa bố trí.",
                "Toàn tỉnh có 4.120 cán bộ, công chức cấp xã.")
    assert got[(1, Decimal(254))].indicator_code == "staff.surplus"
    assert got[(1, Decimal(31))].indicator_code == "staff.surplus"
    assert got[(2, Decimal(4120))].indicator_code == "staff.headcount"


def test_a_reduction_goal_measured_from_a_base_runs_from_it_to_its_horizon():
    got = facts("- Đến năm 2026: giảm tối thiểu 8% đơn vị sự nghiệp công lập và 6% biên chế sự nghiệp so với "
                "năm 2022 (dự kiến còn 410 đơn vị).")
    for value in (Decimal(8), Decimal(6)):
        goal = got[(1, value)]
        assert goal.breakdown.get("target") == "yes"
        assert (goal.period_start, goal.period_end) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    planned = got[(1, Decimal(410))]
    assert planned.period_end == dt.date(2026, 12, 31) and planned.breakdown.get("target") == "yes"


def test_public_service_units_by_financial_autonomy():
    got = facts("Đến ngày 30/6/2023, toàn tỉnh có 12 đơn vị tự bảo đảm chi thường xuyên; 85 đơn vị tự bảo đảm "
                "một phần chi thường xuyên; 402 đơn vị do ngân sách nhà nước bảo đảm chi thường xuyên.")
    assert {got[(1, Decimal(v))].breakdown.get("autonomy") for v in (12, 85, 402)} == {
        "chi thường xuyên", "một phần chi thường xuyên", "ngân sách nhà nước bảo đảm"}
    assert {got[(1, Decimal(v))].indicator_code for v in (12, 85, 402)} == {"public.service_units"}


def test_a_change_of_the_total_is_its_net_change_and_the_base_in_brackets_is_the_total_then():
    got = facts("Tổng số đảng viên toàn Đảng bộ là 2.430 đồng chí, tăng 37 đồng chí so với thời điểm 31/12/2022 "
                "(2.393 đồng chí). Trong đó, sinh hoạt tại 21 chi bộ nông thôn 1.950 đồng chí.")
    assert got[(1, Decimal(37))].indicator_code == "party.members.net_increase"
    assert got[(1, Decimal(37))].period_start == dt.date(2023, 1, 1)
    base = got[(1, Decimal(2393))]
    assert (base.indicator_code, base.period_end, base.is_stock) == ("party.members.total", dt.date(2022, 12, 31), True)


def test_more_admissions_than_the_year_before_is_no_change_of_the_total():
    got = facts("Năm 2022, toàn Đảng bộ kết nạp 612 đảng viên, tăng 41 đảng viên so với năm 2021.", "- Đảng viên nữ: 250 đồng chí, chiếm 40,85%;",
                reporting_period=(dt.date(2022, 1, 1), dt.date(2022, 12, 31)))
    difference = got[(1, Decimal(41))]
    assert difference.indicator_code is None and "kết nạp" in difference.concept
    assert (difference.period_start, difference.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    women = got[(2, Decimal(250))]
    assert women.indicator_code == "party.members.admitted" and women.breakdown == {"sex": "nữ"}


def test_a_place_given_as_an_example_is_the_subject_of_its_figure():
    got = facts("Nhiều đảng bộ kết nạp vượt chỉ tiêu, nổi bật là huyện Mường Lát kết nạp 64 đảng viên.")
    assert got[(1, Decimal(64))].area_name == "Mường Lát"


def test_a_weak_noun_takes_the_subject_of_its_section_heading_and_its_category():
    got = facts("2. Sắp xếp đơn vị sự nghiệp công lập", "Một số huyện làm tốt như: huyện Ba Chẽ giảm 6 đơn vị, "
                "huyện Tiên Yên giảm 4 đơn vị.", "a) Biên chế công chức",
                "Năm 2022 được giao 1.830 biên chế, giảm 42 biên chế so với năm 2021.")
    assert got[(2, Decimal(6))].indicator_code == "public.service_units_reduced"
    assert got[(2, Decimal(4))].area_name == "Tiên Yên"
    assert got[(4, Decimal(1830))].breakdown.get("category") == "công chức"


def test_an_undated_change_goes_on_the_period_of_the_change_before_it_and_a_list_details_it():
    got = facts("Số lượng người làm việc năm 2015 là 9.120 người; đến ngày 31/12/2022 còn 8.415 người, giảm 705 "
                "người. Riêng khối y tế giảm 220 người.", "Năm 2015 có 410 đơn vị; đến ngày 31/12/2022 còn 352 đơn vị, giảm 58 "
                "đơn vị sự nghiệp công lập, cụ thể:", "- Lĩnh vực giáo dục: giảm 40 đơn vị;")
    change = got[(1, Decimal(705))]
    health = got[(1, Decimal(220))]
    assert (health.period_start, health.period_end) == (change.period_start, change.period_end) == (
        dt.date(2015, 1, 1), dt.date(2022, 12, 31))  # from the count of 2015, as "so với năm 2015"
    education = got[(3, Decimal(40))]
    assert (education.period_start, education.period_end) == (dt.date(2015, 1, 1), dt.date(2022, 12, 31))


def test_each_breakdown_of_a_total_by_a_dimension_details_that_total():
    got = facts("Từ năm 2019 đến nay, toàn tỉnh đã tinh giản biên chế đối với 730 người.",
                "Chia theo hình thức: nghỉ hưu trước tuổi 402 người; thôi việc ngay 328 người. Chia theo đối tượng: "
                "công chức 61 người, viên chức 669 người.")
    assert got[(2, Decimal(402))].breakdown == {"reason": "nghỉ hưu trước tuổi"}
    for value, category in ((61, "công chức"), (669, "viên chức")):
        part = got[(2, Decimal(value))]
        assert part.indicator_code == "staff.reduced" and category in part.breakdown.values()
        assert part.period_start == dt.date(2019, 1, 1)


def test_a_base_opening_the_sentence_dates_the_change_from_it():
    got = facts("So với năm 2016 (844 đơn vị), số đơn vị sự nghiệp công lập của tỉnh đã giảm 121 đơn vị.")
    assert got[(1, Decimal(844))].period_end == dt.date(2016, 12, 31)
    assert got[(1, Decimal(121))].period_start == dt.date(2016, 1, 1)


def test_a_level_to_reach_from_a_day_is_a_count_at_that_day():
    got = facts("Từ ngày 01/7/2025, tỉnh sẽ có 96 đơn vị hành chính cấp xã, gồm 80 xã và 16 phường.")
    level = got[(1, Decimal(96))]
    assert (level.period_start, level.period_end, level.is_stock) == (dt.date(2025, 7, 1), dt.date(2025, 7, 1), True)
    assert level.indicator_code == "admin.commune_units"


def test_the_base_of_a_comparison_of_flows_is_the_earlier_flow():
    got = facts("6 tháng đầu năm 2023, toàn Đảng bộ kết nạp 930 đảng viên, tăng 6,2% so với cùng kỳ năm 2022 "
                "(876 đảng viên).")
    base = got[(1, Decimal(876))]
    assert base.indicator_code == "party.members.admitted" and not base.is_stock


def test_the_largest_and_smallest_of_many_are_no_count_of_the_whole():
    got = facts("Đảng bộ có 38 chi bộ; chi bộ đông nhất có 152 đảng viên, chi bộ ít nhất có 6 đảng viên.")
    assert (got[(1, Decimal(152))].indicator_code, got[(1, Decimal(152))].breakdown) == (None, {"stat": "cao nhất"})
    assert got[(1, Decimal(6))].breakdown == {"stat": "thấp nhất"}


def test_the_first_part_of_a_list_of_places_is_a_sibling_of_the_named_ones_after_it():
    got = facts("Sau sắp xếp còn 31 xã, cụ thể: Mường Tè 6 xã; huyện Sìn Hồ 9 xã; Phong Thổ 8 xã.")
    assert [got[(1, Decimal(v))].area_name for v in (6, 9, 8)] == ["Mường Tè", "Sìn Hồ", "Phong Thổ"]


def test_an_undated_change_runs_between_the_two_moments_its_sentence_states():
    got = facts("Tỉnh đã sắp xếp 09 huyện để thành lập 05 huyện mới; số huyện giảm từ 12 (thời điểm 31/12/2019) "
                "xuống còn 8 (thời điểm 31/12/2020).", "Sau sắp xếp, số chi bộ xóm, tổ dân phố còn 640 chi bộ.")
    merged = got[(1, Decimal(9))]
    assert (merged.period_start, merged.period_end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    cells = got[(2, Decimal(640))]
    assert cells.family == "party_organizations" and cells.period_end == dt.date(2020, 12, 31)


def test_a_change_measured_from_a_moment_runs_from_it_and_a_whole_spans_its_dated_parts():
    found, warnings = extract_narrative(
        ["UBND tỉnh có 15 sở, giảm 12 cơ quan so với tổng số của hai tỉnh trước hợp nhất.",
         "Toàn tỉnh đã giải quyết cho 3.410 người nghỉ việc; trong đó, từ ngày 01/01/2025 đến ngày 30/6/2025 "
         "giải quyết 1.200 người, từ ngày 01/7/2025 đến nay giải quyết 2.210 người."],
        reference_date=dt.date(2025, 11, 30), rearrangement=(dt.date(2025, 6, 30), dt.date(2025, 7, 1)))
    got = {(f.line, f.value): f for f in found}
    assert not warnings
    reduced = got[(1, Decimal(12))]
    assert (reduced.period_start, reduced.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 11, 30))
    whole = got[(2, Decimal(3410))]
    assert (whole.period_start, whole.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 11, 30))


def test_the_place_with_the_most_keeps_its_own_count_and_retiring_is_no_reduction():
    got = facts("Năm 2022, cấp huyện có số người tinh giản nhiều nhất là huyện Mèo Vạc 26 người. Giai đoạn 2020 - 2022 "
                "còn có 904 cán bộ, công chức nghỉ hưu đúng tuổi.")
    most = got[(1, Decimal(26))]
    assert (most.indicator_code, most.area_name, most.breakdown) == ("staff.reduced", "Mèo Vạc", {})
    assert got[(1, Decimal(904))].indicator_code == "staff.retired"


def test_a_change_of_a_flow_its_subject_names_is_no_flow_of_the_catalogue():
    got = facts("Số người được giải quyết tinh giản năm 2022 tăng 17 người so với năm 2021.")
    assert got[(1, Decimal(17))].indicator_code is None


def test_leaving_for_a_body_the_budget_does_not_pay_is_a_form_of_reduction():
    got = facts("Chia theo hình thức: nghỉ hưu trước tuổi 73 người; chuyển sang làm việc tại các tổ chức không hưởng "
                "lương thường xuyên từ ngân sách nhà nước 9 người.")
    moved = got[(1, Decimal(9))]
    assert moved.indicator_code == "staff.reduced" and "ngân sách" in moved.breakdown["reason"]


def test_places_after_a_locative_say_where_bodies_were_merged_not_what_was_cut():
    found, _ = extract_narrative(["**2. Sắp xếp đơn vị sự nghiệp công lập**",
                                  "- Y tế: hợp nhất Trung tâm Y tế và Bệnh viện đa khoa cấp huyện ở 7/7 huyện, giảm 07 "
                                  "đơn vị."], reference_date=REF, reporting_period=PERIOD)
    cut = [f for f in found if f.quote.endswith("giảm 07 đơn vị")]
    assert [(f.family, f.indicator_code) for f in cut] == [("public_bodies", "public.service_units_reduced")]


def test_a_bracket_saying_when_an_act_was_done_does_not_date_its_results():
    got = facts("Kết quả đánh giá, xếp loại năm 2022 (thực hiện trong quý I/2023) đối với 412 tổ chức cơ sở đảng: "
                "hoàn thành xuất sắc nhiệm vụ 96 tổ chức.")
    rated = got[(1, Decimal(96))]
    assert rated.period_start.year == 2022 and rated.period_end == dt.date(2022, 12, 31)  # of 2022, not of 2023


def test_a_number_in_words_before_a_counted_noun_and_the_next_clauses_verb():
    found, _ = extract_narrative(["Trong 6 tháng, đã thành lập mới ba tổ chức cơ sở đảng và giải thể 04 tổ chức cơ sở "
                                  "đảng."], reference_date=REF, reporting_period=PERIOD)
    codes = {f.value: f.indicator_code for f in found}
    assert codes == {Decimal(3): "party.orgs.grassroots_new", Decimal(4): "party.orgs.grassroots_reduced"}


def test_expelled_cases_among_removals_from_the_rolls_are_members_removed():
    got = facts("Đã đưa ra khỏi Đảng 31 đảng viên: xóa tên 22 trường hợp, khai trừ 7 trường hợp, 2 trường hợp xin ra "
                "khỏi Đảng.", "Ủy ban kiểm tra đã thi hành kỷ luật 12 đảng viên, trong đó khai trừ 4 trường hợp.")
    assert got[(1, Decimal(7))].indicator_code == "party.members.removed"
    assert got[(2, Decimal(4))].family == "discipline"


def test_a_place_given_as_an_example_is_its_counts_and_its_shares_place():
    got = facts("Một số đảng bộ kết nạp khá như Đảng bộ huyện Cầu Ngang 96 đảng viên, đạt 61,15% chỉ tiêu năm.")
    assert got[(1, Decimal(96))].area_name == "Cầu Ngang"
    assert got[(1, Decimal("61.15"))].area_name == "Cầu Ngang"  # (not "đạt": a lower-case word is no name)


def test_a_lead_with_no_figure_naming_the_count_before_it_opens_its_breakdown():
    found, _ = extract_narrative(["Trong 6 tháng, toàn Đảng bộ kết nạp 842 đảng viên.", "Cơ cấu đảng viên mới kết nạp:",
                                  "- Đảng viên nữ: 401 (47,62%);", "- Người dân tộc Chăm: 57 đồng chí."],
                                 reference_date=REF, reporting_period=PERIOD)
    got = {f.value: f for f in found}
    assert got[Decimal(401)].indicator_code == got[Decimal(57)].indicator_code == "party.members.admitted"
    assert got[Decimal(401)].breakdown.get("sex") == "nữ"
    assert (got[Decimal(57)].period_start, got[Decimal(57)].period_end) == PERIOD


def test_a_base_with_its_own_count_dates_the_change_and_that_count():
    got = facts("Tính đến ngày 31/5/2023, toàn tỉnh đã giảm 214 cơ quan, đơn vị, bằng 18,06% so với tổng số 1.185 "
                "đầu mối năm 2016.")
    assert (got[(1, Decimal(214))].period_start, got[(1, Decimal(214))].period_end) == (dt.date(2016, 1, 1),
                                                                                        dt.date(2023, 5, 31))
    assert got[(1, Decimal("18.06"))].period_start == dt.date(2016, 1, 1)
    base = got[(1, Decimal(1185))]
    assert (base.period_start, base.period_end) == (dt.date(2016, 12, 31), dt.date(2016, 12, 31))


def test_a_rate_of_change_after_the_base_in_brackets_is_the_changes():
    got = facts("Năm 2023, biên chế công chức được giao là 1.874 biên chế, giảm 151 biên chế so với năm 2016 "
                "(2.025 biên chế), tỷ lệ giảm 7,46%.")
    rate = got[(1, Decimal("7.46"))]
    assert (rate.family, rate.period_start, rate.period_end) == ("staff", dt.date(2016, 1, 1), dt.date(2023, 12, 31))


def test_units_rearranged_to_form_new_ones_are_the_rearranged_not_the_new():
    got = facts("Năm 2023, tỉnh đã sắp xếp 54 đơn vị hành chính cấp xã để thành lập 27 đơn vị mới, giảm 27 đơn vị.",
                "Năm 2023, tỉnh đã sắp xếp 04 huyện để thành lập 02 huyện mới.")
    assert got[(1, Decimal(54))].indicator_code == "admin.commune_units_rearranged"
    assert got[(1, Decimal(27))].indicator_code in ("admin.commune_units_new", "admin.commune_units_reduced")
    assert got[(2, Decimal(4))].indicator_code == "admin.district_units_rearranged"
    assert got[(2, Decimal(2))].indicator_code == "admin.district_units_new"


def test_the_whole_of_a_cut_measured_from_a_year_is_that_years_count():
    got = facts("Giai đoạn 2016-2023, tỉnh đã tinh giản 312/2.960 biên chế so với năm 2016.")
    assert got[(1, Decimal(2960))].period_end == dt.date(2016, 12, 31)


def test_a_lead_naming_a_count_of_the_paragraph_before_heads_its_list_though_another_count_ends_it():
    found, _ = extract_narrative(["Trong 6 tháng, toàn Đảng bộ kết nạp 655 đảng viên. Có 07/12 đảng bộ trực thuộc đạt "
                                  "chỉ tiêu.", "Trong tổng số đảng viên mới kết nạp:", "- Nữ: 318 đồng chí, chiếm 48,55%;"],
                                 reference_date=REF, reporting_period=PERIOD)
    got = {f.value: f for f in found}
    assert got[Decimal(318)].indicator_code == "party.members.admitted"
    assert got[Decimal(318)].breakdown.get("sex") == "nữ"


def test_a_lettered_part_of_a_section_keeps_the_span_of_its_sections_first_change():
    found, _ = extract_narrative(["**1. Sắp xếp tổ chức bộ máy**",
                                  "Tính đến ngày 31/5/2023, toàn tỉnh đã giảm 117 cơ quan, đơn vị so với năm 2016.",
                                  "*a) Khối chính quyền*", "Cấp huyện giảm 42 phòng chuyên môn.",
                                  "**2. Tinh giản biên chế**", "Cấp xã giảm 16 phòng chuyên môn."],
                                 reference_date=REF, reporting_period=None)
    got = {f.value: f for f in found}
    assert (got[Decimal(42)].period_start, got[Decimal(42)].period_end) == (dt.date(2016, 1, 1), dt.date(2023, 5, 31))
    assert Decimal(16) not in got  # a numbered section of its own: no period for it


def test_a_goal_of_change_without_a_base_runs_from_the_report_to_its_horizon():
    found, _ = extract_narrative(["**III. NHIỆM VỤ THỜI GIAN TỚI**",
                                  "Phấn đấu đến năm 2025 giảm thêm khoảng 120 thôn, tổ dân phố."],
                                 reference_date=REF, reporting_period=PERIOD)
    goal = next(f for f in found if f.value == 120)
    assert (goal.period_start, goal.period_end, goal.breakdown.get("target")) == (REF, dt.date(2025, 12, 31), "yes")


def test_a_sentence_opening_with_the_whole_the_last_sentence_counted_lists_its_parts():
    got = facts("Năm 2023, toàn Đảng bộ kết nạp 812 đảng viên mới, riêng quý II kết nạp 301 đảng viên. Trong số đảng "
                "viên mới có 397 đảng viên nữ, chiếm 48,89%.")
    women = got[(1, Decimal(397))]
    assert (women.indicator_code, women.breakdown.get("sex")) == ("party.members.admitted", "nữ")
    assert (women.period_start, women.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_a_goal_of_the_term_measured_from_a_later_year_runs_from_that_year():
    found, _ = extract_narrative(["**III. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2020-2025**",
                                  "- Tinh giản tối thiểu 10% biên chế so với năm 2021."],
                                 reference_date=dt.date(2020, 8, 10), reporting_period=None)
    goal = next(f for f in found if f.value == 10)
    assert goal.period_start == dt.date(2021, 1, 1) and goal.period_end.year == 2025


def test_names_listed_after_a_lead_naming_their_level_are_places_of_that_level_and_its_verb_governs_them():
    got = facts("Trong 6 tháng, các đảng bộ xã kết nạp nhiều là: Tân Hòa (31 đảng viên), Phú Lộc (27 đảng viên).")
    first, second = got[(1, Decimal(31))], got[(1, Decimal(27))]
    assert (first.area_name, first.area_level, first.indicator_code) == ("Tân Hòa", "commune", "party.members.admitted")
    assert (second.area_name, second.period_start, second.period_end) == ("Phú Lộc",) + PERIOD


def test_places_of_a_list_that_have_come_to_hold_a_party_cell_count_the_partys_presence():
    got = facts("Đến nay, 1.204/1.251 thôn, tổ dân phố đã có chi bộ (bằng 96,24%).")
    assert got[(1, Decimal(1204))].family == got[(1, Decimal("96.24"))].family == "party_organizations"
    assert got[(1, Decimal(1251))].family == "admin_units"  # the places themselves


def test_a_plans_content_stated_after_theo_de_an_is_a_goal_over_the_plans_period():
    found, _ = extract_narrative(["Theo Đề án, tỉnh sắp xếp 14 đơn vị hành chính cấp xã để thành lập 06 đơn vị mới."],
                                 reference_date=dt.date(2019, 8, 20), reporting_period=None,
                                 planned_period=(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))
    got = {f.value: f for f in found}
    assert got[Decimal(14)].breakdown.get("target") == "yes"
    assert (got[Decimal(6)].period_start, got[Decimal(6)].period_end) == (dt.date(2019, 1, 1), dt.date(2021, 12, 31))


def test_a_footnote_count_its_own_words_name_is_not_an_item_of_the_marked_act():
    found, _ = extract_narrative(["Ủy ban kiểm tra các cấp đã thi hành kỷ luật 27 đảng viên<sup>3</sup>.",
                                  "<sup>3</sup> Đảng viên nữ 9.312 đồng chí (30,12%); huyện Phong Điền 4 trường hợp."],
                                 reference_date=REF, reporting_period=PERIOD)
    got = {f.value: f for f in found}
    assert (got[Decimal(9312)].indicator_code, got[Decimal(9312)].breakdown.get("sex")) == ("party.members.total", "nữ")
    assert got[Decimal(4)].family == "discipline"  # a bare item of the marked act stays one


def test_figures_in_brackets_right_after_a_place_are_that_places():
    got = facts("Trong 6 tháng, đã hợp nhất 11 chi bộ, tập trung ở huyện Long Phú (06 chi bộ hợp nhất thành 03) và "
                "huyện Kế Sách (05 chi bộ hợp nhất thành 02).")
    assert [got[(1, Decimal(v))].area_name for v in (6, 5)] == ["Long Phú", "Kế Sách"]
    assert got[(1, Decimal(11))].area_name is None


def test_a_period_of_its_own_that_begins_as_its_base_ends_is_the_changes():
    got = facts("Kết quả, giai đoạn 2016 - 2021, toàn tỉnh giảm được 2.914 biên chế, bằng 10,2% so với tại thời điểm "
                "năm 2015.", "Năm 2022, tỉnh giảm 316 biên chế so với năm 2015.")
    cut = got[(1, Decimal(2914))]
    assert (cut.period_start, cut.period_end) == (dt.date(2016, 1, 1), dt.date(2021, 12, 31))
    assert got[(2, Decimal(316))].period_start == dt.date(2015, 1, 1)  # a year of its own is measured from the base


def test_an_undated_change_of_units_runs_over_the_rearrangement_the_report_dates():
    found, warnings = extract_narrative(
        ["Trên cơ sở Đề án được phê duyệt, tỉnh đã sắp xếp 48 đơn vị hành chính cấp xã để thành lập 22 đơn vị mới."],
        reference_date=dt.date(2024, 12, 20), reporting_period=None,
        rearrangement=(dt.date(2024, 11, 30), dt.date(2024, 12, 1)))
    got = {f.value: f for f in found}
    assert not warnings
    assert (got[Decimal(48)].period_start, got[Decimal(48)].period_end) == (dt.date(2024, 11, 30), dt.date(2024, 12, 1))
    assert got[Decimal(22)].indicator_code == "admin.commune_units_new"


def test_parts_in_brackets_after_a_listed_item_are_that_items_parts():
    found, _ = extract_narrative(["Trong 6 tháng, toàn Đảng bộ kết nạp 812 đảng viên. Trong tổng số đảng viên mới kết nạp:",
                                  "- Người có đạo: 38 đồng chí (Phật giáo 29, Công giáo 9);"],
                                 reference_date=REF, reporting_period=PERIOD)
    got = {f.value: f for f in found}
    assert got[Decimal(29)].indicator_code == got[Decimal(9)].indicator_code == "party.members.admitted"
    assert got[Decimal(29)].breakdown.get("subset") == "Phật giáo"


def test_a_bracketed_share_after_a_list_of_kinds_is_the_share_of_the_count_it_runs_on_from():
    got = facts("Năm 2023, toàn tỉnh có 642 thôn, tổ dân phố, trong đó 640/642 thôn, tổ dân phố đã có chi bộ (đạt 99,69%).")
    assert got[(1, Decimal("99.69"))].family == got[(1, Decimal(640))].family == "party_organizations"


def test_the_villages_of_the_central_highlands_are_villages():
    got = facts("Đến nay, 88/88 thôn, bon, tổ dân phố có chi bộ (đạt 100%); huyện có 14 bon đồng bào dân tộc thiểu số.")
    assert got[(1, Decimal(14))].indicator_code == "admin.villages"
    assert got[(1, Decimal(100))].family == "party_organizations"


def test_a_dissolved_province_is_the_unit_it_was_before_the_reform_and_a_region_of_the_new_one_since():
    eve, day = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    found, _ = extract_narrative([
        "Tỉnh Kon Tum có 102 đơn vị hành chính cấp xã.",
        "Năm 2026, tỉnh được giao 9.870 biên chế công chức, trong đó Kon Tum 3.210 biên chế.",
    ], reference_date=dt.date(2026, 2, 10), rearrangement=(eve, day))
    got = {f.value: f for f in found}
    units = got[Decimal(102)]
    assert (units.area_name, units.area_former, units.period_end) == ("Kon Tum", True, eve)
    region = got[Decimal(3210)]
    assert region.area_name is None and region.breakdown.get("region") == "Kon Tum"
    assert region.period_end >= day


def test_a_merger_into_fewer_units_shortens_its_noun_and_its_later_changes_take_its_period():
    got = facts("Năm 2022, ngành y tế sáp nhập 41 trạm y tế thành 19 trạm, ngành giáo dục giảm 13 trường do sáp nhập.",
                "Ngành y tế sáp nhập 18 trạm y tế từ năm 2019 đến năm 2021, giảm 9 trạm y tế.")
    formed, schools = got[(1, Decimal(19))], got[(1, Decimal(13))]
    assert formed.family == "public_bodies" and formed.breakdown.get("type") == "trạm y tế"
    assert schools.indicator_code == "public.service_units_reduced"  # "do sáp nhập" says why, it governs nothing
    years = (dt.date(2019, 1, 1), dt.date(2021, 12, 31))
    assert (got[(2, Decimal(18))].period_start, got[(2, Decimal(18))].period_end) == years
    assert (got[(2, Decimal(9))].period_start, got[(2, Decimal(9))].period_end) == years


def test_the_one_stop_office_of_each_commune_is_a_public_body():
    got = facts("Hiện nay, toàn tỉnh có 96 Trung tâm Phục vụ hành chính công cấp xã.")
    assert got[(1, Decimal(96))].family == "public_bodies"


def test_the_next_heading_of_its_level_ends_a_headings_period():
    found, _ = extract_narrative([
        "**2. Công tác đại hội chi bộ nhiệm kỳ 2025-2027**",
        "Đã có 31 chi bộ tổ chức xong đại hội.",
        "**3. Công tác phát triển đảng viên**",
        "Toàn Đảng bộ kết nạp 57 đảng viên mới.",
    ], reference_date=REF, reporting_period=PERIOD)
    admitted = next(f for f in found if f.value == 57)
    assert (admitted.period_start, admitted.period_end) == PERIOD and not admitted.breakdown.get("target")


def test_a_share_after_a_comparison_in_brackets_is_of_the_clauses_count_not_of_the_base():
    found, _ = extract_narrative([
        "Nhiệm kỳ 2015 - 2020, Đảng bộ huyện kết nạp 947 đảng viên, tăng 3,1% so với nhiệm kỳ 2010 - 2015 "
        "(kết nạp 918 đảng viên) và đạt 105,2% chỉ tiêu Nghị quyết Đại hội."], reference_date=dt.date(2020, 6, 10))
    got = {f.value: f for f in found}
    admitted, share = got[Decimal(947)], got[Decimal("105.2")]
    assert (share.period_start, share.period_end) == (admitted.period_start, admitted.period_end)


def test_a_change_after_a_comparisons_base_runs_from_that_base_not_between_two_bases():
    got = facts("So với thời điểm 30/6/2022 (812 tổ chức), số tổ chức cơ sở đảng giảm 31 tổ chức; so với thời "
                "điểm 31/12/2022 (797 tổ chức), giảm 16 tổ chức cơ sở đảng.")
    since_mid_year, since_year_end = got[(1, Decimal(31))], got[(1, Decimal(16))]
    assert since_mid_year.period_end == since_year_end.period_end == REF
    assert (since_mid_year.period_start, since_year_end.period_start) == (dt.date(2022, 7, 1), dt.date(2023, 1, 1))


def test_a_numbered_sub_heading_keeps_its_parents_period():
    found, _ = extract_narrative([
        "**2. Công tác đại hội chi bộ nhiệm kỳ 2022-2025**",
        "**2.1. Kết quả đại hội**",
        "Các chi bộ kết nạp 57 đảng viên mới.",
    ], reference_date=REF, reporting_period=PERIOD)
    admitted = next(f for f in found if f.value == 57)
    assert admitted.period_start.year == 2022


def test_a_province_listed_beside_a_dissolved_one_is_the_former_unit_only_since_the_reform():
    line = "Số cơ quan chuyên môn giảm từ 38 (Lào Cai 19, Yên Bái 19) xuống còn 14 cơ quan."
    since, _ = extract_narrative([line], reference_date=dt.date(2025, 11, 20),
                                 rearrangement=(dt.date(2025, 6, 30), dt.date(2025, 7, 1)))
    assert {(f.area_name, f.area_former) for f in since if f.value == 19} == {("Lào Cai", True), ("Yên Bái", True)}
    before, _ = extract_narrative([line], reference_date=dt.date(2020, 3, 1), reporting_period=(dt.date(2019, 1, 1),
                                                                                                dt.date(2020, 3, 1)))
    assert not [f for f in before if f.area_former]
