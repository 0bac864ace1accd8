"""Uploads ingested in the background: a job is created with the file, a worker runs it, the page follows it.

Services that write (create, run, retry) and the job's own rules (when it is stalled, when it may be
retried); reports/tasks.py is the task the worker runs, reports/views.py the pages.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.decoding import ReportRejected, report_size_check
from reports.models import IngestJob
from reports.services import document_ingest

logger = logging.getLogger(__name__)

# What each stage of IngestJob.STAGES means to the editor following it, in order.
STAGE_LABELS = {
    "": _("Đang chờ máy xử lý"),
    "decoded": _("Đã đọc tệp"),
    "tables": _("Đã đọc các bảng"),
    "narrative": _("Đã đọc lời văn"),
    "checks": _("Đang lưu và kiểm tra"),
    "stored": _("Đã lưu"),
}
STATUS_LABELS = {
    IngestJob.QUEUED: _("Đang chờ"),
    IngestJob.RUNNING: _("Đang nhập"),
    IngestJob.SUCCEEDED: _("Xong"),
    IngestJob.FAILED: _("Thất bại"),
}
# A job "running" this long past its budget lost its worker (killed, machine restarted): it may be retried.
STALLED_AFTER_BUDGETS = 2


class AlreadyQueued(ReportRejected):
    """The same bytes are already waiting for or going through ingestion."""

    status = 409

    def __init__(self, message: str, job: IngestJob):
        super().__init__(message)
        self.job = job


def job_stalled(job: IngestJob, *, now: dt.datetime | None = None) -> bool:
    if job.status != IngestJob.RUNNING or job.started_at is None:
        return False
    limit = dt.timedelta(seconds=settings.REPORT_INGEST_SECONDS * STALLED_AFTER_BUDGETS)
    return (now or timezone.now()) - job.started_at > limit


def job_retryable(job: IngestJob, *, stalled: bool | None = None) -> bool:
    return job.status == IngestJob.FAILED or (job_stalled(job) if stalled is None else stalled)


def job_stages_reached(job: IngestJob) -> list[str]:
    """The stages the job has got to: all once it succeeded, else those up to the one it reported."""
    stages = [code for code in IngestJob.STAGES if code]
    if job.status == IngestJob.SUCCEEDED:
        return stages
    return stages[:IngestJob.STAGES.index(job.stage)] if job.stage else []


def pending_job(sha256: str) -> IngestJob | None:
    """A job of these bytes still to finish (and not stalled)."""
    for job in IngestJob.objects.filter(sha256=sha256, status__in=[IngestJob.QUEUED, IngestJob.RUNNING]):
        if not job_stalled(job):
            return job
    return None


def job_create(*, file_name: str, data: bytes, province: str = "", district: str = "", date: dt.date | None = None,
               dry_run: bool = False, replace: bool = False, user=None) -> IngestJob:
    """Store the upload and queue its ingest, in one transaction; ReportRejected for an empty or oversized
    file, AlreadyQueued (409) when the same bytes are already waiting or being read."""
    report_size_check(size=len(data))
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        waiting = pending_job(sha256)
        if waiting is not None:
            raise AlreadyQueued(
                f"Tệp này đang được nhập (“{waiting.file_name}”, lượt #{waiting.pk}), không thêm lượt mới / "
                f"this file is already being ingested (“{waiting.file_name}”, job #{waiting.pk}): "
                f"no new job was added", waiting)
        job = IngestJob.objects.create(
            file_name=PurePath(file_name).name, sha256=sha256, size_bytes=len(data), data=data, province=province,
            district=district, date=date, dry_run=dry_run, replace=replace,
            created_by=user if user and user.is_authenticated else None)
        _enqueue(job)
    return job


def job_retry(job: IngestJob) -> bool:
    """Queue a failed or stalled job again; False (nothing changed) for any other."""
    if not job_retryable(job):
        return False
    with transaction.atomic():
        IngestJob.objects.filter(pk=job.pk).update(
            status=IngestJob.QUEUED, stage="", message="", started_at=None, finished_at=None)
        _enqueue(job)
    return True


def _enqueue(job: IngestJob) -> None:
    from reports.tasks import ingest_job_run  # the task module imports this one
    # In the job's own transaction: both rows are written, or neither.
    ingest_job_run.enqueue(job.pk)


def job_run(*, job_id: int) -> None:
    """The worker's part: ingest the job's file, telling the job each stage reached; the job ends
    succeeded (with its summary) or failed (with the message); a finished job is left alone."""
    job = IngestJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.finished:
        return
    jobs = IngestJob.objects.filter(pk=job.pk)
    jobs.update(status=IngestJob.RUNNING, stage="", started_at=timezone.now(), attempts=F("attempts") + 1)

    def on_stage(stage: str) -> None:
        jobs.update(stage=stage)

    try:
        summary = document_ingest(
            file_name=job.file_name, data=bytes(job.data), province=job.province or None,
            district=job.district or None, date=job.date, user=job.created_by, dry_run=job.dry_run,
            replace=job.replace, on_stage=on_stage)
    except ReportRejected as exc:
        jobs.update(status=IngestJob.FAILED, message=str(exc), finished_at=timezone.now())
        return
    except Exception as exc:  # a bug: the job says so, the worker's log has the traceback
        logger.exception("ingest job %s failed unexpectedly", job.pk)
        jobs.update(status=IngestJob.FAILED, finished_at=timezone.now(), message=(
            f"Lỗi không lường trước ({exc.__class__.__name__}), không lưu gì / an unexpected error "
            f"({exc.__class__.__name__}): nothing was stored"))
        return
    # Done: the bytes are no longer needed (the document keeps its text); a dry run keeps nothing either.
    jobs.update(status=IngestJob.SUCCEEDED, stage="stored", summary=summary.as_json(), data=b"",
                document_id=None if summary.dry_run else summary.document_id, finished_at=timezone.now())
