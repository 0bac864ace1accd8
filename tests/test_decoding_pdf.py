"""reports.pdf through reports.decoding: a text PDF reads as its text twin, with its pages; bad PDFs are
refused with a message. The documents are made by scripts/make_test_documents.py (see
tests/data/documents/README.md)."""
import datetime as dt
import importlib.util
import io
import re
from pathlib import Path

import pypdfium2
import pytest

from indicators.models import Observation
from reports import pdf
from reports.decoding import DecodedReport, ReportRejected, decode_report, read_report
from reports.extraction.tables import extract_tables
from reports.models import Document
from reports.services import document_ingest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "data" / "documents"
FONTS_DO_NOT_MAP = "fonts do not map its glyphs to Unicode letters"


def document(name: str) -> bytes:
    return (DOCUMENTS / name).read_bytes()


def sample(number: str) -> Path:
    return next(ROOT.glob(f"reports/samples/{number}_*.txt"))


def maker():
    """scripts/make_test_documents.py, for the way it turned a sample into its PDF's paragraphs."""
    spec = importlib.util.spec_from_file_location("make_test_documents", ROOT / "scripts" / "make_test_documents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_000():
    return decode_report("000.pdf", document("sample_000.pdf"))


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text as pdfium reads it: an independent reading of the same file."""
    pages = pypdfium2.PdfDocument(data)
    return [pages[i].get_textpage().get_text_range() for i in range(len(pages))]


def observation_set(document_id: int) -> set[tuple]:
    return set(Observation.objects.filter(document_id=document_id).values_list(
        "indicator__code", "area__key", "period_start", "period_end", "value", "breakdown"))


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["000", "001"])
def test_pdf_gives_the_observations_of_its_text_twin(number):
    text_twin = sample(number)
    from_text = document_ingest(file_name=text_twin.name, data=text_twin.read_bytes())
    from_pdf = document_ingest(file_name=f"{text_twin.stem}.pdf", data=document(f"sample_{number}.pdf"))
    expected = observation_set(from_text.document_id)
    assert len(expected) >= 30
    assert observation_set(from_pdf.document_id) == expected
    assert Document.objects.get(pk=from_pdf.document_id).area == Document.objects.get(pk=from_text.document_id).area


@pytest.mark.parametrize("number", ["000", "001"])
def test_paragraphs_are_the_samples_with_footnotes_as_sup_lines(number):
    """Every paragraph the PDF was printed from is one line of the text, wrapped lines and page-break
    cuts joined; the other lines are its footnotes, `<sup>N</sup> text`."""
    make = maker()
    blocks, notes = make.report_paragraphs(sample(number).read_text(encoding="utf-8"))

    def plain(text):
        return " ".join(re.sub(r"\*+", "", text).split())

    lines = {line for line in decode_report("r.pdf", document(f"sample_{number}.pdf")).text.split("\n") if line}
    paragraphs = {plain(content) for _, content in blocks}
    footnotes = {f"<sup>{n}</sup> {plain(content)}" for n, content in notes.items()}
    assert len(paragraphs) > 70
    assert lines == paragraphs | footnotes


def test_page_starts_are_where_each_pages_text_begins(sample_000):
    pages = pdf_pages(document("sample_000.pdf"))
    lines = sample_000.text.split("\n")
    assert len(sample_000.page_starts) == len(pages) == 9
    assert sample_000.page_starts[0] == 1
    assert all(a < b for a, b in zip(sample_000.page_starts, sample_000.page_starts[1:]))
    for page_text, start in zip(pages, sample_000.page_starts):
        first_line = page_text.splitlines()[1]  # below the page number
        assert " ".join(first_line.split()[:5]) in lines[start - 1]
    assert sample_000.ocr is False


def test_a_paragraph_a_page_break_cut_is_one_line_the_next_page_starts_on(sample_000):
    """Page 6 goes on with page 5's last sentence: joined, as the extractor needs it ("Về trình độ lý luận
    chính trị:" / "Cử nhân 15 người" would be two paragraphs), with page 5's footnotes, had it any, after it."""
    lines = sample_000.text.split("\n")
    line = lines[sample_000.page_starts[5] - 1]
    assert line.startswith("Đối với bầu cử đại biểu HĐND cấp huyện:")
    assert "Về trình độ lý luận chính trị: Cử nhân 15 người" in line


def test_running_header_footer_and_page_numbers_are_left_out(sample_000):
    assert maker().RUNNING_FOOTER not in sample_000.text
    assert not [line for line in sample_000.text.split("\n") if line.strip().isdigit()]


def test_footnote_marks_are_superscripts_in_the_body(sample_000):
    assert "xây dựng đảng về chính trị<sup>1</sup>, xây dựng đảng về tư tưởng" in sample_000.text
    assert "\n<sup>2</sup> Chỉ thị số 10-CT/TU ngày 30/8/2021" in sample_000.text


def test_a_pdf_table_is_read_as_the_tab_separated_rows_the_tables_reader_reads():
    text = read_report("bieu.pdf", document("table.pdf"))
    twin = document("table.txt").decode("utf-8")
    assert [line for line in text.split("\n") if "\t" in line] == [line for line in twin.split("\n") if "\t" in line]

    def facts(content):
        found = extract_tables(content.split("\n"), report_date=dt.date(2024, 3, 12))
        return {(f.table, f.row, f.column, f.value, f.indicator_code, f.period_start, f.period_end)
                for f in found.facts}

    read = facts(text)
    assert len(read) == 20 and read == facts(twin)
    assert ("Biểu số 4", "Cơ quan hành chính", "Số TCCSĐ tính đến 31/12/2023 / Giải thể", 7,
            "party.orgs.grassroots_reduced", dt.date(2021, 1, 1), dt.date(2023, 12, 31)) in read


def test_tcvn3_pdf_is_converted_as_its_text_file_is():
    text = read_report("tcvn3.pdf", document("tcvn3.pdf"))
    assert text == read_report("tcvn3.txt", document("tcvn3.txt"))
    assert "Ban Thường vụ Huyện ủy Tây Sơn" in text
    assert "Đảng bộ huyện có 58 tổ chức cơ sở đảng" in text and "với 4.663 đảng viên" in text


@pytest.mark.parametrize("name", ["cid.pdf", "private_use.pdf"])
def test_fonts_that_do_not_map_to_letters_are_refused(name):
    with pytest.raises(ReportRejected, match=FONTS_DO_NOT_MAP) as refused:
        read_report(name, document(name))
    assert "export the text from the Word file" in str(refused.value)
    assert "Phông chữ trong tệp PDF không ánh xạ" in str(refused.value)


def test_a_few_symbol_font_glyphs_are_read_not_refused():
    """Word's Symbol bullets and signs land in the private-use area: a bullet opens an item, "≥" is read."""
    assert pdf._bullets("\uf0b7 Tăng cường công tác") == "- Tăng cường công tác"
    text = "Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ \uf0b3 90%. " * 5 + "\n"
    assert pdf._mapped(text).startswith("Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ ≥ 90%.")
    with pytest.raises(ReportRejected, match=FONTS_DO_NOT_MAP):
        pdf._mapped("B\uf061o c\uf061o " * 20)


def no_tesseract(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_scanned_pdf_is_refused_when_ocr_is_not_available(monkeypatch, tmp_path):
    no_tesseract(monkeypatch, tmp_path)
    with pytest.raises(ReportRejected, match="the PDF is a scan .* OCR is not available") as refused:
        read_report("scan.pdf", document("scanned.pdf"))
    assert "bản quét" in str(refused.value)


def test_a_picture_saved_as_pdf_is_a_scan(monkeypatch, tmp_path):
    from PIL import Image

    no_tesseract(monkeypatch, tmp_path)
    picture = io.BytesIO()
    Image.new("L", (600, 800), 255).save(picture, "PDF", resolution=72)
    with pytest.raises(ReportRejected, match="the PDF is a scan"):
        read_report("scan.pdf", picture.getvalue())


def fake_tesseract(directory: Path) -> None:
    """A `tesseract` that knows Vietnamese and reads each page it is given as one paragraph over two
    lines, then the page's number (the first page one paragraph, the next pages another)."""
    directory.mkdir()
    script = directory / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--list-langs" ]; then printf "List of available languages (2):\\neng\\nvie\\n"; exit 0; fi\n'
        "cat > /dev/null\n"
        'n=$(cat "$0.pages" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$0.pages"\n'
        'if [ $n = 1 ]; then printf "Đảng bộ huyện có 58 tổ chức cơ sở đảng\\nvới 4.663 đảng viên.\\n\\n1\\n"\n'
        'else printf "Trong năm, toàn Đảng bộ kết nạp\\nđược 125 đảng viên mới.\\n\\n$n\\n"; fi\n', encoding="utf-8")
    script.chmod(0o755)


def test_scanned_pdf_is_read_by_ocr_where_tesseract_reads_vietnamese(monkeypatch, tmp_path):
    fake_tesseract(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    read = decode_report("scan.pdf", document("scanned.pdf"))
    assert read == DecodedReport(
        text="Đảng bộ huyện có 58 tổ chức cơ sở đảng với 4.663 đảng viên.\n\n"
             "Trong năm, toàn Đảng bộ kết nạp được 125 đảng viên mới.\n",
        page_starts=(1, 3), ocr=True)


def test_encrypted_pdf_is_refused():
    with pytest.raises(ReportRejected, match="protected by a password"):
        read_report("secret.pdf", document("encrypted.pdf"))


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: data[:-400],
    lambda data: b"%PDF-1.7\n" + bytes(range(256)) * 40,
    lambda data: b"this is a text file named .pdf",
], ids=["first-half", "tail-cut", "junk-after-header", "not-a-pdf"])
def test_damaged_pdf_is_refused(damage):
    with pytest.raises(ReportRejected, match="the PDF is damaged and cannot be read"):
        read_report("hong.pdf", damage(document("sample_000.pdf")))


