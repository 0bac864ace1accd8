"""What each kind of DocumentWarning means, in words a reader understands, in both languages.

Ingestion names its warnings by code (`unattributed_numbers`, `conflict`…: reports.extraction,
reports.services, reports.quality); pages show the label in the reader's language first, and the
code in small print for whoever reads the extractor's source. A new code gets its entry here
(tests/test_translations.py finds codes without one).
"""
from __future__ import annotations

from dataclasses import dataclass

from reports.bilingual import is_english


@dataclass(frozen=True)
class WarningLabel:
    code: str
    title_vi: str
    title_en: str
    explanation_vi: str
    explanation_en: str

    @property
    def title(self) -> str:
        return self.title_en if is_english() else self.title_vi

    @property
    def explanation(self) -> str:
        return self.explanation_en if is_english() else self.explanation_vi

    def __str__(self) -> str:  # {{ code|warning_label }} prints the title
        return self.title


def _label(code: str, title_vi: str, title_en: str, explanation_vi: str, explanation_en: str) -> tuple[str, WarningLabel]:
    return code, WarningLabel(code, title_vi, title_en, explanation_vi, explanation_en)


WARNING_LABELS: dict[str, WarningLabel] = dict([
    # Checks of the numbers against each other and against other sources.
    _label("conflict", "Các nguồn ghi khác nhau", "Sources disagree",
           "Nguồn khác (hoặc một bảng khác của chính văn bản) ghi giá trị khác cho cùng chỉ tiêu, địa bàn, thời "
           "điểm và phân tổ.",
           "Another source (or another table of the same report) gives another value for the same indicator, "
           "place, date and breakdown."),
    _label("parts_mismatch", "Các phần không khớp với tổng", "Parts do not match the total",
           "Các phần của một tổng (ví dụ nam và nữ), nêu ở các câu hoặc bảng khác nhau, cộng lại lớn hơn tổng hoặc "
           "không bằng tổng.",
           "The parts of one total (men and women, say), stated in different sentences or tables, add up to more "
           "than the total or not to the total."),
    _label("sum_mismatch", "Tổng của bảng không khớp", "A table's total does not add up",
           "Trong một bảng, hàng hoặc cột tổng khác với tổng các hàng, cột thành phần.",
           "In a table, a total row or column differs from the sum of its part rows or columns."),
    _label("share_mismatch", "Tỷ lệ không khớp", "A percentage does not match",
           "Tỷ lệ phần trăm được ghi khác với tỷ lệ tính từ hai số nêu kèm.",
           "The percentage written differs from the one computed from the two numbers stated with it."),
    _label("unattributed_numbers", "Nhiều số không rõ phân tổ", "Several numbers, no breakdown",
           "Văn bản nêu nhiều số khác nhau cho cùng chỉ tiêu, địa bàn và thời điểm mà không rõ mỗi số thuộc nhóm "
           "nào: số nêu trước được giữ làm tổng, các số khác ghi là phân tổ chưa xác định.",
           "The report gives several different numbers for one indicator, place and date without saying what sets "
           "them apart: the first stated is kept as the total, the others as unattributed parts."),
    _label("implausible_change", "Thay đổi bất thường trong nhiệm kỳ", "Implausible change over a term",
           "Một chỉ tiêu thời điểm tăng hoặc giảm hơn 100% trong một nhiệm kỳ mà không số nào trong báo cáo nêu mức "
           "thay đổi đó: thường là đọc nhầm (một phần đọc thành tổng, đơn vị đọc thành nghìn); cần rà soát.",
           "A stock indicator grows or falls by more than 100% over a party-congress term and no number of the "
           "reports states that change: most likely a misreading (a part read as the total, units as thousands); "
           "to be reviewed."),
    # Numbers the reader could not store as they are written.
    _label("undated_flow", "Số thay đổi không rõ thời kỳ", "A change with no period",
           "Văn bản nêu một số thay đổi (kết nạp, tinh giản, giảm…) mà không nói trong thời kỳ nào; số này không "
           "được lưu vì thời kỳ không bao giờ được đoán.",
           "The text gives a change (admissions, staff cuts, reductions…) without its period; it is not stored, "
           "since a period is never guessed."),
    _label("undated_fact", "Số không có thời điểm", "A number with no date",
           "Cả câu lẫn văn bản đều không cho biết thời điểm của số; số này không được lưu.",
           "Neither the sentence nor the report dates this number; it is not stored."),
    _label("dated_by_document", "Lấy theo ngày văn bản", "Dated by the report",
           "Câu không nêu thời điểm: số được ghi theo ngày của văn bản.",
           "The sentence gives no date: the number is dated by the report's date."),
    _label("value_out_of_range", "Số quá lớn", "Number too large",
           "Số quá lớn để là một số đếm (có thể là số điện thoại, mã số); không được lưu.",
           "Too large to be a count (a phone number or a code, perhaps); not stored."),
    _label("area_unresolved", "Không tra được địa danh", "Place not found",
           "Địa danh trong câu không có trong danh mục đơn vị hành chính: số được ghi cho địa bàn của văn bản.",
           "The place named is not in the gazetteer: the number is kept under the report's own area."),
    # Parts of the report the reader could not read.
    _label("broken_cell", "Ô bảng tính bị lỗi", "Broken spreadsheet cell",
           "Ô chứa lỗi bảng tính (#REF!, #VALUE!…) thay cho số; không đọc được.",
           "The cell holds a spreadsheet error (#REF!, #VALUE!…) instead of a number; it cannot be read."),
    _label("unreadable_cell", "Ô không phải một số", "Cell is not a number",
           "Ô có chữ số nhưng không phải một số (một khoảng, một ghi chú…); không được lưu.",
           "The cell has digits but is not one number (a range, a note…); not stored."),
    _label("marker_row_values", "Số ở hàng mở danh sách", "Figures on a heading row",
           "Hàng chỉ mở các hàng con (như «Trong đó:») lại có số; các số đó không được lưu.",
           "A row that only introduces its sub-rows (such as “of which:”) has figures; they are not stored."),
    _label("table_not_understood", "Không đọc được bảng", "Table not understood",
           "Không nhận ra tiêu đề, hàng hoặc cột của bảng; số liệu của bảng không được lưu.",
           "The table's headers, rows or columns could not be read; its figures are not stored."),
    _label("period_impossible", "Thời kỳ không thể có", "Impossible period",
           "Thời kỳ của số bị ngược (năm cuối trước năm đầu, như «2025 - 2020») hoặc nằm ngoài các năm 1900–2100; "
           "số này không được lưu.",
           "The number's period is reversed (its end before its start, as in “2025 - 2020”) or outside the years "
           "1900–2100; it is not stored."),
    _label("sentence_too_long", "Câu quá dài", "Sentence too long",
           "Câu dài hơn 4.000 ký tự được đọc thành từng đoạn; liên hệ giữa các đoạn có thể bị bỏ sót.",
           "A sentence over 4,000 characters is read in pieces; links between the pieces may be missed."),
    _label("narrative_not_understood", "Không đọc được đoạn văn", "Paragraph not understood",
           "Trình đọc gặp lỗi ở đoạn này: số liệu của đoạn không được lưu, các đoạn khác vẫn được đọc.",
           "The reader failed on this paragraph: its numbers are not stored, the rest of the report is read."),
    # The document as a whole.
    _label("no_reference_date", "Văn bản không có ngày", "The report has no date",
           "Không xác định được ngày của văn bản: các số không có thời điểm riêng không được lưu. Hãy nhập ngày khi "
           "tải lên.",
           "The report's date could not be found: numbers without a date of their own are not stored. Give the "
           "date when uploading."),
    _label("date_given_unused", "Không dùng ngày đã nhập", "The date given is not used",
           "Văn bản tự ghi ngày của nó; ngày nhập khi tải lên bị bỏ qua.",
           "The report states its own date; the date given at upload is ignored."),
    _label("read_by_ocr", "Đọc bằng OCR", "Read by OCR",
           "Tệp PDF là bản quét; chữ được nhận dạng từ ảnh các trang và có thể sai: đối chiếu số liệu với bản in.",
           "The PDF is a scan; its text was recognised from pictures of the pages and may be wrong: check the "
           "numbers against the printed report."),
    _label("pdf_pages_unread", "Trang quét không đọc được", "Scanned pages not read",
           "Một số trang của tệp PDF chỉ có ảnh, không có lớp chữ, và máy chủ chưa có OCR: số liệu trên các trang đó "
           "không được lưu.",
           "Some pages of the PDF are pictures only, with no text layer, and OCR is not available here: the numbers "
           "on those pages are not stored."),
    _label("duplicate_file", "Trùng nội dung", "Same content",
           "Tệp có nội dung giống hệt một văn bản đã nhập dưới tên khác; không nhập lại.",
           "The file has the same content as a document already ingested under another name; nothing is "
           "ingested again."),
])

UNKNOWN_WARNING = ("Cảnh báo khác", "Other warning", "Loại cảnh báo chưa có mô tả; xem mã và nội dung.",
                   "A kind of warning without a description yet; see its code and message.")


def warning_label(code: str) -> WarningLabel:
    """The label of a warning code: its title and explanation in the reader's language (str() is the title)."""
    return WARNING_LABELS.get(code) or WarningLabel(code, *UNKNOWN_WARNING)


def warning_kinds(codes) -> list[WarningLabel]:
    """The labels of the codes given, once each, in the order of WARNING_LABELS (unknown ones last)."""
    present = set(codes)
    known = [label for code, label in WARNING_LABELS.items() if code in present]
    return known + [warning_label(code) for code in sorted(present - set(WARNING_LABELS))]
