"""Issue 10's table of hostile inputs, run again: each input is built in a temporary directory and given to
`manage.py ingest FILE` in a child process, which is timed and its peak memory measured; its exit code
and the first line of its output (or error) are kept, and each row is judged against what the issue asks
of it: a clear message or a correct result, in under 60 s and 1 GB.

    .venv/bin/python benchmarks/hostile_inputs_benchmark.py [--database-url URL] [--only NAME ...] [--timeout S]

Without --database-url the child ingests into a new SQLite database in the temporary directory, made once
at the start as `make data` makes one (migrate, load_areas, load_terms, load_catalogue). A database given
with --database-url gets the same steps (each is idempotent), and the documents an earlier run stored in
it (file names "hostile-…") are deleted first, so that every input is ingested anew.

The message is the English half of the command's first line about the file (its summary's first
line and the number of observations when it exits 0, else its error). Peak memory is the largest resident set of the child or of any process it waited for (os.wait4: the
forked reader of a budgeted ingest counts); each input is built in a forked process of its own, as a
child's ru_maxrss starts at its parent's high-water mark. A child still running after --timeout seconds is killed with
its process group, and its row fails. The issue's "database connection cut mid-ingest" row is left out:
it needs a second actor timed against the ingest's transaction (tests/test_ingest_command.py covers it).
The run exits 1 when a row fails.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from reports.decoding import DOCX_MAX_MEMBER_RATIO, DOCX_MAX_UNCOMPRESSED_BYTES  # noqa: E402 (limits only)

MANAGE = ROOT / "manage.py"
SAMPLES = ROOT / "reports" / "samples"
PREFIX = "hostile-"  # the file names this benchmark stores, so a later run can delete them

KB, MB = 1024, 1024 * 1024
# What the issue asks of every row.
MAX_SECONDS = 60
MAX_MEMORY_MB = 1024
DEFAULT_TIMEOUT_SECONDS = 300  # the run killed the 10 MB line after 180-300 s
MESSAGE_CHARS = 160  # of the child's message kept in the table

READ, REFUSED, EITHER = "read", "refused", "read or refused"
NOTHING_STORED = "nothing could be stored"
DATABASE_FAILED = "the database failed"

HEADER = "TỈNH ỦY BẮC GIANG\n\nBắc Giang, ngày 12 tháng 3 năm 2024\n\nBÁO CÁO\n\n"
MEMBERS = "Toàn đảng bộ hiện có 89.455 đảng viên."

# The shapes of the inputs (those of tests/test_fuzz_extraction.py), with their numbers varied.
TABLE_HEAD = ["Biểu số 1", "", "Đơn vị tính: người", "", "| STT | Nội dung | Năm 2020 | Năm 2021 | Năm 2022 |",
              "|---|---|---|---|---|"]
TABLE_ROW = "| {i} | Số đảng viên của Đảng bộ xã {i} | {a} | {b} | {c} |"
PARAGRAPH_UNIT = ("Năm 2024, toàn tỉnh kết nạp {a} đảng viên (trong đó nữ {b} đồng chí, chiếm 36,9%), "
                  "tăng {c} tổ chức cơ sở đảng so với năm 2023; ")
ONE_LINE_UNIT = "Năm 2024 kết nạp 1.234 đảng viên, tăng 12 tổ chức cơ sở đảng và giảm 5 đơn vị "

# .docx: the fewest parts python-docx opens.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
DOCUMENT_OPEN = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
DOCUMENT_CLOSE = "</w:body></w:document>"
# 10.000 columns per merged cell: the 2,4 KB file expanded to 18,9 MB of text, about this many rows.
SPAN_COLUMNS = 10_000
SPAN_ROWS = 1_900
SPAN_CELL_VALUES = 30  # the cells count 1..30 over and over: the file deflates to the issue's ~2,4 KB
# ~190 MB of XML deflating to ~8 MB (ratio ~24): under reports/decoding.py's declared-size checks
# (DOCX_MAX_UNCOMPRESSED_BYTES in all, DOCX_MAX_MEMBER_RATIO per part), so only the streaming XML
# budget can stop it. One random place and count per paragraph sets the ratio.
BIG_XML_BYTES = 190 * MB
BIG_XML_PARAGRAPH = ("<w:p><w:r><w:t>Năm 2024, Đảng bộ xã {place} kết nạp {count} đảng viên mới, đạt kế hoạch "
                     "đề ra.</w:t></w:r></w:p>")
BIG_XML_BATCH = 10_000  # paragraphs generated and deflated at a time
# The bomb: one ~1 MB piece of XML deflated once and its compressed bytes repeated (each piece ends
# with a full flush, so every copy inflates alone), declared as a 4.000-byte part.
BOMB_DECLARED_BYTES = 4_000
BOMB_PIECE = "<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 30_000
BOMB_INFLATED_BYTES = 1_900_000_000
DEFLATE_END = b"\x03\x00"  # an empty final block: the end of a raw deflate stream
ZIP_VERSION = 20
# A genuine report near the size limit: sample 003 again and again, every paragraph made distinct.
GENUINE_BYTES = int(19.5 * MB)
GENUINE_MARGIN_BYTES = 64 * KB  # below settings.REPORT_MAX_BYTES, should that be smaller
GENUINE_SAMPLE = "003_*.txt"
BAD_BYTE_OFFSET = 20_000
BINARY_BYTES = 64 * KB
SEED = 10  # every input is the same from one run to the next


@dataclass(frozen=True)
class Row:
    name: str  # for --only, and the file's name
    label: str  # the words
    suffix: str
    build: Callable[[Path, "Limits"], bytes | None]  # the file's bytes, or None when it wrote the file itself
    expect: str  # READ, REFUSED or EITHER
    words: tuple[str, ...] = ()  # what the child's output or error must say


@dataclass(frozen=True)
class Limits:
    report_max_bytes: int


@dataclass
class Result:
    size: int
    seconds: float
    peak_mb: float
    exit_code: int
    killed: bool
    stdout: str
    stderr: str


# --- the inputs -------------------------------------------------------------------------------------

def _filled(head: str, unit: Callable[[int], str], size: int, separator: str) -> str:
    """head, then units joined by separator until the text is `size` bytes of UTF-8."""
    parts, length, i = [head], len(head.encode()), 0
    while length < size:
        i += 1
        piece = unit(i) + separator
        parts.append(piece)
        length += len(piece.encode())
    return "".join(parts)


def _table(size: int) -> bytes:
    head = HEADER + "\n".join(TABLE_HEAD) + "\n"
    row = lambda i: TABLE_ROW.format(i=i, a=1000 + i, b=1100 + i, c=1200 + i)  # noqa: E731
    return _filled(head, row, size, "\n").encode()


def table_39kb(path: Path, limits: Limits) -> bytes:
    return _table(39 * KB)


def table_400kb(path: Path, limits: Limits) -> bytes:
    return _table(400 * KB)


def paragraph_70kb(path: Path, limits: Limits) -> bytes:
    unit = lambda i: PARAGRAPH_UNIT.format(a=1000 + i % 900, b=300 + i % 200, c=i % 40 + 1)  # noqa: E731
    return (_filled(HEADER, unit, 70 * KB, "") + "\n").encode()


def line_of_numbers_48kb(path: Path, limits: Limits) -> bytes:
    return (_filled(HEADER, lambda i: str(1000 + i), 48 * KB, " ") + "\n").encode()


def one_line_10mb(path: Path, limits: Limits) -> bytes:
    return (_filled(HEADER, lambda i: ONE_LINE_UNIT, 10 * MB, "")).encode()


def _paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx_header_xml() -> str:
    return _paragraph_xml("TỈNH ỦY BẮC GIANG") + _paragraph_xml("Bắc Giang, ngày 12 tháng 3 năm 2024") \
        + _paragraph_xml("BÁO CÁO") + _paragraph_xml(MEMBERS)


def _docx_package(archive: zipfile.ZipFile) -> None:
    archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    archive.writestr("_rels/.rels", PACKAGE_RELS)


def docx_merged_columns(path: Path, limits: Limits) -> None:
    row = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc>'
           '</w:tr>')
    table = "<w:tbl>" + "".join(row.format(span=SPAN_COLUMNS, i=i % SPAN_CELL_VALUES + 1) for i in range(SPAN_ROWS)) + "</w:tbl>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _docx_package(archive)
        archive.writestr("word/document.xml", DOCUMENT_OPEN + _docx_header_xml() + table + DOCUMENT_CLOSE)


def docx_190mb_xml(path: Path, limits: Limits) -> None:
    rng = random.Random(SEED)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _docx_package(archive)
        with archive.open("word/document.xml", "w") as part:
            written = part.write((DOCUMENT_OPEN + _docx_header_xml()).encode())
            while written < BIG_XML_BYTES:
                batch = "".join(BIG_XML_PARAGRAPH.format(place=rng.randrange(100), count=rng.randrange(5000))
                                for _ in range(BIG_XML_BATCH)).encode()
                written += part.write(batch[:BIG_XML_BYTES - written])
            part.write(DOCUMENT_CLOSE.encode())
    with zipfile.ZipFile(path) as archive:  # the row means nothing unless it is under the declared checks
        info = archive.getinfo("word/document.xml")
        assert sum(m.file_size for m in archive.infolist()) <= DOCX_MAX_UNCOMPRESSED_BYTES
        assert info.file_size <= DOCX_MAX_MEMBER_RATIO * info.compress_size


def _zip_with_declared_sizes(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate stream, CRC, declared size): both headers declare that size."""
    local, central = bytearray(), bytearray()
    for name, stream, crc, declared in members:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack(zipfile.structFileHeader, zipfile.stringFileHeader, ZIP_VERSION, 0, 0,
                             zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(stream), declared, len(encoded), 0)
        local += encoded + stream
        central += struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, ZIP_VERSION, 0, ZIP_VERSION, 0,
                               0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(stream), declared, len(encoded), 0, 0, 0,
                               0, 0, offset)
        central += encoded
    end = struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, len(members), len(members),
                      len(central), len(local), 0)
    return bytes(local + central + end)


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def zip_bomb(path: Path, limits: Limits) -> bytes:
    piece = BOMB_PIECE.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert first == again, "a fully flushed piece deflates to the same bytes every time"
    copies = -(-BOMB_INFLATED_BYTES // len(piece))
    stream = first * copies + DEFLATE_END
    inflater, inflated, rest = zlib.decompressobj(-zlib.MAX_WBITS), 0, stream
    while rest:  # it must really inflate to ~1,9 GB, in 1 MB steps so this process stays small
        inflated += len(inflater.decompress(rest, MB))
        rest = inflater.unconsumed_tail
    assert inflater.eof and inflated >= BOMB_INFLATED_BYTES, inflated
    types = CONTENT_TYPES.encode()
    return _zip_with_declared_sizes([
        ("[Content_Types].xml", _deflated(types), zlib.crc32(types), len(types)),
        ("word/document.xml", stream, zlib.crc32(piece[:BOMB_DECLARED_BYTES]), BOMB_DECLARED_BYTES),
    ])


def _letters(n: int) -> str:
    """A, B, ..., Z, AA, AB, ...: a paragraph's own mark, with no digit the reader could take for a number."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def genuine_report(path: Path, limits: Limits) -> bytes:
    """Sample 003 (a province's real report, 320 KB) over and over, each copy under a heading of its own
    and each prose paragraph closed by a sentence of its own, to near the size limit."""
    sample = next(SAMPLES.glob(GENUINE_SAMPLE)).read_text(encoding="utf-8").split("\n")
    size = min(GENUINE_BYTES, limits.report_max_bytes - GENUINE_MARGIN_BYTES)
    lines, length, copy, marks = [], 0, 0, 0
    while True:
        copy += 1
        for line in ([] if copy == 1 else [f"## Phụ lục {_letters(copy)}", ""]) + sample:
            prose = copy > 1 and len(line) > 80 and "\t" not in line and not line.startswith(("#", "|", "*", "<"))
            if prose:
                marks += 1
                line = f"{line} Xem mục {_letters(marks)} của phụ lục."
            encoded = len(line.encode()) + 1
            if length + encoded > size:
                return "\n".join(lines).encode()
            lines.append(line)
            length += encoded


def giant_number(path: Path, limits: Limits) -> bytes:
    return (HEADER + "Toàn đảng bộ hiện có 1234567890123456789012345 đảng viên.\n\n" + MEMBERS + "\n").encode()


def reversed_period(path: Path, limits: Limits) -> bytes:
    return (HEADER + "Trong nhiệm kỳ 2025 - 2020, kết nạp 1.234 đảng viên.\n\n" + MEMBERS + "\n").encode()


def header_year_0000(path: Path, limits: Limits) -> bytes:
    return (HEADER.replace("2024", "0000") + MEMBERS + "\n").encode()


def utf16_without_bom(path: Path, limits: Limits) -> bytes:
    return next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8").encode("utf-16-le")


def bad_byte_at_20000(path: Path, limits: Limits) -> bytes:
    """A real report's UTF-8 with one 0xFF at exactly BAD_BYTE_OFFSET (the text before it cut between
    characters and padded with spaces, so no letter is split)."""
    data = next(SAMPLES.glob("001_*.txt")).read_bytes()
    cut = BAD_BYTE_OFFSET
    while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
        cut -= 1
    return data[:cut] + b" " * (BAD_BYTE_OFFSET - cut) + b"\xff" + data[cut:]


def nothing_storable(path: Path, limits: Limits) -> bytes:
    # No date anywhere: its one number cannot be dated, so it is not stored.
    return "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.\n".encode()


def empty_file(path: Path, limits: Limits) -> bytes:
    return b""


def binary_file(path: Path, limits: Limits) -> bytes:
    return random.Random(SEED).randbytes(BINARY_BYTES)


ROWS = [
    Row("table-39kb", "a 39 KB Markdown table", ".md", table_39kb, READ),
    Row("paragraph-70kb", "a 70 KB paragraph", ".txt", paragraph_70kb, READ),
    Row("numbers-48kb", "a 48 KB line of numbers", ".txt", line_of_numbers_48kb, EITHER),
    Row("table-400kb", "a 400 KB table", ".md", table_400kb, READ),
    Row("one-line-10mb", "10 MB on one line", ".txt", one_line_10mb, EITHER),
    Row("docx-10000-columns", "a 2,4 KB .docx whose merged cells span 10.000 columns", ".docx",
        docx_merged_columns, REFUSED, ("columns",)),
    Row("docx-190mb-xml", "a 7,9 MB .docx with 190 MB of XML, under every limit", ".docx", docx_190mb_xml, EITHER),
    Row("zip-bomb", "a zip that declares 4.000 bytes and inflates to 1,9 GB", ".docx", zip_bomb, REFUSED,
        ("zip bomb",)),
    Row("genuine-19mb", "a 19,5 MB genuine report", ".txt", genuine_report, READ),
    Row("number-25-digits", "a 25-digit number", ".txt", giant_number, READ, ("value_out_of_range",)),
    Row("reversed-period", "a reversed period (“nhiệm kỳ 2025 - 2020”)", ".txt", reversed_period, READ,
        ("reversed period",)),
    Row("year-0000", "a header year 0000", ".txt", header_year_0000, EITHER),
    Row("utf16-no-bom", "UTF-16 without a BOM", ".txt", utf16_without_bom, READ),
    Row("bad-byte-20000", "a bad byte at offset 20.000", ".txt", bad_byte_at_20000, REFUSED,
        (f"at byte {BAD_BYTE_OFFSET},",)),
    Row("nothing-stored", "a file from which nothing could be stored", ".txt", nothing_storable, REFUSED,
        (NOTHING_STORED,)),
    Row("empty", "an empty file", ".txt", empty_file, REFUSED, ("empty",)),
    Row("binary", "a binary file", ".txt", binary_file, REFUSED, ("binary",)),
]


# --- the child ----------------------------------------------------------------------------------------

def child_environment(database_url: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONUNBUFFERED": "1"}


def manage(*args: str, env: dict[str, str]) -> str:
    """A setup step; its output, or the run stops with the step's own error."""
    done = subprocess.run([sys.executable, str(MANAGE), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stderr or done.stdout}")
    return done.stdout


def prepare_database(database_url: str) -> Limits:
    env = child_environment(database_url)
    for step in (["migrate", "--noinput", "-v0"], ["load_areas"], ["load_terms"], ["load_catalogue"]):
        manage(*step, env=env)
    out = manage("shell", "-c", (
        "from django.conf import settings\n"
        "from reports.models import Document\n"
        f"Document.objects.filter(file_name__startswith={PREFIX!r}).delete()\n"
        "print(settings.REPORT_MAX_BYTES)"), env=env)
    return Limits(report_max_bytes=int(out.split()[-1]))


def ingest(path: Path, env: dict[str, str], timeout: float) -> Result:
    """manage.py ingest FILE in its own process group (killed whole past the timeout), run from the file's
    directory so its messages name the file alone; its wall seconds and its tree's peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(MANAGE), "ingest", path.name], cwd=path.parent, env=env,
                                   stdout=out, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(process.pid, signal.SIGKILL)
        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
        if killed.is_set():
            try:
                os.killpg(process.pid, signal.SIGKILL)  # what the child forked, should it still be alive
            except ProcessLookupError:
                pass
        out.seek(0)
        err.seek(0)
        return Result(size=path.stat().st_size, seconds=seconds, peak_mb=usage.ru_maxrss / 1024,  # ru_maxrss: KiB
                      exit_code=process.returncode, killed=killed.is_set(),
                      stdout=out.read().decode("utf-8", "replace"), stderr=err.read().decode("utf-8", "replace"))


def build_in_child(row: Row, path: Path, limits: Limits) -> None:
    """Write the row's file from a forked process, so that this one never grows: on Linux a child's
    ru_maxrss starts at its parent's own high-water mark (fork copies it, exec keeps it), so a parent that
    had built the 19,5 MB report or the bomb itself would set a floor under every later row's peak."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            data = row.build(path, limits)
            if data is not None:
                path.write_bytes(data)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"building the input {row.name} failed (see above)")


# --- the verdict --------------------------------------------------------------------------------------

OBSERVATIONS_RE = re.compile(r"observations: (\d+)")


def first_line(row_file: str, result: Result) -> str:
    """The command's own line about the file: its summary's first line when it exits 0, else the error
    it wrote about the file (a log line may come first), else the first line of either."""
    out_lines = [line for line in result.stdout.splitlines() if line.strip()]
    err_lines = [line for line in result.stderr.splitlines() if line.strip()]
    if result.exit_code == 0 and out_lines:
        return out_lines[0]
    about_file = [line for line in err_lines if line.startswith(f"{row_file}: ")]
    return (about_file or err_lines or out_lines or ["(nothing)"])[0]


def judged(row: Row, row_file: str, result: Result) -> tuple[str, list[str]]:
    """The message to print and what fails the row (nothing when it passes)."""
    line = first_line(row_file, result).removeprefix(f"{row_file}: ")
    # the command's messages are "Vietnamese / English": the table prints the English half
    message = line.split(" / ", 1)[-1]
    counted = OBSERVATIONS_RE.search(result.stdout)
    if result.exit_code == 0 and counted:
        message += f"; observations: {counted.group(1)}"
    said = result.stdout + result.stderr
    read = result.exit_code == 0 and bool(counted) and int(counted.group(1)) > 0
    # a refusal is a sentence in both languages and an exit code of the command's own, never a signal
    refused = result.exit_code > 0 and " / " in line and "Traceback" not in said
    # ...and about the input: the database failing (reports/services.py) says nothing of the file
    database_failed = result.exit_code > 0 and message.startswith(DATABASE_FAILED)
    refused = refused and not database_failed
    problems = []
    if result.killed:
        problems.append("killed at the timeout")
    if result.seconds > MAX_SECONDS:
        problems.append(f"over {MAX_SECONDS} s")
    if result.peak_mb > MAX_MEMORY_MB:
        problems.append(f"over {MAX_MEMORY_MB} MB")
    if "Traceback" in said:
        problems.append("a traceback")
    if database_failed:
        problems.append("the database failed")
    if row.expect == READ and not read:
        problems.append("not read")
    elif row.expect == REFUSED and not refused:
        problems.append("no refusal with a message")
    elif row.expect == EITHER and not (read or refused):
        problems.append("neither read nor refused with a message")
    problems += [f"never says “{words}”" for words in row.words if words not in said]
    return message, problems


def cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1] + "…"


