"""reports.budget: one document's reading stopped past its time or memory, with a message, nothing written."""
import os
import time

import pytest

from indicators.models import Observation
from reports import reading
from reports.budget import Budget, BudgetExceeded, private_bytes, resident_bytes, run_within_budget
from reports.decoding import ReportRejected
from reports.models import Document
from reports.services import document_ingest
from tests.test_ingest_service import SAMPLE_001, areas  # noqa: F401 (fixture)

MB = 1024 * 1024


def sleeping(seconds, *, on_stage):
    on_stage("decoded")
    time.sleep(seconds)
    return "woke"


def hoarding(megabytes, *, on_stage):
    hoard = [bytearray(MB) for _ in range(megabytes)]  # touched: resident, not only reserved
    time.sleep(1)
    return len(hoard)


def failing(*, on_stage):
    raise KeyError("a reader's own bug")


def refusing(*, on_stage):
    raise ReportRejected("Tệp hỏng / damaged")


def test_the_result_and_the_stages_come_back_from_the_child():
    stages = []
    assert run_within_budget(sleeping, 0, budget=Budget(seconds=10, memory_bytes=1024 * MB),
                             on_stage=stages.append) == "woke"
    assert stages == ["decoded"]


def test_past_its_time_the_child_is_stopped_with_a_message():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as refused:
        run_within_budget(sleeping, 30, budget=Budget(seconds=0.5, memory_bytes=1024 * MB))
    assert time.monotonic() - started < 5  # stopped, not waited for
    assert "0.5 s allowed per document" in str(refused.value) and "0.5 giây" in str(refused.value)
    assert "nothing was stored" in str(refused.value)


@pytest.mark.skipif(resident_bytes(os.getpid()) is None, reason="no /proc to read a process's memory from")
def test_past_its_memory_the_child_is_stopped_with_a_message():
    with pytest.raises(BudgetExceeded) as refused:
        run_within_budget(hoarding, 400, budget=Budget(seconds=30, memory_bytes=100 * MB))
    assert "100 MB of memory allowed per document" in str(refused.value) and "bộ nhớ" in str(refused.value)


@pytest.mark.skipif(private_bytes(os.getpid()) is None, reason="no /proc/PID/smaps_rollup")
def test_the_memory_counted_is_the_childs_own_not_what_it_shares_with_its_parent():
    ballast = [bytearray(MB) for _ in range(300)]  # this process's pages, which the child shares
    assert run_within_budget(hoarding, 20, budget=Budget(seconds=30, memory_bytes=200 * MB)) == 20
    assert len(ballast) == 300


def test_the_childs_refusal_and_failure_are_messages():
    budget = Budget(seconds=10, memory_bytes=1024 * MB)
    with pytest.raises(ReportRejected, match="^Tệp hỏng / damaged$"):
        run_within_budget(refusing, budget=budget)
    with pytest.raises(ReportRejected) as failed:
        run_within_budget(failing, budget=budget)
    assert "the reader failed on this report (KeyError: \"a reader's own bug\")" in str(failed.value)
    assert "Traceback" not in str(failed.value)


@pytest.mark.django_db
def test_an_ingest_past_its_budget_writes_nothing(areas, settings, monkeypatch):
    def slow_extract(text, date=None, on_stage=None):
        time.sleep(30)
    monkeypatch.setattr(reading, "extract_document", slow_extract)  # the forked reader inherits it
    settings.REPORT_INGEST_SECONDS = 1
    with pytest.raises(BudgetExceeded, match="over the 1 s allowed per document"):
        document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    assert not Document.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_the_budget_also_bounds_the_checks_in_the_transaction(areas, monkeypatch):
    from reports import quality

    budget = Budget(seconds=30, memory_bytes=1024 * MB)

    def slow_check(**kwargs):
        budget.started -= 60  # a minute passes in this check, after the observations were written
        return []
    monkeypatch.setattr(quality, "document_conflicts_detect", slow_check)
    with pytest.raises(BudgetExceeded, match="over the 30 s allowed"):
        document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes(), budget=budget)
    assert not Document.objects.exists() and not Observation.objects.exists()


class SlowToPickle:
    """A result that takes a while to pickle, as a huge report's hundreds of thousands of facts do."""

    def __reduce__(self):
        time.sleep(0.8)
        return (SlowToPickle, ())


def late_result(*, on_stage):
    time.sleep(0.9)
    return SlowToPickle()


def test_a_result_that_would_arrive_past_the_budget_is_refused_before_it_is_sent():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded, match="took over"):
        run_within_budget(late_result, budget=Budget(seconds=2, memory_bytes=1024 * MB))
    assert time.monotonic() - started < 2.5  # not the budget plus the time to read the result


def test_a_result_that_fits_in_the_budget_still_comes_back():
    assert isinstance(run_within_budget(late_result, budget=Budget(seconds=10, memory_bytes=1024 * MB)), SlowToPickle)