def test_pdf_without_any_text_is_refused():
    blank = pypdfium2.PdfDocument.new()
    blank.new_page(595, 842)
    blank.new_page(595, 842)
    out = io.BytesIO()
    blank.save(out)
    with pytest.raises(ReportRejected, match="the file contains no text"):
        read_report("trong.pdf", out.getvalue())


def test_more_pages_than_the_cap_are_refused(monkeypatch):
    monkeypatch.setattr(pdf, "PDF_MAX_PAGES", 5)
    with pytest.raises(ReportRejected, match="the PDF has 9 pages, more than the 5"):
        read_report("dai.pdf", document("sample_000.pdf"))


def test_pdf_over_the_size_limit_is_refused_before_it_is_parsed(settings, monkeypatch):
    settings.REPORT_MAX_BYTES = 1000
    monkeypatch.setattr(pdf, "read_pdf", lambda data: pytest.fail("parsed"))
    with pytest.raises(ReportRejected, match="too large"):
        read_report("lon.pdf", document("tcvn3.pdf"))


def test_other_files_decode_as_before_without_pages():
    data = sample("001").read_bytes()
    assert decode_report(sample("001").name, data) == DecodedReport(text=read_report("a.txt", data))
    assert decode_report("a.txt", data).page_starts == ()


# --- the pages kept: on the document, its page, and what the reader left out

