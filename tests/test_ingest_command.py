"""manage.py ingest: a summary per file; every bad input refused with exit code != 0, nothing written."""
import io
import shutil
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Indicator, Observation
from reports.models import Document, DocumentWarning
from tests.test_decoding import docx_bytes, zip_bytes
from tests.test_ingest_service import SAMPLE_001, areas  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def nothing_written():
    return not (Document.objects.exists() or Observation.objects.exists() or DocumentWarning.objects.exists()
                or Indicator.objects.exists())


def test_ingest_prints_metadata_families_and_warnings(areas, tmp_path):
    path = tmp_path / SAMPLE_001.name
    shutil.copy(SAMPLE_001, path)
    out, _ = run(path)
    assert "ingested a new document" in out and "Huyện Tây Sơn" in out
    assert "Ban Thường vụ Huyện ủy Tây Sơn" in out
    assert "Đảng viên / Party members: " in out and "Cảnh báo / warnings:" in out
    assert Document.objects.get().area == areas.tay_son
    again, _ = run(path)
    assert "already ingested" in again and Document.objects.count() == 1


def test_dry_run_writes_nothing(areas, tmp_path):
    path = tmp_path / "001.txt"
    shutil.copy(SAMPLE_001, path)
    out, _ = run(path, "--dry-run")
    assert "dry run" in out and nothing_written()


def test_province_option_places_a_report(areas, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Toàn đảng bộ hiện có 89.455 đảng viên.", encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    assert nothing_written()
    out, _ = run(path, "--province", "Bắc Giang", "--date", "12/03/2024")
    assert "Tỉnh Bắc Giang" in out


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary"),
    "not-word.docx": (b"Just text, named .docx", "not a Word document"),
    "bomb.docx": (zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"0" * (8 << 20)}), "zip bomb"),
    "no-numbers.txt": ("Báo cáo không có số liệu nào.".encode(), "no numbers"),
    "report.rtf": (b"{\\rtf1 12 xa}", "unsupported file type"),
    "damaged.pdf": (b"%PDF-1.7", "the PDF is damaged"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_with_a_message_and_nothing_written(areas, tmp_path, capsys, name):
    data, words = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError, match="refused"):
        call_command("ingest", str(path), "--province", "Bắc Giang", stdout=io.StringIO(), stderr=err)
    assert words in err.getvalue()
    assert nothing_written()


def test_a_50_mb_file_is_refused_without_being_read(areas, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB declared, no disk used
    err = io.StringIO()
    tracemalloc.start()
    try:
        with pytest.raises(CommandError):
            call_command("ingest", str(path), stdout=io.StringIO(), stderr=err)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in err.getvalue() and peak < 5 * 1024 * 1024
    assert nothing_written()


def test_one_bad_file_does_not_stop_the_good_ones(areas, tmp_path):
    good = tmp_path / "001.txt"
    shutil.copy(SAMPLE_001, good)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="empty.txt"):
        run(bad, good)
    assert Document.objects.get().file_name == "001.txt"


def test_docx_report_is_ingested(areas, tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx_bytes())
    out, _ = run(path, "--province", "Bắc Giang")
    document = Document.objects.get()
    assert "Chỉ tiêu\tSố lượng" in document.text and "Số liệu / observations:" in out
    assert Observation.objects.filter(document=document, value=1234, source_column="Số lượng").exists()


