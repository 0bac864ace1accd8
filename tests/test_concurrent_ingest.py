"""Two ingests of one report at the same moment, each in its own thread with its own database connection
(issue 10: "concurrent ingests of the same file: one wins, the other is told it is already there")."""
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from indicators.models import Observation
from indicators.services import catalogue_load, terms_load
from reports import services
from reports.models import Document, DocumentWarning

SAMPLE = next(Path(__file__).resolve().parents[1].glob("reports/samples/000_*.txt"))
# A second version of the sample: one number changed, so the stored observations tell the versions apart.
FIRST_WORDS, SECOND_WORDS = "tổng số 21 cơ quan", "tổng số 23 cơ quan"
FIRST_NUMBER, SECOND_NUMBER = 21, 23
CHANGED_QUOTE = "Cấp tỉnh tổng số"
# An ingest of the sample takes about a second; a thread still running after this waits for the other forever.
JOIN_SECONDS = 120

pytestmark = pytest.mark.django_db(transaction=True)  # each thread commits through its own connection


@pytest.fixture
def shared_database(gazetteer, tmp_path):
    """The database every thread connects to, with the gazetteer, the terms and the catalogue.

    On SQLite, a file in WAL mode with its busy timeout, as the embedded database runs: the test database
    Django makes lives in memory with a shared cache, where a second writer fails at once ("database
    table is locked") instead of waiting its turn as writers of a file do."""
    terms_load()
    catalogue_load()
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    in_memory, settings = connections["default"], connections.settings["default"]
    # New threads build their connection from these settings; this thread gets one to the file as well.
    connections.settings["default"] = {**settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = in_memory  # the test database, emptied by pytest-django as usual
        connections.settings["default"] = settings


def ingest_at_once(*versions: tuple[str, bytes], replace: bool = False) -> list:
    """document_ingest of each (file name, bytes) in a thread of its own, all released at the same moment;
    for each, its summary or the exception it raised."""
    barrier = threading.Barrier(len(versions))
    results: list = [None] * len(versions)

    def ingest(index: int, file_name: str, data: bytes) -> None:
        try:
            barrier.wait()
            results[index] = services.document_ingest(file_name=file_name, data=data, replace=replace)
        except Exception as exc:  # whatever it is, the test names it
            results[index] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=ingest, args=(index, *version)) for index, version in enumerate(versions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "an ingest never finished: the two wait for each other"
    return results


def outcome(result) -> str:
    if isinstance(result, services.IngestSummary):
        return result.outcome
    return f"{type(result).__name__}: {result}"


def created_and_other(results: list) -> tuple[services.IngestSummary, object]:
    created = [r for r in results if isinstance(r, services.IngestSummary) and r.outcome == services.CREATED]
    assert len(created) == 1, [outcome(r) for r in results]
    return created[0], next(r for r in results if r is not created[0])


def told_it_is_being_stored(result) -> bool:
    """The promised refusal: AlreadyIngesting, a 409, one bilingual sentence."""
    return (isinstance(result, services.AlreadyIngesting) and result.status == 409
            and "đã có" in str(result) and "already there" in str(result) and "\n" not in str(result))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_stored_once(document: Document, summary: services.IngestSummary) -> None:
    """The document holds exactly the observations and warnings of this ingest, none twice, none elsewhere."""
    rows = list(Observation.objects.values_list(
        "document_id", "indicator_id", "area_id", "period_start", "period_end", "breakdown", "value",
        "source_line", "source_start", "source_column"))
    assert len(rows) == len(set(rows)) == summary.observation_count > 0
    assert {row[0] for row in rows} == {document.pk}
    assert DocumentWarning.objects.count() == DocumentWarning.objects.filter(document=document).count() \
        == len(summary.warnings)


def test_the_same_report_ingested_twice_at_once_is_stored_once(shared_database):
    data = SAMPLE.read_bytes()
    created, other = created_and_other(ingest_at_once((SAMPLE.name, data), (SAMPLE.name, data)))
    # The other one came second: told so before writing anything (409), or it found the stored bytes.
    already_ingested = isinstance(other, services.IngestSummary) and other.outcome == services.ALREADY_INGESTED
    assert told_it_is_being_stored(other) or already_ingested, outcome(other)
    document = Document.objects.get()
    assert (document.pk, document.file_name, document.sha256) == (created.document_id, SAMPLE.name, sha256(data))
    assert_stored_once(document, created)


def test_two_versions_of_one_file_at_once_leave_one_whole_version(shared_database):
    first = SAMPLE.read_bytes()
    second = first.replace(FIRST_WORDS.encode(), SECOND_WORDS.encode())
    created, other = created_and_other(ingest_at_once((SAMPLE.name, first), (SAMPLE.name, second), replace=True))
    # One stored first; the other replaced it (a new version of the same name, stored after) or, stored
    # while the first was, was told the file is already there and wrote nothing.
    replaced = isinstance(other, services.IngestSummary) and other.outcome == services.REPLACED
    assert replaced or told_it_is_being_stored(other), outcome(other)
    kept = other if replaced else created
    document = Document.objects.get()
    assert (document.pk, document.file_name, document.sha256) == (created.document_id, SAMPLE.name, kept.sha256)
    assert_stored_once(document, kept)
    number = SECOND_NUMBER if kept.sha256 == sha256(second) else FIRST_NUMBER
    assert list(Observation.objects.filter(quote__startswith=CHANGED_QUOTE).values_list("value", flat=True)) \
        == [number]
