"""Background ingestion: a job stored with its file and queued in django-tasks' database backend, run by
the worker, following its stages; retried when it failed or its worker died; the job's JSON twin."""
import datetime as dt
import threading

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from indicators.models import Observation
from reports import jobs
from reports.decoding import ReportRejected
from reports.models import Document, IngestJob
from reports.services import document_ingest
from tests.test_ingest_service import SAMPLE_001, areas  # noqa: F401 (fixture)
from tests.factories import make_editor

pytestmark = pytest.mark.django_db


def worker(**options) -> Worker:
    """django-tasks' own worker, as `manage.py db_worker` makes it."""
    settings = dict(queue_names=["default"], interval=0.05, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="tests", excluded_queue_names=[])
    return Worker(**{**settings, **options})


def run_jobs() -> int:
    """Run every queued task through the worker's own run_task (its polling loop closes connections,
    which a test's transaction cannot survive; test_the_real_worker runs that loop)."""
    ready = list(DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at"))
    for result in ready:
        result.claim("tests")
        worker().run_task(result)
    return len(ready)


@pytest.fixture
def editor(client):
    user = make_editor(provinces=["24", "52"])  # Bắc Giang, Bình Định: the samples' provinces
    client.force_login(user)
    return user


def test_a_job_stores_the_file_and_queues_its_task_in_one_go(areas):
    data = SAMPLE_001.read_bytes()
    job = jobs.job_create(file_name="/tmp/x/" + SAMPLE_001.name, data=data, province="Bình Định")
    assert (job.file_name, job.status, job.stage, job.progress) == (SAMPLE_001.name, "queued", "", 0)
    assert bytes(IngestJob.objects.get().data) == data and not Document.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.READY and task.args_kwargs["args"] == [job.pk]
    assert task.task_path == "reports.tasks.ingest_job_run"


def test_the_worker_ingests_the_job_and_keeps_its_summary(areas, editor):
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes(), user=editor)
    assert run_jobs() == 1
    job.refresh_from_db()
    document = Document.objects.get()
    assert (job.status, job.stage, job.progress, job.attempts) == ("succeeded", "stored", 100, 1)
    assert job.document == document and document.ingested_by == editor and bytes(job.data) == b""
    assert job.summary["outcome"] == "created" and job.summary["document_id"] == document.pk
    assert sum(job.summary["observations_by_family"].values()) == document.observations.count()
    assert job.started_at <= job.finished_at
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_ingest_reports_its_stages_in_order(areas):
    stages = []
    document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes(), on_stage=stages.append)
    assert stages == ["decoded", "tables", "narrative", "checks"]


def test_a_job_follows_the_stages_as_the_worker_reaches_them(areas, monkeypatch):
    seen = []
    real_ingest = jobs.document_ingest

    def ingest(**options):
        def on_stage(stage):
            options["on_stage"](stage)
            seen.append(IngestJob.objects.values_list("status", "stage").get())  # as the page reads it
        return real_ingest(**{**options, "on_stage": on_stage})
    monkeypatch.setattr(jobs, "document_ingest", ingest)
    jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    run_jobs()
    assert seen == [("running", "decoded"), ("running", "tables"), ("running", "narrative"), ("running", "checks")]
    assert IngestJob.objects.values_list("status", "stage").get() == ("succeeded", "stored")


@pytest.mark.parametrize("status, stage, reached", [
    ("queued", "", []),
    ("running", "decoded", ["decoded"]),
    ("running", "narrative", ["decoded", "tables", "narrative"]),
    ("failed", "tables", ["decoded", "tables"]),  # where it got to before it failed
    ("succeeded", "stored", ["decoded", "tables", "narrative", "checks", "stored"]),
])
def test_the_stages_a_job_has_reached(status, stage, reached):
    assert jobs.job_stages_reached(IngestJob(status=status, stage=stage)) == reached


def test_a_refused_file_fails_its_job_with_the_message_and_keeps_the_bytes(areas):
    job = jobs.job_create(file_name="binary.txt", data=b"\x00\x01\x02" * 10)
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and "binary" in job.message and " / " in job.message
    assert job.progress == 100 and bytes(job.data) == b"\x00\x01\x02" * 10 and not Document.objects.exists()
    assert jobs.job_retryable(job)