def test_date_option_dates_a_report_that_does_not_say_it(areas, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.", encoding="utf-8")
    out, _ = run(path, "--date", "12/03/2024")
    assert "2024-03-12" in out and Observation.objects.get().period_end.isoformat() == "2024-03-12"
    with pytest.raises(CommandError, match="not a date"):
        run(path, "--date", "31/02/2024")


# --- every failure a message (issue 10, item 3) ----------------------------------------------

HEADER = "TỈNH ỦY BẮC GIANG\n\nBắc Giang, ngày 12 tháng 3 năm 2024\n\nBÁO CÁO\n\n"


def refused(*args):
    """The command's CommandError (its exit code) and what it wrote to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("ingest", *map(str, args), stdout=io.StringIO(), stderr=err)
    return failure.value, err.getvalue()


@pytest.mark.parametrize("sentence", [
    "Toàn đảng bộ hiện có 1234567890123456789012345 đảng viên.",
    "Giai đoạn 2025 - 2020, kết nạp 1.234 đảng viên.",
])
def test_a_giant_number_or_a_reversed_period_leaves_the_rest_stored(areas, tmp_path, sentence):
    path = tmp_path / "report.txt"
    path.write_text(HEADER + sentence + "\n\nToàn đảng bộ hiện có 89.455 đảng viên.\n", encoding="utf-8")
    out, _ = run(path)  # exit code 0: no CommandError
    assert "ingested a new document" in out
    assert Observation.objects.filter(value=89455).exists()


def test_a_header_year_0000_is_a_message_never_a_traceback(areas, tmp_path):
    path = tmp_path / "year0.txt"
    path.write_text(HEADER.replace("2024", "0000") + "Toàn đảng bộ hiện có 89.455 đảng viên.\n", encoding="utf-8")
    err = io.StringIO()
    try:
        call_command("ingest", str(path), "--date", "12/03/2024", stdout=io.StringIO(), stderr=err)
    except CommandError as exc:  # refused by the reader today; read, once the reader knows year 0 is no year
        assert exc.returncode != 0 and "refused" in str(exc)
        assert " / " in err.getvalue() and "Traceback" not in err.getvalue()
        assert nothing_written()


@pytest.mark.parametrize("manager, exc, words", [
    (Observation.objects, "connection", "server closed the connection unexpectedly"),
    (DocumentWarning.objects, "disk", "database or disk is full"),
])
def test_a_database_failure_is_a_sentence_and_a_nonzero_exit(areas, tmp_path, monkeypatch, manager, exc, words):
    from django.db import OperationalError

    def fail(*args, **kwargs):
        raise OperationalError(words + "\n\tThis probably means the server terminated abnormally")
    monkeypatch.setattr(manager, "bulk_create", fail)
    path = tmp_path / "001.txt"
    shutil.copy(SAMPLE_001, path)
    error, err = refused(path)
    assert error.returncode != 0 and "refused" in str(error)
    assert f"Lỗi cơ sở dữ liệu ({words}" in err and f"the database failed ({words}" in err
    assert "nothing was stored" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert nothing_written()


def test_a_concurrent_ingest_of_the_same_file_is_told_it_is_already_there(areas, tmp_path, monkeypatch):
    import hashlib

    from reports import services
    from tests.test_ingest_service import competing_ingest

    path = tmp_path / "001.txt"
    shutil.copy(SAMPLE_001, path)
    competing_ingest(monkeypatch, file_name="001-copy.txt", sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    error, err = refused(path)
    assert error.returncode != 0 and "đã có" in err and "already there" in err and "Traceback" not in err
    assert list(Document.objects.values_list("file_name", flat=True)) == ["001-copy.txt"]
    assert not Observation.objects.exists() and services.AlreadyIngesting.status == 409


def test_a_file_from_which_nothing_could_be_stored_exits_nonzero_and_says_so(areas, tmp_path):
    path = tmp_path / "undated.txt"  # no date anywhere: its one number cannot be dated, so it is not stored
    path.write_text("Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.", encoding="utf-8")
    good = tmp_path / "001.txt"
    shutil.copy(SAMPLE_001, good)
    error, err = refused(path, good)
    assert error.returncode != 0 and "nothing could be stored from 1 file(s)" in str(error)
    assert str(path) in str(error) and str(good) not in str(error)
    assert "Không lưu được số liệu nào" in err and "nothing could be stored from this file" in err
    assert Document.objects.count() == 2  # the document and its warnings are kept: they say why
    again, _ = refused(path)  # already ingested, still nothing stored
    assert again.returncode != 0
