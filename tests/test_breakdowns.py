"""Breakdowns in plain words (indicators.breakdowns) and clean options at their source
(reports.extraction.facts.breakdown_option): no markup, no "; " inside an option, no word cut in two."""
import re
import unicodedata
from pathlib import Path

import pytest

from indicators.breakdowns import DIMENSION_LABELS, HIDDEN, breakdown_label, breakdown_pairs, is_unattributed
from reports.extraction.facts import ELLIPSIS, breakdown_option, breakdown_string, clean_breakdown

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "reports" / "samples").glob("*.txt"))
FORBIDDEN = ("=", "<", ">", "**")


# --- labels ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("breakdown, vi, en", [
    ("", "", ""),
    ("row=Công an", "Công an", "Công an"),
    ("row=Số lượng / Học sinh", "Số lượng — Học sinh", "Số lượng — Học sinh"),
    ("column=Cán bộ diện cấp ủy quản lý / Đã phân cấp", "Cán bộ diện cấp ủy quản lý — Đã phân cấp",
     "Cán bộ diện cấp ủy quản lý — Đã phân cấp"),
    ("type=sở, cơ quan", "Sở, cơ quan", "Sở, cơ quan"),
    ("type=xã", "Xã", "Communes"),
    ("subset=hành chính", "Hành chính", "Hành chính"),
    ("sector=y tế", "Khối: y tế", "Sector: y tế"),
    ("body=HĐND cấp tỉnh", "HĐND cấp tỉnh", "Provincial People's Council"),
    ("body=Quốc hội", "Quốc hội", "National Assembly"),
    ("level=cấp xã", "Cấp xã", "Commune level"),
    ("scope=toàn quốc", "Phạm vi: toàn quốc", "Scope: toàn quốc"),
    ("category=công chức", "Công chức", "Civil servants"),
    ("position=trưởng thôn, tổ dân phố", "Chức danh: trưởng thôn, tổ dân phố", "Position: trưởng thôn, tổ dân phố"),
    ("concurrent_post=trưởng ban công tác Mặt trận", "Kiêm nhiệm: trưởng ban công tác Mặt trận",
     "Concurrent post: trưởng ban công tác Mặt trận"),
    ("sex=nữ", "Nữ", "Women"),
    ("sex=nam", "Nam", "Men"),
    ("age=18-30", "Tuổi 18–30", "Aged 18–30"),
    ("age=61+", "Từ 61 tuổi trở lên", "Aged 61 and over"),
    ("age=<40", "Dưới 40 tuổi", "Under 40"),
    ("age=>55", "Trên 55 tuổi", "Over 55"),
    ("age=trẻ", "Trẻ tuổi", "Young"),
    ("ethnicity=dân tộc thiểu số", "Dân tộc thiểu số", "Ethnic minorities"),
    ("religion=theo tôn giáo", "Theo tôn giáo", "Religious believers"),
    ("membership=dự bị", "Dự bị", "Probationary members"),
    ("status=dự bị", "Dự bị", "Probationary members"),
    ("education=trung học phổ thông", "Trình độ học vấn: trung học phổ thông", "General education: upper secondary"),
    ("qualification=thạc sỹ", "Trình độ chuyên môn: thạc sỹ", "Professional qualification: master's"),
    ("professional_qualification=Tiến sĩ", "Trình độ chuyên môn: Tiến sĩ", "Professional qualification: doctorate"),
    ("political_theory=cao cấp, cử nhân", "Lý luận chính trị: cao cấp, cử nhân",
     "Political theory: advanced, bachelor"),
    ("field_of_study=xây dựng đảng", "Lĩnh vực đào tạo: xây dựng đảng", "Field of study: xây dựng đảng"),
    ("occupation=Học sinh", "Nghề nghiệp: Học sinh", "Occupation: Học sinh"),
    ("reason=nghỉ hưu trước tuổi", "Lý do: nghỉ hưu trước tuổi", "Reason: early retirement"),
    ("form=thôi việc ngay", "Hình thức: thôi việc ngay", "Form: immediate resignation"),
    ("discipline_form=khiển trách", "Hình thức kỷ luật: khiển trách", "Disciplinary measure: reprimand"),
    ("penalty=khai trừ", "Hình thức kỷ luật: khai trừ", "Disciplinary measure: expulsion"),
    ("rating=hoàn thành tốt nhiệm vụ", "Xếp loại: hoàn thành tốt nhiệm vụ", "Rating: hoàn thành tốt nhiệm vụ"),
    ("part=total (denominator)", "Tổng số (mẫu số)", "Total (denominator)"),
    ("bound=min", "Tối thiểu", "At least"),
    ("unattributed=…đảng ủy trực thuộc đã kiểm tra 153 tập thể", "Chưa rõ phân tổ: …đảng ủy trực thuộc đã kiểm tra 153 tập thể",
     "Not attributed: …đảng ủy trực thuộc đã kiểm tra 153 tập thể"),
    ("target=yes", "", ""),
    ("sex=nữ; target=yes", "Nữ", "Women"),
    ("body=HĐND cấp xã; sex=nữ", "HĐND cấp xã · Nữ", "Commune People's Council · Women"),
    ("age=<40; type=Quy hoạch Bí thư", "Quy hoạch Bí thư · Dưới 40 tuổi", "Quy hoạch Bí thư · Under 40"),
    ("reason=thôi việc; subset=thôi việc ngay", "Lý do: thôi việc · Thôi việc ngay",
     "Reason: resignation · Immediate resignation"),
    ("mystery=điều gì đó", "Điều gì đó", "Điều gì đó"),  # a dimension the table does not know: its option
])
def test_each_dimension_is_labelled_in_both_languages(breakdown, vi, en):
    assert breakdown_label(breakdown) == vi
    assert breakdown_label(breakdown, language="vi") == vi
    assert breakdown_label(breakdown, language="en") == en


