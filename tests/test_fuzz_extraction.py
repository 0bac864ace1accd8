"""The decoder and the extractor under random and adversarial reports (Hypothesis).

Whatever the bytes, `read_report` returns text or refuses with ReportRejected, and `extract_document`
returns a document or refuses with ExtractionError (no numbers at all): any other exception is a bug.
Time grows linearly: 16 times the input may take at most 40 times as long. The CI run is short (the
"ci" profile: few examples, no deadline); benchmarks/fuzz_benchmark.py runs the same strategies for
minutes. Every crash found is saved under tests/data/fuzz_cases/ and replayed by test_saved_cases.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.decoding import ReportRejected, read_report
from reports.extraction.document import ExtractionError, extract_document

CASES_DIR = Path(__file__).parent / "data" / "fuzz_cases"

settings.register_profile("ci", max_examples=15, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=1_000_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["đảng viên", "tổ chức cơ sở đảng", "chi bộ", "biên chế", "kết nạp", "giảm", "tăng", "so với",
         "năm 2020", "năm 0000", "2025 - 2020", "nhiệm kỳ 2020-2025", "ngày 31/12/2024", "ngày 00/00/0000",
         "tháng 13 năm 2024", "(", ")", ";", ",", ".", ":", "**", "<sup>1</sup>", "trong đó", "nữ", "chiếm",
         "%", "xã", "huyện", "tỉnh Nghệ An", "(cũ)", "Biểu số 1", "hai mươi ba", "2 triệu", "\t", "|",
         "Ѱ中文", "عربي", "😀", "\u200b", "\u00a0", "TP.", "v.v", "Ngày 10 tháng 5 năm 2025"]
NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**25).map(lambda n: f"{n:,}".replace(",", ".")),  # giant: 25 digits grouped
    st.integers(10**24, 10**25).map(str),
    st.decimals(0, 1000, places=2, allow_nan=False).map(lambda d: f"{d}".replace(".", ",") + "%"),
    st.sampled_from(["0", "00", "1.224", "15,15", "9" * 40, "1/0", "0/0", "302/313", "1.2.3.4", "-5", "10^9"]),
)
TOKENS = st.one_of(st.sampled_from(WORDS), NUMBERS, st.text(max_size=8))


def _line(tokens: list[str]) -> str:
    return " ".join(tokens)


LINES = st.lists(TOKENS, max_size=30).map(_line)
LIST_ITEM = st.tuples(st.integers(0, 40), LINES).map(lambda t: "  " * t[0] + "- " + t[1])  # deep lists
TABLE_ROW = st.lists(st.one_of(NUMBERS, st.sampled_from(WORDS)), min_size=1, max_size=12).map(
    lambda cells: "| " + " | ".join(cells) + " |")
HEADING = LINES.map(lambda s: "# " + s)
TEXTS = st.lists(st.one_of(LINES, LIST_ITEM, TABLE_ROW, HEADING, st.just(""), st.just("|---|---|")),
                 max_size=40).map("\n".join)


def _adversarial(draw_text: str, repeat: int) -> str:
    return draw_text * repeat


ADVERSARIAL = st.one_of(
    TEXTS,
    st.tuples(LINES, st.integers(1, 200)).map(lambda t: " ".join([t[0]] * t[1])),  # one long line
    st.tuples(TABLE_ROW, st.integers(1, 300)).map(lambda t: "\n".join(["| a | b |", "|---|---|"] + [t[0]] * t[1])),
    st.text(max_size=300),  # anything, NUL and controls included
)
FILE_NAMES = st.sampled_from(["r.txt", "r.md", "r.docx", "r.pdf", "r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1"])


def check_extract(text: str) -> None:
    """The property: a document, or the extractor's own refusal."""
    try:
        extract_document(text)
    except ExtractionError:
        pass


def check_read(name: str, data: bytes) -> None:
    try:
        text = read_report(name, data)
    except ReportRejected:
        return
    check_extract(text)


