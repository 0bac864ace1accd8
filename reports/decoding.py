"""Uploaded bytes -> the NFC text ingestion reads, or a refusal that says why.

Reports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1258 (older
Vietnamese Windows files), Word .docx or PDF (reports/pdf.py, which also says where each page
starts). Whatever the encoding, the result is the same NFC text, so line numbers and quotes do not depend on how a file was saved. Text that decodes but
is garbled (UTF-8 read once as Windows-1252, or an old TCVN3/VNI font file) is refused rather
than stored: a garbled quote can never be checked against its source.
"""
from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePath

from django.conf import settings

from . import legacy_encodings

TEXT_SUFFIXES = {".txt", ".md"}
DOCX_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"

# A real report's document.xml is a few MB at most and compresses 5-30x; a zip bomb declares
# gigabytes or ratios in the thousands. Checked first on the declared sizes, a cheap early refusal;
# the declaration is never trusted beyond that: every XML part is inflated here as a stream, in
# INFLATE_CHUNK_BYTES steps, and refused as soon as it inflates past its declared size or the XML
# parts together past the byte budget (settings.REPORT_DOCX_MAX_XML_BYTES, else
# DOCX_MAX_XML_BYTES). Pictures and other binary parts are never inflated: no text is in them.
DOCX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DOCX_MAX_MEMBER_RATIO = 200
DOCX_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny XML parts legitimately compress far beyond any ratio
DOCX_MAX_MEMBERS = 2000
DOCX_MAX_XML_BYTES = 64 * 1024 * 1024
INFLATE_CHUNK_BYTES = 64 * 1024
DOCX_XML_SUFFIXES = (".xml", ".rels")
# A table wider than this is no report's table (the widest "Biểu" has a few dozen columns).
DOCX_MAX_TABLE_COLUMNS = 256
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# UTF-16 without a BOM: ASCII letters, digits and spaces (most of a Vietnamese text) put a NUL in
# every other byte. At least this share of the bytes of one parity are NUL, and almost none of the other.
UTF16_MIN_NUL_SHARE = 0.2
UTF16_MAX_OTHER_NUL_SHARE = 0.01
UTF16_SNIFF_BYTES = 64 * 1024

# UTF-8 Vietnamese decoded as Windows-1252/Latin-1: "Ã¡" (á), "áº¡" (ạ), "á»‡" (ệ), "Ä‘" (đ), "Æ°" (ư).
# None of these pairs occurs in Vietnamese, where Ã/Â/Ä/Æ are never followed by Latin-1 symbols
# (a no-break space after "XÃ" is left out: Word puts them after any word).
MOJIBAKE_RE = re.compile("Ã[\u0080-\u009f\u00a1-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
                         "|á[º»]|Ä[\u0080-\u009f\u00a1-\u00bf‘’]|Æ[\u0080-\u00bf]|Â[\u0080-\u009f\u00a1-\u00bf]")
# Below this share of Vietnamese letters among the non-ASCII letters, the text is an old 8-bit
# font encoding (TCVN3, VNI) or another language: refused, because the extractor reads Vietnamese.
MIN_VIETNAMESE_LETTER_SHARE = 0.9
NON_ASCII_RE = re.compile("[^\x00-\x7f]")
CONTROL_CHARS_RE = re.compile("[\u0000-\u0008\u000b\u000e-\u001f\u007f]")


class ReportRejected(ValueError):
    """The file cannot be ingested; the message says why in Vietnamese and English."""


VIETNAMESE_LETTERS = legacy_encodings.VIETNAMESE_LETTERS


def report_size_check(*, size: int) -> None:
    """Refuse by size alone, so a caller that knows the size can refuse before reading."""
    if size == 0:
        raise ReportRejected("Tệp rỗng / the file is empty")
    limit = settings.REPORT_MAX_BYTES
    if size > limit:
        raise ReportRejected(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {limit / 1024 / 1024:.0f} MB) / "
            f"the file is too large ({size} bytes; the limit is {limit} bytes)")


@dataclass(frozen=True)
class DecodedReport:
    """A report's text and, for a PDF, the line (1-based) each page starts on; `ocr` when the text was
    recognised from pictures of the pages; `unread_pages`, the pages of pictures only that were left out."""

    text: str
    page_starts: tuple[int, ...] = ()
    ocr: bool = False
    unread_pages: tuple[int, ...] = ()


def read_report(file_name: str, data: bytes) -> str:
    """The report's text, NFC-normalised with \\n line ends; raises ReportRejected."""
    return decode_report(file_name, data).text


