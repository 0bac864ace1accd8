"""Upload and data-quality pages: plain function views."""
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from reports import jobs, selectors
from reports.bilingual import message_html
from reports.decoding import ReportRejected
from reports.forms import UploadForm
from reports.models import IngestJob
from reports.services import IngestSummary
from reports.warnings import warning_kinds


class HttpResponseSeeOther(HttpResponseRedirect):
    """After a POST, the page to GET (a browser's back button never posts the file again)."""

    status_code = 303


def upload_body_limit() -> int:
    """The most an upload's request body may declare: the report plus the form around it."""
    return settings.REPORT_MAX_BYTES + settings.UPLOAD_OVERHEAD_BYTES


def _may_ingest(view):
    """permission_required("reports.ingest_document", raise_exception=True), but answering the 403 itself:
    its PermissionDenied would go to Django's 403 handler, whose CSRF token check reads the request body."""
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("reports.ingest_document"):
            return HttpResponseForbidden(
                "Bạn không có quyền tải báo cáo lên / you may not upload reports\n",
                content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)
    return checked


def _body_within_limit(view):
    """Refuse a request body by its declared length (CONTENT_LENGTH), before a byte of it is read."""
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > upload_body_limit():
            refusal = _("Tệp quá lớn (tối đa %(limit)s)") % {"limit": filesizeformat(settings.REPORT_MAX_BYTES)}
            return render(request, "reports/upload.html", {"form": UploadForm(), "refusal": refusal},
                          status=413 if length > 0 else 400)
        return view(request, *args, **kwargs)
    return checked


# The order is the point: who is asking (a session cookie), then the body's declared size, and only then
# the CSRF check, which reads request.POST (parsing the body). CsrfViewMiddleware would read it before
# any of these, so the middleware is told to skip this view and csrf_protect runs here instead.
@csrf_exempt
@login_required
@_may_ingest
@_body_within_limit
@csrf_protect
def upload(request: HttpRequest) -> HttpResponse:
    """The file is stored with its job and the editor sent to the job's page at once; a worker ingests it."""
    status, waiting = 200, None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                job = jobs.job_create(
                    file_name=uploaded.name, data=uploaded.read(), province=form.cleaned_data["province"],
                    district=form.cleaned_data["district"], date=form.cleaned_data["date"],
                    dry_run=form.cleaned_data["dry_run"], user=request.user)
            except ReportRejected as exc:
                # The refusal is written in both languages: the reader gets theirs. The same bytes already
                # waiting or being read: a 409, and a link to that job.
                form.add_error("file", message_html(str(exc)))
                status, waiting = getattr(exc, "status", 400), getattr(exc, "job", None)
            else:
                return HttpResponseSeeOther(reverse("reports:job", args=[job.pk]))
        status = status if status != 200 else 400
    else:
        form = UploadForm()
    return render(request, "reports/upload.html", {
        "form": form, "waiting": waiting, "jobs": _job_rows(selectors.job_list())}, status=status)


def _job_rows(job_list) -> list[dict]:
    return [{"job": job, "status_label": jobs.STATUS_LABELS[job.status], "stalled": jobs.job_stalled(job)}
            for job in job_list]


def _job_state(job: IngestJob) -> dict:
    """What the job page and its JSON twin say of a job."""
    stalled = jobs.job_stalled(job)
    return {
        "id": job.pk, "file_name": job.file_name, "status": job.status, "status_label": str(jobs.STATUS_LABELS[job.status]),
        "stage": job.stage, "stage_label": str(jobs.STAGE_LABELS[job.stage]), "progress": job.progress,
        "stages_reached": jobs.job_stages_reached(job),
        "finished": job.finished, "stalled": stalled, "retryable": jobs.job_retryable(job, stalled=stalled),
        "message": message_html(job.message) if job.message else "", "attempts": job.attempts,
        "document_url": reverse("indicators:document", args=[job.document_id]) if job.document_id else None,
    }


@login_required
@_may_ingest
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(IngestJob.objects.defer("data"), pk=job_id)
    summary = IngestSummary.from_json(job.summary) if job.summary else None
    notice = message_html(summary.nothing_stored_text) if summary is not None and summary.nothing_stored else None
    state = _job_state(job)
    stages = [{"code": code, "label": label, "reached": code in state["stages_reached"]}
              for code, label in jobs.STAGE_LABELS.items() if code]
    return render(request, "reports/job.html", {
        "job": job, "state": state, "stages": stages, "summary": summary, "notice": notice})


@login_required
@_may_ingest
def job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    """The job page's JSON twin, which the page polls while the job runs."""
    job = get_object_or_404(IngestJob.objects.defer("data", "summary"), pk=job_id)
    return JsonResponse(_job_state(job), json_dumps_params={"ensure_ascii": False})


@login_required
@_may_ingest
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(IngestJob.objects.defer("data"), pk=job_id)
    if not jobs.job_retry(job):
        return HttpResponse(_("Chỉ thử lại được lượt nhập thất bại hoặc bị treo") + "\n", status=409,
                            content_type="text/plain; charset=utf-8")
    return HttpResponseSeeOther(reverse("reports:job", args=[job.pk]))


def selected_document_id(request: HttpRequest, documents: list[tuple[int, str]]) -> int | None:
    """?document= when it names a stored document; anything else shows every document."""
    try:
        document_id = int(request.GET.get("document", ""))
    except ValueError:
        return None
    return document_id if document_id in {pk for pk, _ in documents} else None


def quality(request: HttpRequest) -> HttpResponse:
    documents = selectors.document_choice_list()
    document_id = selected_document_id(request, documents)
    warning_groups = selectors.document_warning_list(document_id=document_id)
    return render(request, "reports/quality.html", {
        "documents": documents,
        "document_id": document_id,
        "conflicts": selectors.conflict_list(document_id=document_id),
        "warning_groups": warning_groups,
        "warning_kinds": warning_kinds(w.code for group in warning_groups for w in group.warnings),
    })
