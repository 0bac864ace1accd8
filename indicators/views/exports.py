"""The explorer's twins: the same filtered rows as CSV (streamed), Excel and paged JSON."""
import os
import tempfile

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from indicators.exports import XLSX_MAX_ROWS, export_rows, export_values, json_row, xlsx_write
from indicators.exports_postgres import export_csv_chunks
from indicators.filters import ObservationFilterSet, filter_errors_text
from indicators.models import Observation
from indicators.paging import CappedPaginator, count_up_to
from indicators.views.responses import bad_request

JSON_PAGE_SIZE, JSON_MAX_PAGE_SIZE = 100, 1000


def filtered_observations(request) -> tuple[object, str]:
    """(queryset, error): the rows the explorer shows for this query string, or why it is wrong."""
    filterset = ObservationFilterSet(request.GET, queryset=Observation.objects.all())
    if not filterset.is_valid():
        return None, _("Bộ lọc không hợp lệ: %(errors)s") % {"errors": filter_errors_text(filterset)}
    return filterset.qs, ""


def export_file_name(request, extension: str) -> str:
    parts = ["observations", *(request.GET.get(name, "") for name in ("area", "indicator", "term"))]
    stem = "-".join(p for p in parts if p).replace("/", "_").replace('"', "")
    return f"{stem}.{extension}"


def observations_csv(request):
    """Exactly the filtered rows, streamed: memory stays flat for any number of rows."""
    queryset, error = filtered_observations(request)
    if error:
        return bad_request(error)
    response = StreamingHttpResponse(export_csv_chunks(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(request, "csv")}"'
    return response


def observations_xlsx(request):
    """The filtered rows as an Excel sheet with typed cells, refused beyond one sheet's rows."""
    queryset, error = filtered_observations(request)
    if error:
        return bad_request(error)
    if count_up_to(queryset, XLSX_MAX_ROWS) > XLSX_MAX_ROWS:
        return bad_request(_(
            "Quá nhiều dòng cho một trang tính Excel: hơn %(limit)s dòng. "
            "Hãy thu hẹp bộ lọc hoặc tải CSV."
        ) % {"limit": XLSX_MAX_ROWS})
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        xlsx_write(export_rows(queryset), path=path)
        # Opened before the unlink: the open file outlives its name and is freed once sent.
        stream = open(path, "rb")
    finally:
        os.unlink(path)
    return FileResponse(
        stream, as_attachment=True, filename=export_file_name(request, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def observations_json(request):
    """The filtered rows as JSON objects, a page at a time, with links to the neighbouring pages."""
    queryset, error = filtered_observations(request)
    if error:
        return JsonResponse({"error": error}, status=400)
    try:
        page_size = min(max(int(request.GET.get("page_size", JSON_PAGE_SIZE)), 1), JSON_MAX_PAGE_SIZE)
        page = CappedPaginator(export_values(queryset), page_size).page(request.GET.get("page", 1))
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
        "rows": [json_row(row) for row in page.object_list],
    }, json_dumps_params={"ensure_ascii": False})
