import datetime as dt

from reports.extraction.document_time import reporting_period_read
from reports.extraction.metadata import extract_metadata


def lines(text):
    return text.split("\n")


def times_of(header, body):
    """The document time model of a report with `header` (number, place and date lines) and `body`."""
    text = lines(header + "\n\nBÁO CÁO\nKết quả giám sát\n\n" + body)
    meta = extract_metadata(text)
    reporting_period_read(text, meta)
    return meta


def test_undated_report_is_bounded_by_the_request_it_answers():
    meta = extract_metadata(lines(
        "Số: /BC-UBND\n\nLạng Sơn, ngày tháng năm 2023\n\n## BÁO CÁO\n\n"
        "Thực hiện Công văn số 77/SNV-TCBC ngày 02/10/2023 của Sở Nội vụ, UBND huyện Cao Lộc báo cáo như sau:\n"
        "Huyện có 22 xã, thị trấn thuộc tỉnh Lạng Sơn."))
    assert meta.number is None and meta.date is None
    assert meta.date_not_before == dt.date(2023, 10, 2) and meta.date_not_after == dt.date(2023, 12, 31)
    assert meta.date_not_before < meta.reference_date <= meta.date_not_after
    assert meta.issuer == "UBND huyện Cao Lộc"
    assert meta.place == ("Cao Lộc", "district")


def test_full_header_date_and_number():
    meta = extract_metadata(lines("Số: 120-BC/HU\n\nTân Yên, ngày 05 tháng 6 năm 2022\n\nBÁO CÁO\n"
                                  "Ban Thường vụ Huyện ủy Tân Yên báo cáo kết quả nhiệm kỳ 2020 - 2025."))
    assert meta.number == "120-BC/HU"
    assert meta.date == meta.reference_date == dt.date(2022, 6, 5)
    assert meta.place == ("Tân Yên", "district")
    assert meta.terms == ["2020-2025"]


def test_date_from_appendix_caption():
    meta = extract_metadata(lines("BÁO CÁO\nTỉnh ủy Hà Giang trân trọng báo cáo.\n" + "\n" * 20 +
                                  "(kèm theo Báo cáo số 88-BC/TU ngày 7/9/2023 của Tỉnh ủy)"))
    assert meta.number == "88-BC/TU" and meta.date == dt.date(2023, 9, 7)
    assert meta.place == ("Hà Giang", "province")


def test_header_date_in_figures_and_a_web_pages_dateline():
    assert extract_metadata(lines("ĐẢNG BỘ TỈNH NAM ĐỊNH\nNam Định, ngày 04/11/2023\nBÁO CÁO")).date == dt.date(2023, 11, 4)
    saved = extract_metadata(lines("Cập nhật lúc 07:15, Thứ Tư, 13/03/2024 (GMT+7)\nToàn tỉnh có 120 chi bộ."))
    assert saved.date == saved.reference_date == dt.date(2024, 3, 13)
    assert extract_metadata(lines("Ngày đăng: 09:02, 02/12/2021\nx")).date == dt.date(2021, 12, 2)
    assert extract_metadata(lines("Toàn tỉnh có 120 chi bộ, tăng 3 so với ngày 01/01/2024.")).date is None


def test_a_place_name_stops_at_the_line_end_and_before_a_persons_name():
    meta = extract_metadata(lines("ĐẢNG BỘ TỈNH\nTheo ông Giám đốc Sở Nội vụ tỉnh Sóc Trăng Trần Văn An, tỉnh có 109 xã."))
    assert ("Sóc Trăng", "province") in meta.places
    assert not any(name.startswith("Theo") or "Trần" in name for name, _ in meta.places)


def test_a_weekday_only_dates_the_report_right_before_its_date():
    cited = extract_metadata(lines("BÁO CÁO\nThực hiện Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương "
                                   "khóa XII ngày 25/10/2017, tỉnh đã giảm 12 đơn vị."))
    assert cited.date is None
    assert extract_metadata(lines("Chủ nhật, 07/01/2024 - 10:05\nx")).date == dt.date(2024, 1, 7)


