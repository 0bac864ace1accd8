"""reports.decoding: every accepted encoding gives the UTF-8 text; everything else is refused."""
import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from reports import decoding
from reports.decoding import ReportRejected, read_report

SAMPLE = next(Path(__file__).resolve().parents[1].glob("reports/samples/001_*.txt"))
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Text as Vietnamese Windows saves it: precomposed â/ê/ô/ă/ơ/ư/đ plus a combining tone mark."""
    out = []
    for char in text:
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
            out.append(base + "".join(p for p in parts if p in TONE_MARKS))
    return "".join(out).encode("cp1258")


@pytest.fixture(scope="module")
def sample_text():
    return SAMPLE.read_bytes().decode("utf-8")


def test_utf8_sample_is_read_unchanged(sample_text):
    assert read_report(SAMPLE.name, SAMPLE.read_bytes()) == sample_text


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8-sig"),
    lambda t: t.encode("utf-16"),
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    cp1258_bytes,
], ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom", "windows-1258"])
def test_other_encodings_give_the_utf8_text(sample_text, encode):
    data = encode(sample_text)
    assert data != sample_text.encode("utf-8")
    assert read_report("bao-cao.txt", data) == sample_text


def test_windows_1258_bytes_really_hold_combining_tone_marks():
    data = cp1258_bytes("Đảng viên")
    assert "\u0309" in data.decode("cp1258")  # the twin differs before normalisation
    assert read_report("a.txt", data) == "Đảng viên"


def test_crlf_line_ends_become_lf():
    assert read_report("a.md", "một\r\nhai\rba".encode()) == "một\nhai\nba"


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\x00\x01\x02PK binary \x00", "binary"),
    (bytes([0x81, 0x8d, 0x41]), "cannot decode"),
    ("Báo cáo\x07 công tác".encode(), "control character"),
    ("Báo cáo kết quả công tác tổ chức xây dựng".encode().decode("cp1252").encode(), "garbled"),
    ("Báo cáo \ufffd 12 đảng viên".encode(), "damaged"),
    ("Отчёт о работе партии 12".encode(), "does not read as Unicode Vietnamese"),
    (b"   \n\t ", "no text"),
])
def test_refusals_say_why(data, words):
    with pytest.raises(ReportRejected, match=words):
        read_report("bao-cao.txt", data)


def test_uppercase_vietnamese_with_no_break_space_is_not_mistaken_for_mojibake():
    text = "CỘNG HÒA XÃ\u00a0HỘI CHỦ NGHĨA VIỆT NAM, có 12 xã"
    assert read_report("a.txt", text.encode()) == text


def test_unsupported_suffix_is_refused():
    with pytest.raises(ReportRejected, match="unsupported file type '.pdf'"):
        read_report("bao-cao.pdf", b"%PDF-1.7")


def test_size_over_the_limit_is_refused(settings):
    settings.REPORT_MAX_BYTES = 10
    with pytest.raises(ReportRejected, match="too large"):
        read_report("a.txt", b"12345678901")


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Bắc Giang, ngày 12 tháng 3 năm 2024")
    document.add_heading("BÁO CÁO", level=1)
    document.add_paragraph("Đảng bộ tỉnh có 89.455 đảng viên.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Số lượng"
    table.cell(1, 0).text, table.cell(1, 1).text = "Đảng viên nữ", "1.234"
    document.add_paragraph("Hết.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_become_markdown_like_text():
    text = read_report("bao-cao.docx", docx_bytes())
    assert text.split("\n") == [
        "Bắc Giang, ngày 12 tháng 3 năm 2024", "", "## BÁO CÁO", "", "Đảng bộ tỉnh có 89.455 đảng viên.", "",
        "Chỉ tiêu\tSố lượng", "Đảng viên nữ\t1.234", "", "Hết.", "",
    ]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [
    b"this is plain text named .docx",
    zip_bytes({"hello.txt": b"not word"}),
    zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<not-really-word"}),
], ids=["not-a-zip", "zip-without-word-parts", "broken-word-parts"])
def test_docx_that_is_not_a_document_is_refused(data):
    with pytest.raises(ReportRejected, match="not a Word document"):
        read_report("bao-cao.docx", data)


def test_zip_bomb_is_refused_by_its_declared_ratio():
    bomb = zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\x00" * (8 * 1024 * 1024)})
    assert len(bomb) < 50_000
    with pytest.raises(ReportRejected, match="zip bomb"):
        read_report("bao-cao.docx", bomb)


def test_zip_bomb_is_refused_by_its_declared_total(monkeypatch):
    monkeypatch.setattr(decoding, "DOCX_MAX_UNCOMPRESSED_BYTES", 10_000)
    with pytest.raises(ReportRejected, match="zip bomb"):
        read_report("bao-cao.docx", docx_bytes())
