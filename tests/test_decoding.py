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
    with pytest.raises(ReportRejected, match="unsupported file type '.rtf'"):
        read_report("bao-cao.rtf", b"{\\rtf1 12 xa}")


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


# --- issue 10: bounded .docx inflation, merged cells, footnotes, UTF-16 without BOM, old encodings

import resource  # noqa: E402
import struct  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import zlib  # noqa: E402
from functools import lru_cache  # noqa: E402

from reports import legacy_encodings  # noqa: E402

MB = 1024 * 1024


def handmade_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written byte by byte: (name, raw deflate data, declared size, declared crc, method)."""
    body, directory = b"", b""
    for name, raw, declared, crc, method in members:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(raw), declared,
                            len(encoded), 0) + encoded + raw
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(raw), declared,
                                 len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return body + directory + end


def deflated(text: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(text) + compressor.flush()


@lru_cache(maxsize=1)
def lying_bomb() -> bytes:
    """5,8 MB-class zip whose document.xml declares 4.000 bytes (with the CRC of its first 4.000)
    and inflates to 1,9 GB."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk = b"<w:p/>" * (MB // 6)
    pieces = [compressor.compress(b'<?xml version="1.0"?><w:document>')]
    for _ in range(1900):
        pieces.append(compressor.compress(chunk))
    pieces.append(compressor.flush())
    raw = b"".join(pieces)
    head = zlib.decompressobj(-15).decompress(raw, 4000)
    types = b"<Types/>"
    return handmade_zip([("[Content_Types].xml", types, len(types), zlib.crc32(types), 0),
                         ("word/document.xml", raw, 4000, zlib.crc32(head), 8)])


def test_zip_that_lies_about_its_size_is_refused_early_with_flat_memory():
    bomb = lying_bomb()
    assert len(bomb) < 10 * MB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReportRejected, match="inflates beyond its declared 4000 bytes"):
            read_report("bao-cao.docx", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 20 * MB


def test_zip_bomb_refused_with_the_process_memory_flat():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReportRejected, match="zip bomb"):
        read_report("bao-cao.docx", lying_bomb())
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024 < 200 * MB


