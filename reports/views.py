"""Upload and data-quality pages: plain function views."""
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from indicators.exports import csv_chunks
from indicators.models import Observation
from indicators.templatetags.labels import pick_language
from indicators.views.responses import bad_request
from reports import audit, jobs, permissions, review, selectors
from reports.bilingual import message_html
from reports.decoding import ReportRejected
from reports.forms import UploadForm
from reports.models import Document, IngestJob
from reports.permissions import NotPermitted
from reports.services import IngestSummary
from reports.warnings import warning_kinds


class HttpResponseSeeOther(HttpResponseRedirect):
    """After a POST, the page to GET (a browser's back button never posts the file again)."""

    status_code = 303


def upload_body_limit() -> int:
    """The most an upload's request body may declare: the report plus the form around it."""
    return settings.REPORT_MAX_BYTES + settings.UPLOAD_OVERHEAD_BYTES


def permission_missing(request: HttpRequest, reason: str) -> HttpResponse:
    """The page a signed-in person sees for what their role does not allow: what, and what they may do."""
    return render(request, "permission_denied.html", {
        "reason": reason, "provinces": permissions.writable_province_names(request.user),
        "national": permissions.writable_province_ids(request.user) is None}, status=403)


def _may_ingest(view):
    """permission_required("reports.ingest_document", raise_exception=True), but answering the 403 itself:
    its PermissionDenied would go to Django's 403 handler, whose CSRF token check reads the request body."""
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not permissions.is_editor(request.user):
            return permission_missing(request, _("Tài khoản này không có quyền tải báo cáo lên."))
        return view(request, *args, **kwargs)
    return checked


def _visible_job(request: HttpRequest, job_id: int, *, defer=("data",)) -> IngestJob:
    """The job, when it is the user's own (a national editor sees every job); else 404."""
    return get_object_or_404(selectors.jobs_visible(request.user).defer(*defer), pk=job_id)


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
                    dry_run=form.cleaned_data["dry_run"], replace=form.cleaned_data["replace"], user=request.user)
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
        "form": form, "waiting": waiting, "jobs": _job_rows(selectors.job_list(user=request.user)),
        "provinces": permissions.writable_province_names(request.user),
        "national": permissions.writable_province_ids(request.user) is None}, status=status)


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
    job = _visible_job(request, job_id)
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
    job = _visible_job(request, job_id, defer=("data", "summary"))
    return JsonResponse(_job_state(job), json_dumps_params={"ensure_ascii": False})


@login_required
@_may_ingest
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _visible_job(request, job_id)
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
    conflicts = selectors.conflict_list(document_id=document_id)
    return render(request, "reports/quality.html", {
        "documents": documents,
        "document_id": document_id,
        "conflicts": conflicts,
        # the conflicts this reader may resolve by choosing a value: those of their provinces
        "resolvable": {index for index, group in enumerate(conflicts)
                       if permissions.may_write_for(request.user, group.area)},
        "warning_groups": warning_groups,
        "warning_kinds": warning_kinds(w.code for group in warning_groups for w in group.warnings),
    })


# --- review: verify, reject, choose a conflict's value ------------------------------------------------

def _back(request: HttpRequest, default: str) -> str:
    """Where the form came from, when it is this site's own page."""
    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/") else default


def _review_refused(request: HttpRequest, exc: ReportRejected) -> HttpResponse:
    if isinstance(exc, NotPermitted):
        return permission_missing(request, message_html(str(exc)))
    return bad_request(str(exc))


def _observation_or_404(observation_id: int) -> Observation:
    return get_object_or_404(Observation.objects.select_related("indicator", "area__parent__parent", "document",
                                                                "reviewed_by"), pk=observation_id)


def observation(request: HttpRequest, observation_id: int) -> HttpResponse:
    """One number: where it was read, its review, and its history; an editor of its province reviews it here."""
    number = _observation_or_404(observation_id)
    may_review = permissions.may_write_for(request.user, number.area)
    # Who changed what, by user name, is for editors; a reader sees the number's state and when it was set.
    is_editor = permissions.is_editor(request.user)
    history = list(audit.audit_entries(kind="observation", object_id=number.pk)) if is_editor else []
    return render(request, "reports/observation.html", {
        "observation": number, "may_review": may_review, "history": history, "is_editor": is_editor,
        "status_label": number.get_status_display()})


