"""Upload and data-quality pages: plain function views."""
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from reports import selectors
from reports.bilingual import message_html
from reports.decoding import ReportRejected
from reports.forms import UploadForm
from reports.services import AlreadyIngesting, IngestFailed, document_ingest
from reports.warnings import warning_kinds


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
    summary = None
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                summary = document_ingest(
                    file_name=uploaded.name, data=uploaded.read(), province=form.cleaned_data["province"] or None,
                    district=form.cleaned_data["district"] or None, date=form.cleaned_data["date"], user=request.user,
                    dry_run=form.cleaned_data["dry_run"])
            except ReportRejected as exc:
                # The refusal is written in both languages: the reader gets theirs. A database failure is a
                # 400 (nothing was written; try again), another ingest of the same file stored first a 409.
                form.add_error("file", message_html(str(exc)))
                if isinstance(exc, (AlreadyIngesting, IngestFailed)):
                    status = exc.status
        if not form.is_valid():
            status = status if status != 200 else 400
    else:
        form = UploadForm()
    notice = message_html(summary.nothing_stored_text) if summary is not None and summary.nothing_stored else None
    return render(request, "reports/upload.html", {"form": form, "summary": summary, "notice": notice},
                  status=status)


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