def test_a_header_written_in_figures_names_the_reports_place():
    meta = extract_metadata(lines("Nam Định, ngày 04/11/2023\nBÁO CÁO\nhuyện Ý Yên có 30 xã, huyện Ý Yên."))
    assert meta.place == ("Nam Định", "province") and meta.place_from_header


def test_weekday_datelines_in_their_usual_forms_date_the_copy_and_name_no_place():
    for dateline in ("Thứ sáu - 19/04/2025", "Chủ nhật ngày 19/04/2025", "Thứ Sáu, ngày 19/04/2025"):
        meta = extract_metadata(lines(f"{dateline}\nhuyện Kim Bôi có 120 đảng viên."))
        assert meta.date == dt.date(2025, 4, 19), dateline
        assert not meta.place_from_header and all(not name.startswith("Thứ") for name, _ in meta.places)


def test_a_header_place_written_with_its_prefix_has_its_level():
    meta = extract_metadata(lines("Huyện Kim Bôi, ngày 15/3/2024\nBÁO CÁO"))
    assert meta.place == ("Kim Bôi", "district") and meta.place_from_header


# The title: the words after "BÁO CÁO" as one line. The header lines below are invented in the genre's shapes.
def title_of(text: str) -> str:
    return extract_metadata(lines(text)).title


def test_a_title_glued_to_its_heading_and_broken_over_two_lines_reads_as_one_line():
    assert title_of("**BÁO CÁO****sơ kết công tác tổ chức xây dựng Đảng năm 2022;  \n"
                    "nhiệm vụ trọng tâm năm 2023**\n\n-----\n\n**I- ĐẶC ĐIỂM TÌNH HÌNH**") == \
        "sơ kết công tác tổ chức xây dựng Đảng năm 2022; nhiệm vụ trọng tâm năm 2023"


def test_a_title_below_its_heading():
    assert title_of("Số: 45-BC/HU\n\n## BÁO CÁO\n\n### Kết quả thực hiện tinh giản biên chế giai đoạn 2021 - 2024"
                    "\n\n-----\n\nThực hiện Công văn số 10-CV/BTCTU ngày 02/3/2024...") == \
        "Kết quả thực hiện tinh giản biên chế giai đoạn 2021 - 2024"


def test_title_lines_ending_in_a_comma_join_and_the_last_ones_punctuation_goes():
    assert title_of("BÁO CÁO\n\n**tổng kết công tác kiểm tra, giám sát năm 2021,**\n**phương hướng, nhiệm vụ năm 2022;**\n") \
        == "tổng kết công tác kiểm tra, giám sát năm 2021, phương hướng, nhiệm vụ năm 2022"
    assert title_of("BÁO CÁO TÌNH HÌNH ĐỘI NGŨ CÁN BỘ CẤP XÃ NĂM 2023:") == "TÌNH HÌNH ĐỘI NGŨ CÁN BỘ CẤP XÃ NĂM 2023"


def test_a_note_in_brackets_the_preamble_or_a_new_heading_is_not_part_of_the_title():
    assert title_of("## BÁO CÁO\n\n**Tóm tắt kết quả công tác dân vận nhiệm kỳ 2020 - 2025**\n"
                    "*(Tài liệu trình Hội nghị Ban Chấp hành Đảng bộ huyện)*") == \
        "Tóm tắt kết quả công tác dân vận nhiệm kỳ 2020 - 2025"
    assert title_of("BÁO CÁO\nKết quả sắp xếp thôn, tổ dân phố năm 2019\n"
                    "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2019, huyện báo cáo như sau:") == \
        "Kết quả sắp xếp thôn, tổ dân phố năm 2019"
    assert title_of("## BÁO CÁO\n### Tình hình đội ngũ cán bộ năm 2022\n### I. KẾT QUẢ") == "Tình hình đội ngũ cán bộ năm 2022"


def test_a_title_continued_in_lower_case_keeps_its_second_line():
    assert title_of("BÁO CÁO\n**Sơ kết 05 năm**\n**thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương**") == \
        "Sơ kết 05 năm thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương"


