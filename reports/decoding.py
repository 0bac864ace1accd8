"""Uploaded bytes -> the NFC text ingestion reads, or a refusal that says why.

Reports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1258 (older
Vietnamese Windows files) or Word .docx. Whatever the encoding, the result is the same NFC
text, so line numbers and quotes do not depend on how a file was saved. Text that decodes but
is garbled (UTF-8 read once as Windows-1252, or an old TCVN3/VNI font file) is refused rather
than stored: a garbled quote can never be checked against its source.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings

TEXT_SUFFIXES = {".txt", ".md"}
DOCX_SUFFIX = ".docx"

# A real report's document.xml is a few MB at most and compresses 5-30x; a zip bomb declares
# gigabytes or ratios in the thousands. Checked on the declared sizes before anything is inflated
# (zipfile never inflates past a member's declared size, so the declaration binds).
DOCX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DOCX_MAX_MEMBER_RATIO = 200
DOCX_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny XML parts legitimately compress far beyond any ratio
DOCX_MAX_MEMBERS = 2000

# UTF-8 Vietnamese decoded as Windows-1252/Latin-1: "Ã¡" (á), "áº¡" (ạ), "á»‡" (ệ), "Ä‘" (đ), "Æ°" (ư).
# None of these pairs occurs in Vietnamese, where Ã/Â/Ä/Æ are never followed by Latin-1 symbols
# (a no-break space after "XÃ" is left out: Word puts them after any word).
MOJIBAKE_RE = re.compile("Ã[\u0080-\u009f\u00a1-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
                         "|á[º»]|Ä[\u0080-\u009f\u00a1-\u00bf‘’]|Æ[\u0080-\u00bf]|Â[\u0080-\u009f\u00a1-\u00bf]")
# Below this share of Vietnamese letters among the non-ASCII letters, the text is an old 8-bit
# font encoding (TCVN3, VNI) or another language: refused, because the extractor reads Vietnamese.
MIN_VIETNAMESE_LETTER_SHARE = 0.9
CONTROL_CHARS_RE = re.compile("[\u0000-\u0008\u000b\u000e-\u001f\u007f]")


class ReportRejected(ValueError):
    """The file cannot be ingested; the message says why in Vietnamese and English."""


def _vietnamese_letters() -> frozenset[str]:
    bases = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    letters = {unicodedata.normalize("NFC", b + t) for b in bases for t in tones} | {"đ"}
    return frozenset(letters | {c.upper() for c in letters})


VIETNAMESE_LETTERS = _vietnamese_letters()


def report_size_check(*, size: int) -> None:
    """Refuse by size alone, so a caller that knows the size can refuse before reading."""
    if size == 0:
        raise ReportRejected("Tệp rỗng / the file is empty")
    limit = settings.REPORT_MAX_BYTES
    if size > limit:
        raise ReportRejected(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {limit / 1024 / 1024:.0f} MB) / "
            f"the file is too large ({size} bytes; the limit is {limit} bytes)")


def read_report(file_name: str, data: bytes) -> str:
    """The report's text, NFC-normalised with \\n line ends; raises ReportRejected."""
    report_size_check(size=len(data))
    suffix = PurePath(file_name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = _decode_text(data)
    elif suffix == DOCX_SUFFIX:
        text = _docx_text(data)
    else:
        raise ReportRejected(
            f"Định dạng '{suffix or file_name}' không được hỗ trợ (chỉ .txt, .md, .docx) / "
            f"unsupported file type '{suffix or file_name}' (only .txt, .md, .docx)")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
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
        raise ReportRejected("Tệp nhị phân, không phải văn bản / a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: the only 8-bit encoding Vietnamese Windows saves text in. Its tone marks are
    # combining characters; read_report's NFC step composes them like their UTF-8 twin.
    return _decode(data, "cp1258")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportRejected(
            f"Không giải mã được tệp (UTF-8, UTF-16, Windows-1258) / cannot decode the file as "
            f"UTF-8, UTF-16 or Windows-1258 (byte {exc.start})") from exc


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _reject_garbled(text: str) -> None:
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
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if letters:
        share = sum(c in VIETNAMESE_LETTERS for c in letters) / len(letters)
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
    import docx  # python-docx; imported here so text-only ingestion does not load lxml's XML stack

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on broken parts
        raise not_a_document from exc
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


def docx_to_text(document) -> str:
    """Paragraphs and tables in body order, as the Markdown-like text of the converted samples:
    headings as '#' lines, paragraphs separated by blank lines, one tab-separated line per table row."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            level = _heading_level(block)
            out.append(f"{'#' * level} {text}" if level else text)
            out.append("")
        elif isinstance(block, Table):
            for row in block.rows:
                out.append("\t".join(" ".join(cell.text.split()) for cell in row.cells))
            out.append("")
    return "\n".join(out)


def _heading_level(paragraph) -> int:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style)
    return min(int(match.group(1)) + 1, 6) if match else 0
