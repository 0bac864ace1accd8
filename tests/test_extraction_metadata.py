import datetime as dt

from reports.extraction.metadata import extract_metadata


def lines(text):
    return text.split("\n")


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