def test_a_title_is_nfc_with_single_spaces():
    import unicodedata

    title = title_of(unicodedata.normalize("NFD", "BÁO CÁO\n\n**Kết  quả\tcông tác   xây dựng Đảng năm 2021**"))
    assert title == "Kết quả công tác xây dựng Đảng năm 2021" and unicodedata.is_normalized("NFC", title)


def test_no_report_heading_no_title():
    assert title_of("Toàn tỉnh có 120 chi bộ.\nTrong năm kết nạp 35 đảng viên.") == ""


def test_clean_title_mends_a_title_stored_before():
    from reports.extraction.metadata import clean_title

    assert clean_title(" tổng kết công tác tổ chức năm 2020 ;") == "tổng kết công tác tổ chức năm 2020"
    assert clean_title("Kết quả 6 tháng đầu năm 2021,  ") == "Kết quả 6 tháng đầu năm 2021"


def test_the_days_of_a_mission_are_not_the_period_its_report_is_about():
    def period(preamble):
        return times_of("Số: 77/BC-HĐND\n\nLai Châu, ngày 02 tháng 12 năm 2022", preamble).reporting_period

    assert period("Từ ngày 12/9/2022 đến ngày 20/10/2022, Đoàn giám sát đã làm việc với Sở Nội vụ.") is None
    assert period("Báo cáo kết quả thực hiện từ ngày 01/01/2022 đến ngày 30/11/2022 như sau.") == (
        dt.date(2022, 1, 1), dt.date(2022, 11, 30))


def test_a_congress_dated_by_its_month_opens_the_term_that_month():
    text = lines("Số: 12-BC/HU\n\nChâu Thành, ngày 18 tháng 8 năm 2023\n\nBÁO CÁO\nSơ kết giữa nhiệm kỳ\n\n"
                 "Tại thời điểm Đại hội đại biểu Đảng bộ huyện lần thứ XII (tháng 7/2020), Đảng bộ có 37 tổ chức.")
    meta = extract_metadata(text)
    reporting_period_read(text, meta)
    assert meta.congress_date == dt.date(2020, 7, 1)


def test_a_rearrangement_dated_only_by_the_units_change_has_that_changes_sides():
    def sides(body):
        return times_of("Số: 40/BC-HĐND\n\nHà Giang, ngày 20 tháng 10 năm 2021", body).rearrangement

    assert sides("Tỉnh đã sắp xếp 04 huyện để thành lập 02 huyện mới; số đơn vị hành chính cấp huyện giảm từ 11 "
                 "(thời điểm 31/12/2019) xuống còn 9 (thời điểm 31/12/2020).") == (dt.date(2019, 12, 31),
                                                                                   dt.date(2020, 12, 31))
    # a merger of villages is not the units' rearrangement
    assert sides("Năm 2019, tỉnh đã sáp nhập thôn, số thôn giảm từ 1.820 (thời điểm 01/01/2019) xuống còn 1.402 "
                 "(thời điểm 31/12/2019).") == (None, None)


def test_a_rearrangement_still_to_take_effect_has_the_report_day_before_it():
    meta = times_of("Số: 55/BC-UBND\n\nThái Nguyên, ngày 10 tháng 5 năm 2025",
                    "Thực hiện sắp xếp đơn vị hành chính cấp xã, dự kiến từ ngày 01/7/2025 tỉnh có 92 xã, phường.")
    assert meta.rearrangement == (dt.date(2025, 5, 10), dt.date(2025, 7, 1))


def test_the_start_of_the_term_dated_in_brackets_opens_the_reports_term():
    meta = times_of("Số: 40-BC/HU\n\nLạc Sơn, ngày 25 tháng 4 năm 2020",
                    "Báo cáo kết quả thực hiện Nghị quyết nhiệm kỳ 2015-2020 như sau:\n\n**I. KẾT QUẢ**\n\n"
                    "Đầu nhiệm kỳ (tháng 8/2015), Đảng bộ huyện có 48 tổ chức cơ sở đảng.")
    assert meta.congress_date == dt.date(2015, 8, 1)
    assert meta.reporting_period[0] == dt.date(2015, 8, 1)