def partly_scanned() -> bytes:
    """sample_000.pdf with a page of scanned.pdf (a picture, no text) put in after its second page."""
    merged = pypdfium2.PdfDocument(document("sample_000.pdf"))
    merged.import_pages(pypdfium2.PdfDocument(document("scanned.pdf")), pages=[0], index=2)
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_pdfs_pages_are_stored_and_labelled_on_its_document_page(client):
    stored = document_ingest(file_name="000.pdf", data=document("sample_000.pdf"))
    report = Document.objects.get(pk=stored.document_id)
    assert len(report.page_starts) == 9 and report.page_starts[0] == 1 and not report.read_by_ocr
    fifth = report.page_starts[4]
    assert report.printed_page_of(fifth) == 5 and report.printed_page_of(fifth - 1) == 4

    html = client.get(f"/documents/{report.pk}/", {"printed_page": 5}).content.decode()
    assert 'id="P5"' in html and "Trang 5" in html and f'id="L{fifth}"' in html
    assert "PDF, 9 trang" in html
    late = Observation.objects.filter(document=report, source_line__gte=report.page_starts[3]).earliest("source_line")
    page = report.printed_page_of(late.source_line)
    assert page >= 4
    html = client.get(f"/documents/{report.pk}/", {"line": late.source_line}).content.decode()
    # its entry says which printed page it was read from
    assert re.search(rf'href="#mark-{late.pk}">Trang {page}, dòng {late.source_line}<', html)
    past = client.get(f"/documents/{report.pk}/", {"printed_page": 10}).content.decode()
    assert "Bản in có 9 trang; không có trang 10." in past


@pytest.mark.django_db
def test_a_text_report_has_no_printed_pages(client):
    text_twin = sample("000")
    stored = document_ingest(file_name=text_twin.name, data=text_twin.read_bytes())
    report = Document.objects.get(pk=stored.document_id)
    assert report.page_starts == [] and report.printed_page_of(1) is None
    html = client.get(f"/documents/{report.pk}/", {"printed_page": 2}).content.decode()
    assert "printed-page" not in html and "Đến trang in" not in html


@pytest.mark.django_db
def test_scanned_pages_among_text_pages_are_named_in_a_warning_not_dropped_silently(monkeypatch, tmp_path):
    no_tesseract(monkeypatch, tmp_path)
    data = partly_scanned()
    assert decode_report("x.pdf", data).unread_pages == (3,)
    stored = document_ingest(file_name="000-partly-scanned.pdf", data=data)
    warning = next(w for w in stored.warnings if w.code == "pdf_pages_unread")
    assert "page(s) 3 are pictures only" in warning.message
    assert Document.objects.get(pk=stored.document_id).warnings.filter(code="pdf_pages_unread").exists()


@pytest.mark.django_db
def test_a_report_read_by_ocr_says_so_on_the_document(monkeypatch, tmp_path, client):
    fake_tesseract(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    stored = document_ingest(file_name="scan.pdf", data=document("scanned.pdf"), province="Bắc Giang",
                             date=dt.date(2024, 12, 31))
    assert [w.code for w in stored.warnings][:1] == ["read_by_ocr"]
    report = Document.objects.get(pk=stored.document_id)
    assert report.read_by_ocr
    assert "đọc bằng OCR" in client.get(f"/documents/{report.pk}/").content.decode()