def test_every_dimension_of_the_table_has_headings_in_both_languages():
    for code, dimension in DIMENSION_LABELS.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code)
        assert dimension.vi and dimension.en and dimension.vi != dimension.en
    assert DIMENSION_LABELS["target"].show == HIDDEN


def test_labels_of_breakdowns_stored_before_options_were_clean_are_plain_words():
    """Observations ingested before the fix keep their raw options; their labels are plain all the same."""
    assert breakdown_label("unattributed=<sup>29</sup> 03 đảng ủy cơ sở") == "Chưa rõ phân tổ: 03 đảng ủy cơ sở"
    assert breakdown_label("unattributed=Các cấp ủy đã kiểm tra **1.807** tổ chức đảng") == \
        "Chưa rõ phân tổ: Các cấp ủy đã kiểm tra 1.807 tổ chức đảng"
    assert breakdown_label("type=Quy hoạch cấp huyện (Bí thư; Phó Bí thư)") == "Quy hoạch cấp huyện (Bí thư, Phó Bí thư)"
    assert breakdown_label("row=Cột 5=3-4") == "Cột 5: 3-4"
    for language in ("vi", "en"):
        label = breakdown_label("row=Tỷ lệ >50%; subset=*a*", language=language)
        assert not any(mark in label for mark in FORBIDDEN), label


def test_a_label_lists_its_dimensions_in_the_order_of_the_table():
    order = list(DIMENSION_LABELS)
    assert order.index("body") < order.index("type") < order.index("row") < order.index("column") \
        < order.index("sex") < order.index("age")
    assert breakdown_label("column=Bí thư; row=Xã này sang xã khác; type=Chức vụ luân chuyển đến") == \
        "Chức vụ luân chuyển đến · Xã này sang xã khác · Bí thư"


# --- pairs ---------------------------------------------------------------------------------------------

def test_pairs_start_only_at_a_dimension_code():
    assert breakdown_pairs("") == []
    assert breakdown_pairs("sex=nữ") == [("sex", "nữ")]
    assert breakdown_pairs("age=<40; type=Quy hoạch Bí thư; Phó Bí thư") == [
        ("age", "<40"), ("type", "Quy hoạch Bí thư; Phó Bí thư")]
    assert breakdown_pairs("column=A / B; row=x = y; z; type=t") == [("column", "A / B"), ("row", "x = y; z"), ("type", "t")]
    assert breakdown_pairs("không phải phân tổ") == [("", "không phải phân tổ")]


