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