def save_case(kind: str, payload: bytes) -> Path:
    """Keep a crashing input for test_saved_cases (named by its hash, so saving twice keeps one)."""
    import hashlib

    CASES_DIR.mkdir(parents=True, exist_ok=True)
    path = CASES_DIR / f"{kind}-{hashlib.sha256(payload).hexdigest()[:16]}.bin"
    path.write_bytes(payload)
    return path


@pytest.fixture(autouse=True)
def _profile():
    settings.load_profile("ci")


@settings(settings.get_profile("ci"))
@given(ADVERSARIAL)
def test_the_extractor_reads_or_refuses_any_text(text):
    try:
        check_extract(text)
    except Exception:
        save_case("extract", text.encode("utf-8", "surrogatepass"))
        raise


@settings(settings.get_profile("ci"))
@given(FILE_NAMES, st.one_of(
    st.binary(max_size=400),
    st.tuples(ADVERSARIAL, ENCODINGS).map(lambda t: t[0].encode(t[1], "replace")),
))
def test_the_decoder_reads_or_refuses_any_bytes(name, data):
    try:
        check_read(name, data)
    except Exception:
        save_case("read-" + name.replace(".", "_"), data)
        raise


def _saved_cases() -> list[Path]:
    return sorted(CASES_DIR.glob("*.bin")) if CASES_DIR.exists() else []


@pytest.mark.parametrize("path", _saved_cases(), ids=lambda p: p.name)
def test_saved_cases(settings, path):
    """A crash the fuzzer once found, replayed as it was found (read-<name>-…: bytes through the decoder)."""
    settings.REPORT_MAX_BYTES = max(settings.REPORT_MAX_BYTES, 20 * 1024 * 1024)
    data = path.read_bytes()
    if path.name.startswith("read-"):
        name = path.name.split("-")[1].replace("_", ".")
        check_read(name, data)
    else:
        check_extract(data.decode("utf-8", "surrogatepass"))


# --- time grows linearly ------------------------------------------------------------------------------
UNIT_PARAGRAPH = ("Năm 2024, toàn tỉnh kết nạp 1.234 đảng viên (trong đó nữ 456 đồng chí, chiếm 36,9%), "
                  "tăng 12 tổ chức cơ sở đảng so với năm 2023; ")
UNIT_ROW = "| {i} | Số đảng viên của Đảng bộ xã {i} | {a} | {b} | {c} |"


def _paragraph(n: int) -> str:
    return "Ngày 10 tháng 5 năm 2025\n\n" + UNIT_PARAGRAPH * n


def _line_of_numbers(n: int) -> str:
    return "Ngày 10 tháng 5 năm 2025\n\n" + " ".join(str(1000 + i) for i in range(40 * n))


def _table(n: int) -> str:
    head = ["Ngày 10 tháng 5 năm 2025", "", "Biểu số 1", "", "Đơn vị tính: người", "",
            "| STT | Nội dung | Năm 2020 | Năm 2021 | Năm 2022 |", "|---|---|---|---|---|"]
    return "\n".join(head + [UNIT_ROW.format(i=i, a=1000 + i, b=1100 + i, c=1200 + i) for i in range(1, 2 * n + 1)])


def _one_line(n: int) -> str:
    return "Năm 2024 kết nạp 1.234 đảng viên, tăng 12 tổ chức cơ sở đảng và giảm 5 đơn vị " * (2 * n)


def _timed(text: str) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two: a pause of the machine is not the extractor's
        start = time.perf_counter()
        check_extract(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("build", [_paragraph, _line_of_numbers, _table, _one_line],
                         ids=["paragraph", "line of numbers", "table", "one line"])
def test_time_grows_linearly(build):
    """1x, 4x, 16x the input: 16x may take at most 40x the time (quadratic would be 256x)."""
    base = 20
    t1, t4, t16 = (_timed(build(base * k)) for k in (1, 4, 16))
    floor = 0.01  # below this a measurement is noise
    assert max(t16, floor) <= 40 * max(t1, floor), (t1, t4, t16)
    assert max(t4, floor) <= 10 * max(t1, floor), (t1, t4, t16)
