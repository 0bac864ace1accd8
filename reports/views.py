"""Upload and data-quality pages: plain function views."""
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports import selectors
from reports.decoding import ReportRejected
from reports.forms import UploadForm
from reports.services import document_ingest


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
                form.add_error("file", str(exc))
        if not form.is_valid():
            status = 400
    else:
        form = UploadForm()
    return render(request, "reports/upload.html", {"form": form, "summary": summary}, status=status)


def quality(request: HttpRequest) -> HttpResponse:
    documents = selectors.document_choice_list()
    try:
        document_id = int(request.GET.get("document", ""))
    except ValueError:
        document_id = None
    if document_id not in {pk for pk, _ in documents}:
        document_id = None
    return render(request, "reports/quality.html", {
        "documents": documents,
        "document_id": document_id,
        "conflicts": selectors.conflict_list(document_id=document_id),
        "warning_groups": selectors.document_warning_list(document_id=document_id),
    })