@login_required
@_may_ingest
@require_POST
def observation_review(request: HttpRequest, observation_id: int) -> HttpResponse:
    number = _observation_or_404(observation_id)
    try:
        review.observations_review(user=request.user, observations=Observation.objects.filter(pk=number.pk),
                                   status=request.POST.get("status", ""), reason=request.POST.get("reason", ""))
    except ReportRejected as exc:
        return _review_refused(request, exc)
    messages.success(request, _("Đã ghi nhận: %(status)s") % {"status": pick_language(
        dict(Observation.STATUS_CHOICES)[request.POST["status"]])})
    return HttpResponseSeeOther(_back(request, reverse("reports:observation", args=[number.pk])))


@login_required
@_may_ingest
@require_POST
def table_review(request: HttpRequest, document_id: int) -> HttpResponse:
    """Every number of one of the document's tables verified (or rejected) at once."""
    document = get_object_or_404(Document.objects.defer("text"), pk=document_id)
    try:
        count = review.table_review(user=request.user, document=document, source_table=request.POST.get("table", ""),
                                    status=request.POST.get("status", ""), reason=request.POST.get("reason", ""))
    except ReportRejected as exc:
        return _review_refused(request, exc)
    messages.success(request, _("Đã ghi nhận %(count)s số liệu của bảng.") % {"count": count})
    return HttpResponseSeeOther(_back(request, reverse("indicators:document", args=[document.pk])))


@login_required
@_may_ingest
@require_POST
def conflict_choose(request: HttpRequest) -> HttpResponse:
    """A conflict resolved from the quality page: the value chosen verified, the others of its fact rejected."""
    try:
        chosen_id = int(request.POST.get("chosen", ""))
    except ValueError:
        return bad_request(_("Thiếu số liệu được chọn"))
    chosen = _observation_or_404(chosen_id)
    group = next((g for g in selectors.conflict_list(around=chosen) if any(o.pk == chosen_id for o in g.observations)),
                 None)
    if group is None:
        return bad_request(_("Số liệu này không còn mâu thuẫn"))
    try:
        review.conflict_choose(user=request.user, chosen=chosen, group=group.observations)
    except ReportRejected as exc:
        return _review_refused(request, exc)
    messages.success(request, _("Đã chọn giá trị; các giá trị khác được đánh dấu loại bỏ."))
    return HttpResponseSeeOther(_back(request, reverse("reports:quality")))


# --- the audit trail -----------------------------------------------------------------------------------

AUDIT_PER_PAGE = 100
AUDIT_MAX_PAGE = 200  # beyond, the CSV twin has every entry
AUDIT_CSV_HEADER = ("when", "user", "kind", "object_id", "object", "action", "reason", "document_id", "changes")


def _audit_filters(request: HttpRequest) -> dict:
    """?document=ID and ?kind=document|observation; ValueError for anything else."""
    filters = {}
    if request.GET.get("document"):
        filters["document_id"] = int(request.GET["document"])
    kind = request.GET.get("kind") or None
    if kind not in (None, *(a.kind for a in audit.AUDITED)):
        raise ValueError(kind)
    filters["kind"] = kind
    return filters


def _changes_text(entry) -> str:
    return "; ".join(f"{name}: {'' if before is None else before} → {'' if after is None else after}"
                     for name, before, after in entry.changes)


@login_required
@_may_ingest
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Who ingested, replaced, verified or rejected what, and when, newest first."""
    try:
        filters = _audit_filters(request)
        page = int(request.GET.get("page") or 1)
        if not 1 <= page <= AUDIT_MAX_PAGE:
            raise ValueError(page)
    except ValueError:
        return bad_request(_("Tham số không hợp lệ: document là số, kind là document hoặc observation, "
                             "page từ 1 đến %(max)s") % {"max": AUDIT_MAX_PAGE})
    entries, more = audit.audit_page(page=page, per_page=AUDIT_PER_PAGE, **filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/audit.html", {
        "entries": entries, "page": page, "more": more,
        "query": query.urlencode(), "document_id": filters.get("document_id"), "kind": filters["kind"]})


@login_required
@_may_ingest
def audit_trail_csv(request: HttpRequest) -> HttpResponse:
    """The audit page's CSV twin: every entry its filters select, streamed."""
    try:
        filters = _audit_filters(request)
    except ValueError:
        return bad_request(_("Tham số không hợp lệ: document là số, kind là document hoặc observation"))
    rows = ((e.when.isoformat(), e.user, e.kind, e.object_id, e.label, e.action, e.reason, e.document_id or "",
             _changes_text(e)) for e in audit.audit_entries(**filters))
    response = StreamingHttpResponse(csv_chunks(rows, header=AUDIT_CSV_HEADER), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response