def test_the_stored_string_and_its_pairs_are_one_and_the_same():
    breakdown = {"type": "Quy hoạch (Bí thư; Phó Bí thư)", "age": "<40", "row": "a = b", "sex": "nữ"}
    stored = breakdown_string(breakdown)
    assert stored == "age=<40; row=a: b; sex=nữ; type=Quy hoạch (Bí thư, Phó Bí thư)"
    assert breakdown_pairs(stored) == sorted(clean_breakdown(breakdown).items())


def test_unattributed_numbers_are_told_apart():
    assert is_unattributed("unattributed=12 điểm cầu")
    assert is_unattributed("body=Quốc hội; unattributed=12 điểm cầu")
    assert not is_unattributed("")
    assert not is_unattributed("subset=unattributed=x")
    assert not is_unattributed("row=Công an")


# --- options at their source ---------------------------------------------------------------------------

def test_an_option_is_plain_text():
    assert breakdown_option("<sup>21</sup> Trong đó: Bổ nhiệm 30") == "Trong đó: Bổ nhiệm 30"
    assert breakdown_option("Các cấp ủy đã kiểm tra **1.807** tổ chức đảng, *27.717* đảng viên") == \
        "Các cấp ủy đã kiểm tra 1.807 tổ chức đảng, 27.717 đảng viên"
    assert breakdown_option("<b>1. Xã</b>") == "1. Xã"
    assert breakdown_option(unicodedata.normalize("NFD", "  Trưởng   thôn\t")) == "Trưởng thôn"
    assert breakdown_option("Quy hoạch (Bí thư; Phó Bí thư)") == "Quy hoạch (Bí thư, Phó Bí thư)"
    assert breakdown_option("Mặt trận, đoàn thể được sáp nhập,") == "Mặt trận, đoàn thể được sáp nhập"
    assert breakdown_option("0,5%)") == "0,5%"
    assert breakdown_option("Tổng số (*)") == "Tổng số"
    assert breakdown_option("**") == ""
    assert clean_breakdown({"row": "**", "sex": "nữ"}) == {"sex": "nữ"}


def test_a_shortened_option_is_cut_between_words_and_says_so():
    text = "Năm 2021, ban thường vụ các huyện ủy, thị ủy đã chỉ đạo kiểm điểm đối với 153 tập thể và 295 cá nhân"
    head = breakdown_option(text, limit=40)
    assert len(head) <= 40 and head.endswith(ELLIPSIS) and text.startswith(head[:-1])
    assert text[len(head) - 1] in " ,"  # what came next was a space or a comma: no word was cut
    tail = breakdown_option(text, limit=40, keep="end")
    assert len(tail) <= 40 and tail.startswith(ELLIPSIS) and text.endswith(tail[1:])
    assert text[-len(tail)] in " ,"
    assert breakdown_option(text, limit=len(text)) == text
    for option in (head, tail):
        assert breakdown_option(option, limit=40) == option  # idempotent
    piece = breakdown_option("ủy, đảng ủy trực thuộc Tỉnh ủy đã gợi ý kiểm điểm 153 tập thể", cut_before=True)
    assert piece == "…đảng ủy trực thuộc Tỉnh ủy đã gợi ý kiểm điểm 153 tập thể"


def test_a_stored_breakdown_fits_its_field_without_losing_a_pair_or_a_word():
    long_row = " / ".join(["Doanh nghiệp không có vốn Nhà nước"] * 12)
    stored = breakdown_string({"row": long_row, "sex": "nữ"}, max_length=300)
    assert len(stored) <= 300
    pairs = dict(breakdown_pairs(stored))
    assert pairs["sex"] == "nữ" and pairs["row"].endswith(ELLIPSIS)
    assert long_row.startswith(pairs["row"][:-1]) and long_row[len(pairs["row"]) - 1] == " "


# --- every breakdown the sample reports give --------------------------------------------------------------