def test_a_plan_the_report_is_about_has_its_period_but_the_next_term_is_no_plan():
    plan = times_of("Số: 31/BC-HĐND\n\nPhủ Lý, ngày 20 tháng 8 năm 2019",
                    "Thẩm tra Đề án sắp xếp đơn vị hành chính cấp xã giai đoạn 2019-2021 như sau:")
    assert plan.planned_period == (dt.date(2019, 1, 1), dt.date(2021, 12, 31))
    congress = times_of("Số: 12-BC/HU\n\nCao Lãnh, ngày 05 tháng 6 năm 2020",
                        "Tóm tắt kết quả nhiệm kỳ 2015 - 2020 (trình Đại hội, nhiệm kỳ 2020 - 2025) như sau:")
    assert congress.planned_period is None


def test_adjusting_boundaries_is_a_rearrangement_dated_by_the_day_it_takes_effect():
    meta = times_of("Số: 210/BC-SNV\n\nThái Nguyên, ngày 20 tháng 11 năm 2021",
                    "Thực hiện Nghị quyết của Ủy ban Thường vụ Quốc hội về điều chỉnh địa giới hành chính, mở rộng thành "
                    "phố, từ ngày 01/5/2021 số đơn vị hành chính cấp xã giảm từ 178 xuống còn 172 đơn vị.")
    assert meta.rearrangement == (dt.date(2021, 4, 30), dt.date(2021, 5, 1))


def test_a_title_of_results_counts_its_figures_at_the_end_of_their_period():
    text = lines("ĐẢNG ỦY XÃ TÂN PHÚ\n\nSố: 08-BC/ĐU\n\nTân Phú, ngày 09 tháng 01 năm 2026\n\nBÁO CÁO\n"
                 "Kết quả công tác xây dựng Đảng 6 tháng cuối năm 2025, phương hướng nhiệm vụ năm 2026\n\n"
                 "I. KẾT QUẢ\n\nĐảng bộ có 640 đảng viên.")
    meta = extract_metadata(text)
    reporting_period_read(text, meta)
    assert meta.reporting_period == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert meta.data_as_of == dt.date(2025, 12, 31)


def test_the_day_the_reported_results_run_to_is_the_day_figures_are_counted_at():
    meta = times_of("UBND TỈNH\nSố: 12/BC-UBND\nĐà Lạt, ngày 20 tháng 01 năm 2026",
                    "UBND tỉnh báo cáo kết quả thực hiện đến ngày 31/12/2025 như sau:\n\nI. KẾT QUẢ\n\nCó 14 sở.")
    assert meta.data_as_of == dt.date(2025, 12, 31)
    merely_about = times_of("UBND TỈNH\nSố: 13/BC-UBND\nĐà Lạt, ngày 20 tháng 01 năm 2026",
                            "Thực hiện Công văn về việc báo cáo tình hình sau hợp nhất, UBND tỉnh báo cáo như sau:\n\n"
                            "I. KẾT QUẢ\n\nCó 14 sở.")
    assert merely_about.data_as_of is None  # (the report's own date counts its figures)


def test_figures_compared_at_two_moments_are_counted_at_the_second_and_change_between_them():
    meta = times_of("TỈNH ỦY\nSố: 90-BC/BTCTU\nLạng Sơn, ngày 12 tháng 12 năm 2024",
                    "Ban Tổ chức Tỉnh ủy báo cáo như sau (số liệu so sánh tại thời điểm 01/01/2019 và 31/10/2024):\n\n"
                    "I. KẾT QUẢ\n\nCó 14 sở.")
    assert meta.data_as_of == dt.date(2024, 10, 31)
    assert meta.reporting_period == (dt.date(2019, 1, 1), dt.date(2024, 10, 31))


def test_a_second_moment_after_the_reports_day_leaves_no_cut_off_at_the_first():
    meta = times_of("TỈNH ỦY\nSố: 91-BC/BTCTU\nLạng Sơn, ngày 12 tháng 12 năm 2024",
                    "Ban Tổ chức Tỉnh ủy báo cáo như sau (số liệu so sánh tại thời điểm 01/01/2019 và 31/12/2024):\n\n"
                    "I. KẾT QUẢ\n\nCó 14 sở.")
    assert meta.data_as_of is None and meta.reporting_period is None