def decode_report(file_name: str, data: bytes) -> DecodedReport:
    """The report's text (as read_report) with its pages; raises ReportRejected."""
    report_size_check(size=len(data))
    suffix = PurePath(file_name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        decoded = DecodedReport(_decode_text(data))
    elif suffix == DOCX_SUFFIX:
        decoded = DecodedReport(_docx_text(data))
    elif suffix == PDF_SUFFIX:
        from . import pdf  # pdfminer is loaded only for PDFs

        decoded = pdf.read_pdf(data)
    else:
        raise ReportRejected(
            f"Định dạng '{suffix or file_name}' không được hỗ trợ (chỉ .txt, .md, .docx, .pdf) / "
            f"unsupported file type '{suffix or file_name}' (only .txt, .md, .docx, .pdf)")
    return replace(decoded, text=_checked_text(decoded.text))


def _checked_text(text: str) -> str:
    """A decoded file's text made NFC with \\n line ends, an old font encoding converted, refused when
    damaged, garbled or empty: the same steps for every file type. A PDF's text holds no \\r and no
    conversion adds or removes a line, so its page starts hold for the text returned."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    _reject_damaged(text)
    text = _from_legacy_encoding(text)
    _reject_garbled(text)
    if not text.strip():
        raise ReportRejected("Tệp không có nội dung / the file contains no text")
    return text


def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16")
    if b"\x00" in data:
        binary = ReportRejected("Tệp nhị phân, không phải văn bản / a binary file, not text")
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise binary
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise binary from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            raise _undecodable(data, exc, "UTF-8") from exc
        first_error = exc
    # Not UTF-8: the only 8-bit encoding Vietnamese Windows saves text in. Its tone marks are
    # combining characters; read_report's NFC step composes them like their UTF-8 twin.
    # Unless the bytes are an old font encoding (TCVN3, VNI), which cp1258 would garble for good.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        text, first_error = None, exc
    if text is not None and _vietnamese_share(unicodedata.normalize("NFC", text)) >= MIN_VIETNAMESE_LETTER_SHARE:
        return text
    legacy = _legacy_reading(_as_font_characters(data))
    if legacy is not None:
        return legacy
    if text is None:
        raise _undecodable(data, first_error, "Windows-1258")
    return text


def _as_font_characters(data: bytes) -> str:
    """The characters an old font's bytes stand for, as Word would hold them."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 16 or len(data) % 2:
        return None
    sample = data[:UTF16_SNIFF_BYTES]
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= UTF16_MIN_NUL_SHARE and even_nul <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nul >= UTF16_MIN_NUL_SHARE and odd_nul <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 with a few bad bytes (a damaged file), not another encoding: the bytes before the
    first error are valid UTF-8 holding multi-byte letters, or nearly all of the file is."""
    if any(b >= 0x80 for b in data[:exc.start]):
        return True
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return non_ascii > 20 * bad


def _undecodable(data: bytes, exc: UnicodeDecodeError, encoding: str) -> ReportRejected:
    offset = exc.start
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    sample = data[offset:offset + 4].hex(" ")
    return ReportRejected(
        f"Không giải mã được tệp theo {encoding}: byte lỗi ở vị trí {offset} (dòng {line}, cột byte {column}: {sample}) / "
        f"cannot decode the file as {encoding} (UTF-8, UTF-16 and Windows-1258 are read): bad byte at byte "
        f"{offset}, line {line}, byte column {column} ({sample})")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, encoding.upper().replace("-SIG", "")) from exc


def _vietnamese_share(text: str) -> float:
    letters = total = 0
    for c, count in Counter(NON_ASCII_RE.findall(text)).items():
        if ord(c) > 127 and c.isalpha():
            total += count
            letters += count * (c in VIETNAMESE_LETTERS)
    return letters / total if total else 1.0


def _from_legacy_encoding(text: str) -> str:
    """Text typed in an old font encoding (TCVN3, VNI) converted to Unicode; Unicode text as it is.
    VNI's mark bytes are Vietnamese letters themselves (â ê ô á à ...), so the share of letters is not
    enough: Unicode text also reads as Vietnamese syllables (one tone mark each). Text that holds
    Unicode-only letters (ả ệ ư đ ...) beside an old encoding is mixed: refused by the encoding's name,
    as converting it would garble its Unicode part."""
    own_share = legacy_encodings.syllable_share(text)[0]
    if _vietnamese_share(text) >= MIN_VIETNAMESE_LETTER_SHARE and own_share >= legacy_encodings.MIN_SYLLABLE_SHARE:
        return text
    if any(ord(c) > 0xFF and c in VIETNAMESE_LETTERS for c in text):
        reading = legacy_encodings.best_legacy_reading(text)
        if reading is not None and reading[2] >= legacy_encodings.NAMED_REFUSAL_SHARE and reading[2] > own_share + 0.05:
            raise _legacy_refusal(reading[0], "mixed")
        return text
    converted = _legacy_reading(text)
    return text if converted is None else converted


def _legacy_refusal(name: str, why: str) -> ReportRejected:
    vi, en = {
        "mixed": ("lẫn với chữ Unicode", "mixed with Unicode text"),
        "partial": ("nhưng không chuyển được trọn vẹn", "but does not convert cleanly"),
    }[why]
    return ReportRejected(
        f"Tệp có vẻ mã {name} {vi}: chuyển sang Unicode rồi tải lên lại / the file looks like {name} {en}: "
        f"convert it to Unicode and upload it again")


def _legacy_reading(text: str) -> str | None:
    """The Unicode text of a text typed in an old font encoding (TCVN3, VNI), None when it is not one.
    Text that reads only partly as one is refused naming the encoding."""
    reading = legacy_encodings.best_legacy_reading(text)
    if reading is None:
        return None
    name, converted, share = reading
    if share >= legacy_encodings.MIN_SYLLABLE_SHARE and _vietnamese_share(converted) >= MIN_VIETNAMESE_LETTER_SHARE:
        return converted
    if share >= legacy_encodings.NAMED_REFUSAL_SHARE:
        raise _legacy_refusal(name, "partial")
    return None


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _reject_damaged(text: str) -> None:
    control = CONTROL_CHARS_RE.search(text)
    if control:
        raise ReportRejected(
            f"Tệp nhị phân, không phải văn bản (ký tự điều khiển ở dòng {_line_of(text, control.start())}) / "
            f"a binary file, not text (control character on line {_line_of(text, control.start())})")
    replacement = text.find("\ufffd")
    if replacement >= 0:
        line = _line_of(text, replacement)
        raise ReportRejected(
            f"Văn bản đã bị hỏng mã (ký tự thay thế ở dòng {line}) / the text was already damaged "
            f"by a lossy conversion (replacement character on line {line})")
    mojibake = MOJIBAKE_RE.search(text)
    if mojibake:
        line = _line_of(text, mojibake.start())
        sample = text[max(0, mojibake.start() - 10):mojibake.end() + 10].replace("\n", " ")
        raise ReportRejected(
            f"Văn bản bị lỗi phông/mã hóa ở dòng {line} (“{sample}”); hãy lưu lại tệp dưới dạng UTF-8 / "
            f"garbled text on line {line} (UTF-8 read as Windows-1252); save the file again as UTF-8")


def _reject_garbled(text: str) -> None:
    share = _vietnamese_share(text)
    if share < MIN_VIETNAMESE_LETTER_SHARE:
        raise ReportRejected(
            f"Văn bản không đọc được như tiếng Việt Unicode (có thể là phông TCVN3/VNI) / the text "
            f"does not read as Unicode Vietnamese ({share:.0%} Vietnamese letters; an old TCVN3/VNI "
            f"font encoding?)")


def _docx_text(data: bytes) -> str:
    not_a_document = ReportRejected("Tệp .docx không phải là văn bản Word / the .docx file is not a Word document")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise not_a_document from exc
    with archive:
        members = archive.infolist()
        _docx_bomb_check(members)
        names = {m.filename for m in members}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise not_a_document
        parts = _inflate_docx(data, members)
    import docx  # python-docx; imported here so text-only ingestion does not load lxml's XML stack

    try:
        # python-docx reads the parts inflated here, stored: it never inflates anything itself
        document = docx.Document(io.BytesIO(_stored_zip(parts)))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on broken parts
        raise not_a_document from exc
    del parts
    return docx_to_text(document)


def _docx_bomb_check(members: list[zipfile.ZipInfo]) -> None:
    refusal = ReportRejected(
        "Tệp .docx bất thường (giải nén quá lớn, có thể là bom nén) / the .docx file inflates to an "
        "abnormal size (a zip bomb?)")
    if len(members) > DOCX_MAX_MEMBERS:
        raise refusal
    if sum(m.file_size for m in members) > DOCX_MAX_UNCOMPRESSED_BYTES:
        raise refusal
    for member in members:
        if member.file_size >= DOCX_RATIO_CHECK_FROM_BYTES and \
                member.file_size > DOCX_MAX_MEMBER_RATIO * max(member.compress_size, 1):
            raise refusal


def docx_xml_budget() -> int:
    return getattr(settings, "REPORT_DOCX_MAX_XML_BYTES", DOCX_MAX_XML_BYTES)


def _inflate_docx(data: bytes, members: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Each part's bytes, the XML inflated by a bounded stream, other parts left empty."""
    budget = docx_xml_budget()
    used = 0
    parts: dict[str, bytes] = {}
    for member in members:
        if member.is_dir():
            continue
        if not member.filename.lower().endswith(DOCX_XML_SUFFIXES):
            parts[member.filename] = b""
            continue
        content = _inflate_member(data, member, budget - used)
        used += len(content)
        parts[member.filename] = content
    return parts


def _xml_budget_refusal(budget: int) -> ReportRejected:
    return ReportRejected(
        f"Tệp .docx chứa quá nhiều dữ liệu (phần XML giải nén vượt {budget / 1024 / 1024:.0f} MB) / the .docx "
        f"file holds too much data (its XML inflates beyond the {budget} byte budget)")


def _damaged(member: zipfile.ZipInfo) -> ReportRejected:
    return ReportRejected(
        f"Tệp .docx bị hỏng (không giải nén được phần {member.filename}) / the .docx file is damaged "
        f"(its part {member.filename} cannot be inflated)")


def _inflate_member(data: bytes, member: zipfile.ZipInfo, budget: int) -> bytes:
    if member.flag_bits & 0x1:
        raise ReportRejected("Tệp .docx có mật khẩu / the .docx file is encrypted")
    header = data[member.header_offset:member.header_offset + zipfile.sizeFileHeader]
    if len(header) < zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
        raise _damaged(member)
    fields = struct.unpack(zipfile.structFileHeader, header)
    start = member.header_offset + zipfile.sizeFileHeader + fields[zipfile._FH_FILENAME_LENGTH] \
        + fields[zipfile._FH_EXTRA_FIELD_LENGTH]
    raw = memoryview(data)[start:start + member.compress_size]
    if len(raw) < member.compress_size:
        raise _damaged(member)
    lying = ReportRejected(
        f"Tệp .docx bất thường: phần {member.filename} giải nén lớn hơn kích thước khai báo "
        f"({member.file_size} byte), có thể là bom nén / the .docx file is abnormal: its part {member.filename} "
        f"inflates beyond its declared {member.file_size} bytes (a zip bomb?)")
    if member.compress_type == zipfile.ZIP_STORED:
        out = bytes(raw)
        if len(out) > budget:
            raise _xml_budget_refusal(docx_xml_budget())
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pieces: list[bytes] = []
        size = 0
        for offset in range(0, len(raw), INFLATE_CHUNK_BYTES):
            chunk = raw[offset:offset + INFLATE_CHUNK_BYTES]
            while chunk:
                try:
                    piece = inflater.decompress(chunk, INFLATE_CHUNK_BYTES)
                except zlib.error as exc:
                    raise _damaged(member) from exc
                size += len(piece)
                if size > member.file_size:
                    raise lying
                if size > budget:
                    raise _xml_budget_refusal(docx_xml_budget())
                pieces.append(piece)
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            raise _damaged(member)
        out = b"".join(pieces)
    else:
        raise _damaged(member)
    if len(out) != member.file_size or zlib.crc32(out) != member.CRC:
        raise _damaged(member)
    return out


def _stored_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _text_budget_refusal(limit: int) -> ReportRejected:
    return ReportRejected(
        f"Văn bản trong tệp .docx quá dài (hơn {limit / 1024 / 1024:.0f} triệu ký tự) / the text of the .docx "
        f"file is too long (over {limit} characters, the limit for a file)")


class _Notes:
    """Footnotes and endnotes: their text by id, and the numbers their marks get in reading order.

    Footnotes are numbered 1, 2, ... as Word prints them; endnotes (Word prints i, ii, ...) go on from
    the last footnote's number, so every `<sup>N</sup>` mark of the text names one note. A footnote's
    line follows the paragraph (or table) that marks it, as in the converted reports; endnotes close
    the document."""

    def __init__(self, footnotes: dict[str, str], endnotes: dict[str, str]):
        self.texts = {"footnote": footnotes, "endnote": endnotes}
        self.numbers: dict[tuple[str, str], int] = {}
        self.counters = {"footnote": 0, "endnote": len(footnotes)}
        self.pending: list[str] = []  # footnote lines for after the current block
        self.endnotes: list[str] = []

    def mark(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.numbers:
            self.counters[kind] += 1
            number = self.numbers[key] = self.counters[kind]
            text = self.texts[kind].get(note_id, "")
            (self.pending if kind == "footnote" else self.endnotes).append(f"<sup>{number}</sup> {text}".rstrip())
        return f"<sup>{self.numbers[key]}</sup>"


def _read_notes(document, reltype: str, kind: str) -> dict[str, str]:
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            blob = rel.target_part.blob
            break
    else:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise ReportRejected(
            f"Tệp .docx bị hỏng (phần chú thích {kind} không đọc được) / the .docx file is damaged (its {kind}s "
            f"cannot be read)") from exc
    notes = {}
    w = "{%s}" % W_NS
    for note in root.iter(w + kind):
        if note.get(w + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = []
        for p in note.iter(w + "p"):
            words = []
            for element in p.iter(w + "t", w + "tab", w + "br", w + "cr"):
                words.append(element.text or "" if element.tag == w + "t" else " ")
            paragraphs.append("".join(words))
        notes[note.get(w + "id")] = " ".join(" ".join(paragraphs).split())
    return notes


def docx_to_text(document) -> str:
    """Paragraphs and tables in body order, as the Markdown-like text of the converted samples:
    headings as '#' lines, paragraphs separated by blank lines, one tab-separated line per table row
    (a merged cell's text once, in its first column and row, the cells it covers blank), footnote
    marks as `<sup>N</sup>` and each footnote as a `<sup>N</sup> text` paragraph after the block that
    marks it, endnotes at the end. Refused when the text outgrows settings.REPORT_MAX_BYTES
    characters or a table DOCX_MAX_TABLE_COLUMNS columns."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    notes = _Notes(_read_notes(document, RT.FOOTNOTES, "footnote"), _read_notes(document, RT.ENDNOTES, "endnote"))
    limit = settings.REPORT_MAX_BYTES
    out: list[str] = []
    size = 0

    def emit(line: str) -> None:
        nonlocal size
        size += len(line) + 1
        if size > limit:
            raise _text_budget_refusal(limit)
        out.append(line)

    def flush_notes() -> None:
        for line in notes.pending:
            emit(line)
            emit("")
        notes.pending.clear()

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _paragraph_text(block, notes).strip()
            if not text:
                continue
            level = _heading_level(block)
            emit(f"{'#' * level} {text}" if level else text)
            emit("")
        elif isinstance(block, Table):
            for row in _table_rows(block._tbl, notes):
                emit(row)
            emit("")
        flush_notes()
    for line in notes.endnotes:
        emit(line)
        emit("")
    return "\n".join(out)


def _paragraph_text(paragraph, notes: _Notes) -> str:
    return _p_text(paragraph._p, paragraph, notes)


def _p_text(p, parent, notes: _Notes) -> str:
    if not p.xpath("./w:r/w:footnoteReference | ./w:r/w:endnoteReference"
                   " | ./w:hyperlink/w:r/w:footnoteReference | ./w:hyperlink/w:r/w:endnoteReference"):
        return p.text
    parts = []
    for r in p.xpath("./w:r | ./w:hyperlink/w:r"):
        parts.append(r.text)
        for ref in r.xpath("./w:footnoteReference | ./w:endnoteReference"):
            kind = "footnote" if ref.tag.endswith("}footnoteReference") else "endnote"
            parts.append(notes.mark(kind, ref.get("{%s}id" % W_NS)))
    return "".join(parts)


def _table_rows(tbl, notes: _Notes):
    """One tab-separated line per row, linear in the table's XML whatever its merges."""
    for index, tr in enumerate(tbl.tr_lst):
        cells: list[str] = []
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if len(cells) + span > DOCX_MAX_TABLE_COLUMNS:
                raise ReportRejected(
                    f"Một bảng trong tệp .docx có hơn {DOCX_MAX_TABLE_COLUMNS} cột (dòng {index + 1} của bảng) / "
                    f"a table in the .docx file has more than {DOCX_MAX_TABLE_COLUMNS} columns (row {index + 1} "
                    f"of the table)")
            if tc.vMerge == "continue":
                cells.append("")
            else:
                cells.append(" ".join("\n".join(_p_text(p, None, notes) for p in tc.p_lst).split()))
            cells.extend([""] * (span - 1))
        yield "\t".join(cells)


def _heading_level(paragraph) -> int:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style)
    return min(int(match.group(1)) + 1, 6) if match else 0
