"""Upload and data-quality pages: plain function views."""
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports import selectors
from reports.bilingual import message_html
from reports.decoding import ReportRejected
from reports.forms import UploadForm
from reports.services import document_ingest
from reports.warnings import warning_kinds


@login_required
@permission_required("reports.ingest_document", raise_exception=True)
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
                # The refusal is written in both languages: the reader gets theirs.
                form.add_error("file", message_html(str(exc)))
        if not form.is_valid():
            status = 400
    else:
        form = UploadForm()
    return render(request, "reports/upload.html", {"form": form, "summary": summary}, status=status)


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