def size_text(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size / KB:.1f} KB" if size >= KB else f"{size} B"


def main() -> int:
    names = [row.name for row in ROWS]
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="rows: " + ", ".join(names))
    parser.add_argument("--database-url", help="ingest into this database (default: a new SQLite one)")
    parser.add_argument("--only", action="append", choices=names, metavar="NAME",
                        help="run this row only (repeatable); the names are listed below")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS,
                        help=f"kill an ingest after this many seconds (default {DEFAULT_TIMEOUT_SECONDS})")
    args = parser.parse_args()
    rows = [row for row in ROWS if not args.only or row.name in args.only]

    with tempfile.TemporaryDirectory(prefix=PREFIX) as tmp:
        directory = Path(tmp)
        database_url = args.database_url or f"sqlite:///{directory / 'db.sqlite3'}"
        started = time.perf_counter()
        limits = prepare_database(database_url)
        env = child_environment(database_url)
        engine = database_url.split(":", 1)[0]
        print(f"database: {engine}, made ready in {time.perf_counter() - started:.0f} s; REPORT_MAX_BYTES "
              f"{limits.report_max_bytes}; each row must give a clear message or a correct result in under "
              f"{MAX_SECONDS} s and {MAX_MEMORY_MB} MB\n", flush=True)
        print("| input | expected | seconds | peak MB | exit | message | result |")
        print("|---|---|---:|---:|---:|---|---|")
        failed = 0
        for row in rows:
            path = directory / f"{PREFIX}{row.name}{row.suffix}"
            build_in_child(row, path, limits)
            result = ingest(path, env, args.timeout)
            path.unlink()
            message, problems = judged(row, path.name, result)
            failed += bool(problems)
            expected = row.expect + "".join(f", “{words}”" for words in row.words)
            exit_text = "killed" if result.killed else str(result.exit_code)
            verdict = "pass" if not problems else "**FAIL**: " + "; ".join(problems)
            print(f"| {cell(row.label)} ({size_text(result.size)}) | {cell(expected)} | {result.seconds:.1f} | "
                  f"{result.peak_mb:.0f} | {exit_text} | {cell(message)} | {verdict} |", flush=True)
    print(f"\n{len(rows) - failed} of {len(rows)} rows pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
