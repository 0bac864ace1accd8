"""The explorer's twins: the same filtered rows as CSV (streamed), Excel and paged JSON.

Each takes the explorer's query string: its filters and sort (the rows, in the page's order), `hide=`
(the columns the page does not show) and, for CSV and Excel, `header=codes|vi|en` (the header row;
the reader's language when absent). JSON always keys its rows by the column codes."""
import os
import tempfile
from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from indicators.exports import (
    XLSX_MAX_ROWS,
    export_columns,
    export_header,
    export_pages,
    export_rows,
    json_row,
    read_header_style,
    read_hidden_columns,
    xlsx_write,
)
from indicators.exports_postgres import export_csv_chunks
from indicators.filters import ObservationFilterSet, filter_errors_text
from indicators.models import Observation
from indicators.paging import CappedPaginator, count_up_to
from indicators.views.responses import bad_request

JSON_PAGE_SIZE, JSON_MAX_PAGE_SIZE = 100, 1000


def valid_filterset(request) -> tuple[ObservationFilterSet | None, str]:
    """(filterset, error): the explorer's filters and sort for this query string, or why they are wrong."""
    filterset = ObservationFilterSet(request.GET, queryset=Observation.objects.all())
    if not filterset.is_valid():
        return None, _("Bộ lọc không hợp lệ: %(errors)s") % {"errors": filter_errors_text(filterset)}
    return filterset, ""


@dataclass(frozen=True)
class ExportLayout:
    columns: list[tuple[str, str]]  # (code, ORM path) of each column, in order
    header: list[str]  # what the first row says of each


def export_layout(request) -> tuple[ExportLayout | None, str]:
    """(layout, error): the columns the page shows and the header the reader asked for, or why not."""
    try:
        columns = export_columns(read_hidden_columns(request.GET.getlist("hide")))
        style = read_header_style(request.GET.get("header"))
    except ValueError as error:
        return None, str(error)
    return ExportLayout(columns=columns, header=export_header(columns, style)), ""


def export_file_name(filterset: ObservationFilterSet, extension: str) -> str:
    """observations-24-party.members.total.csv: an area typed by name is named by its key here too."""
    chosen = filterset.form.cleaned_data
    area, indicator, term = (chosen.get(name) for name in ("area", "indicator", "term"))
    parts = ["observations", area.key if area else "", indicator.code if indicator else "", term.label if term else ""]
    stem = "-".join(p for p in parts if p).replace("/", "_").replace('"', "")
    return f"{stem}.{extension}"


def observations_csv(request):
    """Exactly the filtered rows, streamed: memory stays flat for any number of rows."""
    filterset, error = valid_filterset(request)
    layout, layout_error = export_layout(request)
    if error or layout_error:
        return bad_request(error or layout_error)
    chunks = export_csv_chunks(filterset.qs, columns=layout.columns, header=layout.header)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(filterset, "csv")}"'
    return response


def observations_xlsx(request):
    """The filtered rows as an Excel sheet with typed cells, refused beyond one sheet's rows."""
    filterset, error = valid_filterset(request)
    layout, layout_error = export_layout(request)
    if error or layout_error:
        return bad_request(error or layout_error)
    queryset = filterset.qs
    if count_up_to(queryset, XLSX_MAX_ROWS) > XLSX_MAX_ROWS:
        return bad_request(_(
            "Quá nhiều dòng cho một trang tính Excel: hơn %(limit)s dòng. "
            "Hãy thu hẹp bộ lọc hoặc tải CSV."
        ) % {"limit": XLSX_MAX_ROWS})
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        xlsx_write(export_rows(queryset, layout.columns), path=path, columns=layout.columns, header=layout.header)
        # Opened before the unlink: the open file outlives its name and is freed once sent.
        stream = open(path, "rb")
    finally:
        os.unlink(path)
    return FileResponse(
        stream, as_attachment=True, filename=export_file_name(filterset, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def observations_json(request):
    """The filtered rows as JSON objects, a page at a time, with links to the neighbouring pages."""
    filterset, error = valid_filterset(request)
    layout, layout_error = export_layout(request)
    if error or layout_error:
        return JsonResponse({"error": error or layout_error}, status=400)
    queryset, codes = filterset.qs, [name for name, _path in layout.columns]
    try:
        page_size = min(max(int(request.GET.get("page_size", JSON_PAGE_SIZE)), 1), JSON_MAX_PAGE_SIZE)
        page = CappedPaginator(export_pages(queryset, layout.columns), page_size).page(request.GET.get("page", 1))
    except (ValueError, PageNotAnInteger):
        return JsonResponse({"error": _("page và page_size phải là số nguyên dương")}, status=400)
    except EmptyPage:
        return JsonResponse({"error": _("Không có trang này")}, status=404)

    def page_url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse({
        "count": page.paginator.count,
        "count_capped": page.paginator.count_capped,  # true: there are more rows than "count"
        "page": page.number,
        "page_size": page_size,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "rows": [json_row(row, codes) for row in page.object_list],
    }, json_dumps_params={"ensure_ascii": False})