def test_docx_whose_xml_outgrows_the_byte_budget_is_refused(settings):
    """190 MB of XML in a 7,9 MB .docx (ratio 24, under the declared-size checks): refused at the budget."""
    import random
    rng = random.Random(10)
    words = "đảng viên chi bộ xã huyện tỉnh năm kết nạp tổ chức công tác".split() + [str(i) for i in range(30)]
    run_properties = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
                      '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr>')
    unit = "".join(f'<w:p><w:pPr><w:spacing w:before="120" w:after="120"/><w:jc w:val="both"/></w:pPr><w:r>'
                   f'{run_properties}<w:t>{" ".join(rng.choices(words, k=5))}</w:t></w:r></w:p>'
                   for _ in range(2000)).encode()
    repeats = 190 * MB // len(unit)
    # Word-like XML (repeated run properties, a few words each): about 30x, as real .docx files
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    pieces, crc = [], 0
    head = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'
    pieces.append(compressor.compress(head))
    crc = zlib.crc32(head)
    for _ in range(repeats):
        pieces.append(compressor.compress(unit))
        crc = zlib.crc32(unit, crc)
    tail = b"</w:body></w:document>"
    pieces.append(compressor.compress(tail) + compressor.flush())
    crc = zlib.crc32(tail, crc)
    raw = b"".join(pieces)
    size = len(head) + repeats * len(unit) + len(tail)
    types = b"<Types/>"
    data = handmade_zip([("[Content_Types].xml", types, len(types), zlib.crc32(types), 0),
                         ("word/document.xml", raw, size, crc, 8)])
    assert size > 180 * MB and size / len(data) < decoding.DOCX_MAX_MEMBER_RATIO
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReportRejected, match="byte budget"):
            read_report("bao-cao.docx", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert elapsed < 10
    assert peak < decoding.DOCX_MAX_XML_BYTES + 20 * MB
    print(f"190 MB XML: {len(data) / MB:.1f} MB zip, refused in {elapsed:.2f} s, peak {peak / MB:.0f} MB")


def test_docx_budget_comes_from_settings(settings):
    settings.REPORT_DOCX_MAX_XML_BYTES = 1000
    with pytest.raises(ReportRejected, match="1000 byte budget"):
        read_report("bao-cao.docx", docx_bytes())


def test_damaged_docx_part_is_refused():
    raw = deflated(b"<w:document/>")
    types = b"<Types/>"
    data = handmade_zip([("[Content_Types].xml", types, len(types), zlib.crc32(types), 0),
                         ("word/document.xml", raw, 13, 12345, 8)])
    with pytest.raises(ReportRejected, match="damaged"):
        read_report("bao-cao.docx", data)


def merged_docx(columns: int, rows: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("Biểu số 1")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Số lượng năm 2024 " * 20
    for r in range(1, rows):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"Dòng {r}: số đảng viên của chi bộ", str(r)
    buffer = io.BytesIO()
    document.save(buffer)
    # widen the header's second cell to span `columns` grid columns, and merge it down every row
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    first_tc_end = xml.index("</w:tc>", xml.index("<w:tbl>")) + len("</w:tc>")
    xml = xml[:first_tc_end] + xml[first_tc_end:].replace(
        "<w:tc><w:tcPr>", f'<w:tc><w:tcPr><w:gridSpan w:val="{columns}"/>', 1)
    parts["word/document.xml"] = xml.encode()
    return zip_bytes(parts)


def test_merged_cell_text_is_written_once():
    text = read_report("bao-cao.docx", merged_docx(columns=5, rows=3))
    header = next(line for line in text.split("\n") if line.startswith("Chỉ tiêu"))
    cells = header.split("\t")
    assert len(cells) == 6 and cells[1].startswith("Số lượng") and cells[2:] == ["", "", "", ""]


def test_vertically_merged_cell_text_is_written_once():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "Đảng bộ huyện"
    for r in range(3):
        table.cell(r, 1).text = str(r + 1)
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_report("a.docx", buffer.getvalue())
    assert text.split("\n")[:3] == ["Đảng bộ huyện\t1", "\t2", "\t3"]


def test_cells_spanning_10000_columns_are_refused_at_once():
    data = merged_docx(columns=10_000, rows=3)
    assert len(data) < 50_000
    started = time.perf_counter()
    with pytest.raises(ReportRejected, match="more than 256 columns"):
        read_report("bao-cao.docx", data)
    assert time.perf_counter() - started < 1


def test_docx_text_beyond_the_file_limit_is_refused(settings):
    settings.REPORT_MAX_BYTES = 60_000
    data = merged_docx(columns=3, rows=2000)
    assert len(data) < 60_000
    with pytest.raises(ReportRejected, match="too long"):
        read_report("bao-cao.docx", data)


def docx_with_notes() -> bytes:
    """A Word file with two footnotes (one in a table) and an endnote, the XML Word writes."""
    document = docx.Document()
    document.add_paragraph("Đảng bộ tỉnh có 89.455 đảng viên.")
    document.add_paragraph("Kết nạp 1.234 đảng viên mới.")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "Nữ"
    document.add_paragraph("Hết.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def ref(kind, n):
        return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{n}"/></w:r>'

    xml = parts["word/document.xml"].decode()
    xml = xml.replace("đảng viên.</w:t></w:r>", "đảng viên</w:t></w:r>" + ref("footnote", 2)
                      + '<w:r><w:t>.</w:t></w:r>', 1)
    xml = xml.replace("đảng viên mới.</w:t></w:r>", "đảng viên mới.</w:t></w:r>" + ref("endnote", 1), 1)
    xml = xml.replace("<w:t>Nữ</w:t></w:r>", "<w:t>Nữ</w:t></w:r>" + ref("footnote", 3), 1)
    parts["word/document.xml"] = xml.encode()

    def notes(kind, items):
        body = "".join(
            f'<w:{kind} w:id="{n}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:tab/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>' for n, text in items)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {w}>'
                f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
                f"{body}</w:{kind}s>").encode()

    parts["word/footnotes.xml"] = notes("footnote", [(2, "Trong đó 45.000 đảng viên nữ."), (3, "Tính đến 31/12/2024.")])
    parts["word/endnotes.xml"] = notes("endnote", [(1, "Nguồn: Ban Tổ chức Tỉnh ủy.")])
    rels = parts["word/_rels/document.xml.rels"].decode()
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdF" Type="{base}/footnotes" Target="footnotes.xml"/>'
                        f'<Relationship Id="rIdE" Type="{base}/endnotes" Target="endnotes.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = types.replace("</Types>",
                          f'<Override PartName="/word/footnotes.xml" ContentType="{wml}.footnotes+xml"/>'
                          f'<Override PartName="/word/endnotes.xml" ContentType="{wml}.endnotes+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    return zip_bytes(parts)


def test_docx_footnotes_and_endnotes_are_read_as_the_reports_print_them():
    text = read_report("bao-cao.docx", docx_with_notes())
    assert text.split("\n") == [
        "Đảng bộ tỉnh có 89.455 đảng viên<sup>1</sup>.", "",
        "<sup>1</sup> Trong đó 45.000 đảng viên nữ.", "",
        "Kết nạp 1.234 đảng viên mới.<sup>3</sup>", "",
        "Nữ<sup>2</sup>\t", "",
        "<sup>2</sup> Tính đến 31/12/2024.", "",
        "Hết.", "",
        "<sup>3</sup> Nguồn: Ban Tổ chức Tỉnh ủy.", "",
    ]


def test_docx_footnotes_are_paragraphs_the_narrative_layout_recognises():
    from reports.extraction.narrative.layout import FOOTNOTE, build_paragraphs

    lines = read_report("bao-cao.docx", docx_with_notes()).split("\n")
    footnotes = [p for p in build_paragraphs(lines, set()) if p.kind == FOOTNOTE]
    assert [p.footnote for p in footnotes] == [1, 2, 3]


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["000", "001"])
def test_a_word_file_of_a_sample_with_real_footnotes_gives_the_observations_of_its_text(number):
    """sample_NNN.docx: the sample saved by LibreOffice as Word (scripts/make_test_documents.py), its
    footnotes in word/footnotes.xml; numbers are read from them as from the text's footnote lines."""
    from indicators.models import Observation
    from reports.services import document_ingest

    def observations(document_id):
        return set(Observation.objects.filter(document_id=document_id).values_list(
            "indicator__code", "area__key", "period_start", "period_end", "value", "breakdown"))

    root = Path(__file__).resolve().parents[1]
    text_twin = next(root.glob(f"reports/samples/{number}_*.txt"))
    word = (root / "tests" / "data" / "documents" / f"sample_{number}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        assert archive.read("word/footnotes.xml").count(b"<w:footnote ") >= text_twin.read_text().count("\n<sup>")
    from_text = document_ingest(file_name=text_twin.name, data=text_twin.read_bytes())
    from_word = document_ingest(file_name=f"{text_twin.stem}.docx", data=word)
    assert len(observations(from_text.document_id)) >= 30
    assert observations(from_word.document_id) == observations(from_text.document_id)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(sample_text, encoding):
    assert read_report("bao-cao.txt", sample_text.encode(encoding)) == sample_text


def test_bad_byte_deep_in_a_utf8_file_is_reported_at_its_offset_and_line(sample_text):
    data = sample_text.encode()
    position = 20_000
    while (data[position] & 0xC0) == 0x80:  # a character boundary, not inside a letter
        position += 1
    bad = data[:position] + b"\xff" + data[position:]
    line = bad.count(b"\n", 0, position) + 1
    with pytest.raises(ReportRejected, match=rf"bad byte at byte {position}, line {line}\b"):
        read_report("bao-cao.txt", bad)


# Unicode -> the old encodings, for the tests: the tables read backwards.
def tcvn3_chars(text: str) -> str:
    reverse = {v: k for k, v in legacy_encodings.TCVN3_TABLE.items()}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in reverse:
            out.append(reverse[char])
        elif char.isascii():
            out.append(char)
        else:  # a capital with a tone: TCVN3 writes it with the lowercase code
            out.append(reverse[char.lower()])
    return "".join(out)


def vni_chars(text: str) -> str:
    letters = {v: k for k, v in legacy_encodings.VNI_LETTERS.items()}
    marks = {}
    for byte, combining in legacy_encodings.VNI_MARKS.items():
        marks.setdefault(combining, byte if byte.islower() else marks.get(combining, byte))
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in letters:
            out.append(letters[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        base, accents = parts[0], parts[1:]
        if base in "oOuU" and "\u031b" in accents:  # ơ ư: one byte, then the tone
            base = letters[unicodedata.normalize("NFC", base + "\u031b")]
            accents = accents.replace("\u031b", "")
        shape = "".join(a for a in accents if a in "\u0302\u0306")
        tone = "".join(a for a in accents if a in legacy_encodings.TONE_MARKS)
        mark = marks.get(shape + tone) or ((marks.get(shape, "") if shape else "") + (marks.get(tone, "") if tone else ""))
        out.append(base + mark)
    return "".join(out)


SENTENCE = ("Đảng bộ huyện có 12.345 đảng viên; năm 2024 kết nạp 678 đảng viên mới, "
            "tỷ lệ 96,48%. Ủy ban nhân dân xã thực hiện việc sắp xếp tổ chức bộ máy của hệ thống chính trị.\n")


def test_conversion_tables_round_trip_the_vietnamese_letters():
    lower = SENTENCE.lower()
    assert legacy_encodings.tcvn3_to_unicode(tcvn3_chars(lower)) == lower
    assert legacy_encodings.vni_to_unicode(vni_chars(SENTENCE)) == SENTENCE
    every = "".join(sorted(c for c in legacy_encodings.VIETNAMESE_LETTERS if c.islower()))
    assert legacy_encodings.tcvn3_to_unicode(tcvn3_chars(every)) == every
    assert legacy_encodings.vni_to_unicode(vni_chars(every)) == every
    assert legacy_encodings.vni_to_unicode(vni_chars(every.upper())) == every.upper()


def test_known_old_encoding_words():
    assert legacy_encodings.tcvn3_to_unicode("§¶ng viªn, ng\u00adêi, ViÖt Nam") == "Đảng viên, người, Việt Nam"
    assert legacy_encodings.vni_to_unicode("Ñaûng vieân, ngöôøi, Vieät Nam, ñòa phöông") == \
        "Đảng viên, người, Việt Nam, địa phương"


@pytest.mark.parametrize("encode, name", [
    (lambda t: tcvn3_chars(t).encode("cp1252"), "tcvn3-bytes"),
    (lambda t: vni_chars(t).encode("cp1252"), "vni-bytes"),
    (lambda t: tcvn3_chars(t).encode("utf-8"), "tcvn3-characters-in-utf8"),
    (lambda t: vni_chars(t).encode("utf-8"), "vni-characters-in-utf8"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_old_encoding_text_files_are_converted(encode, name):
    text = SENTENCE * 5
    # TCVN3 has the toneless capitals only: Ủ comes back as ủ
    expected = text.replace("Ủ", "ủ") if name.startswith("tcvn3") else text
    assert read_report("bao-cao.txt", encode(text)) == expected


def test_old_encoding_in_word_is_converted():
    document = docx.Document()
    document.add_paragraph(vni_chars(SENTENCE.strip()))
    document.add_paragraph(vni_chars("Báo cáo kết quả công tác xây dựng Đảng năm 2024."))
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_report("bao-cao.docx", buffer.getvalue())
    assert text.split("\n")[0] == SENTENCE.strip()


def test_old_encoding_mixed_with_unicode_is_refused_by_name():
    mixed = vni_chars(SENTENCE) * 2 + "Đảng bộ có 12 chi bộ."
    with pytest.raises(ReportRejected, match="looks like VNI mixed with Unicode text: convert it to Unicode"):
        read_report("bao-cao.txt", mixed.encode())


def test_partly_readable_tcvn3_is_refused_by_name():
    good = tcvn3_chars(SENTENCE.lower())
    # a fifth of the lines with every toned letter doubled ("cáác"): no syllable
    bad = "".join(c * 2 if c in "\u00b8\u00b6\u00d6\u00ea\u00e3\u00f5\u00e9" else c for c in good)
    damaged = (good * 2 + bad) * 2
    share = legacy_encodings.best_legacy_reading(damaged)[2]
    assert legacy_encodings.NAMED_REFUSAL_SHARE <= share < legacy_encodings.MIN_SYLLABLE_SHARE
    with pytest.raises(ReportRejected, match=r"TCVN3 \(ABC\) / looks like|looks like TCVN3 \(ABC\) but does not convert"):
        read_report("bao-cao.txt", damaged.encode("cp1252"))


def test_unknown_8bit_text_still_refused(sample_text):
    with pytest.raises(ReportRejected, match="does not read as Unicode Vietnamese"):
        read_report("a.txt", "Café crème brûlée à la française, très élégant.".encode("cp1252") * 3)