# Options that are the project's own words or codes (the lexicon's, the table vocabulary's), not copied
# from the report: they need not stand in its text.
VOCABULARY_DIMENSIONS = {"age", "target", "body", "religion", "membership", "status", "ethnicity", "reason",
                         "category", "position", "penalty", "part", "bound"}
WORD_RE = re.compile(r"\w+")


def _plain(text: str) -> str:
    return breakdown_option(text).casefold()


def _is_whole_word_of(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


@pytest.fixture
def sample_observations(gazetteer):
    from indicators.models import Observation
    from indicators.services import catalogue_load, terms_load
    from reports.services import document_ingest

    terms_load()
    catalogue_load()
    for path in SAMPLES:
        document_ingest(file_name=path.name, data=path.read_bytes())
    return list(Observation.objects.select_related("document").only(
        "breakdown", "method", "source_line", "document__text"))


@pytest.mark.django_db
def test_every_breakdown_of_the_sample_reports_is_exact_plain_and_made_of_whole_words(sample_observations):
    assert len(SAMPLES) == 3 and len(sample_observations) > 2000
    texts = {}
    seen = set()
    for observation in sample_observations:
        key = (observation.document_id, observation.source_line, observation.method, observation.breakdown)
        if key in seen or not observation.breakdown:
            continue
        seen.add(key)
        breakdown = observation.breakdown
        pairs = breakdown_pairs(breakdown)
        assert "; ".join(f"{d}={o}" for d, o in pairs) == breakdown
        assert all(d and re.fullmatch(r"[a-z][a-z0-9_]*", d) for d, _ in pairs), breakdown
        assert [d for d, _ in pairs] == sorted(d for d, _ in pairs), breakdown
        for language in ("vi", "en"):
            label = breakdown_label(breakdown, language=language)
            assert not any(mark in label for mark in FORBIDDEN), (breakdown, label)
            assert label[:1] == label[:1].upper(), label
        if observation.document_id not in texts:
            lines = observation.document.text.split("\n")
            texts[observation.document_id] = (lines, _plain(observation.document.text.replace("\n", " ")))
        lines, whole = texts[observation.document_id]
        # an option's words are the report's (a list's item may stand lines before its number, across a
        # page break; a table's labels in its header); an unattributed number's, those of its own line
        line = _plain(lines[observation.source_line - 1])
        for dimension, option in pairs:
            assert option == breakdown_option(option), (dimension, option)  # clean, once and for all
            assert "; " not in option and "<sup" not in option and "*" not in option
            if dimension in VOCABULARY_DIMENSIONS:
                continue
            words = WORD_RE.findall(option.replace(ELLIPSIS, " ").casefold())
            assert words, (dimension, option)
            for word in (words[0], words[-1]):
                # a word of the report, not the end of one ("hỉ" of "nghỉ") nor its beginning
                assert _is_whole_word_of(word, line if dimension == "unattributed" else whole), \
                    (dimension, option, word)
            if dimension == "unattributed":  # the words of its sentence, in their order (a bracket it cut dropped)
                words, said = _unbracketed(option.removeprefix(ELLIPSIS).casefold()), _unbracketed(line)
                assert words in said, option
                if not option.startswith(ELLIPSIS):  # else it says it is a piece of a phrase: "…tịch UBND"
                    befores = [line[:m.start()].rstrip() for m in re.finditer(re.escape(words.split()[0]), line)
                               if _unbracketed(line[m.start():]).startswith(words)]
                    assert any(not b or b[-1] in ".,;:!?…-–—•+(" for b in befores), (option, befores)


def _unbracketed(text: str) -> str:
    return " ".join(re.sub(r"[()]", " ", text).split())


def test_the_stages_of_a_rearrangement_and_the_extremes_read_in_both_languages():
    assert breakdown_label("stage=trước sắp xếp; type=xã", language="en") == "Communes · Before the rearrangement"
    assert breakdown_label("stage=sau sắp xếp", language="vi") == "Sau sắp xếp"
    assert breakdown_label("stat=cao nhất", language="vi") == "Thống kê: cao nhất"
    assert breakdown_label("autonomy=chi thường xuyên", language="en") == "Financial autonomy: chi thường xuyên"