def test_a_failed_job_retried_succeeds_once_the_cause_is_gone(areas, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("database or disk is full")
    monkeypatch.setattr(Observation.objects, "bulk_create", fail)
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and "database or disk is full" in job.message
    monkeypatch.undo()
    assert jobs.job_retry(job)
    job.refresh_from_db()
    assert (job.status, job.stage, job.message) == ("queued", "", "")
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("succeeded", 2) and Document.objects.count() == 1
    assert not jobs.job_retry(job)  # done: nothing to retry


def test_a_job_whose_worker_died_is_stalled_and_retryable(areas, settings):
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    IngestJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now())
    job.refresh_from_db()
    assert not jobs.job_stalled(job) and not jobs.job_retryable(job)
    later = job.started_at + dt.timedelta(seconds=settings.REPORT_INGEST_SECONDS * jobs.STALLED_AFTER_BUDGETS + 1)
    assert jobs.job_stalled(job, now=later)
    IngestJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - dt.timedelta(hours=1))
    job.refresh_from_db()
    assert jobs.job_retryable(job)
    # a stalled job no longer holds its bytes: the same file may be uploaded again
    assert jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes()).pk != job.pk


def test_the_same_bytes_while_a_job_waits_are_refused(areas):
    waiting = jobs.job_create(file_name="a.txt", data=SAMPLE_001.read_bytes())
    with pytest.raises(jobs.AlreadyQueued) as refused:
        jobs.job_create(file_name="b.txt", data=SAMPLE_001.read_bytes())
    assert refused.value.status == 409 and refused.value.job == waiting and "job #" in str(refused.value)
    assert IngestJob.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_an_empty_file_makes_no_job():
    with pytest.raises(ReportRejected, match="the file is empty"):
        jobs.job_create(file_name="empty.txt", data=b"")
    assert not IngestJob.objects.exists() and not DBTaskResult.objects.exists()


def test_a_finished_job_run_again_changes_nothing(areas):
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    run_jobs()
    job.refresh_from_db()
    jobs.job_run(job_id=job.pk)
    jobs.job_run(job_id=10 ** 6)  # a task whose job was deleted
    again = IngestJob.objects.get(pk=job.pk)
    assert (again.attempts, again.finished_at, again.status) == (1, job.finished_at, "succeeded")


def test_the_job_page_json_twin_and_retry_button(client, editor, areas):
    job = jobs.job_create(file_name="binary.txt", data=b"\x00\x01" * 50, user=editor)
    state = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert state["status"] == "queued" and state["progress"] == 0 and not state["finished"]
    assert state["stage_label"] == "Đang chờ máy xử lý" and state["stages_reached"] == []
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "js/ingest_job.js" in page and 'data-status="queued"' in page and "Thử lại" not in page
    run_jobs()
    client.cookies["django_language"] = "en"
    state = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert state["finished"] and state["retryable"] and state["status_label"] == "Failed"
    assert "binary" in state["message"]
    response = client.post(reverse("reports:job_retry", args=[job.pk]))
    assert response.status_code == 303 and IngestJob.objects.get().status == "queued"
    assert client.post(reverse("reports:job_retry", args=[job.pk])).status_code == 409  # queued: not now


def test_job_pages_are_for_editors_only(client, areas):
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    for name in ("reports:job", "reports:job_status"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 302
    client.force_login(User.objects.create_user("reader", password="x"))
    for name in ("reports:job", "reports:job_status"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 403
    assert client.post(reverse("reports:job_retry", args=[job.pk])).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_runs_a_queued_job(gazetteer):
    """django-tasks' worker loop, in a thread with its own connection, as `manage.py db_worker` runs it."""
    job = jobs.job_create(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())

    def work():
        try:
            worker().run()  # batch: returns once nothing is left to run
        finally:
            connection.close()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    job.refresh_from_db()
    assert job.status == "succeeded" and Document.objects.get().pk == job.document_id
