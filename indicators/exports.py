"""Observation exports: the rows and columns every export shares, streamed so memory stays flat.

A download is what the explorer shows: the FilterSet's rows in its sort (else by period end), the
columns the reader did not hide (`hide=`), and a header in the reader's language (`header=codes` for
the stable English column codes, which JSON and the export_observations command always use)."""
import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from indicators.filters import in_pages
from indicators.models import Observation

# (column name, ORM path) in the order the CSV has them.
EXPORT_COLUMNS = [
    ("indicator_code", "indicator__code"),
    ("indicator_name", "indicator__name_vi"),
    ("family", "indicator__family"),
    ("unit", "indicator__unit"),
    ("area_code", "area__code"),
    ("area_key", "area__key"),
    ("area_name", "area__name"),
    ("area_level", "area__level"),
    ("period_start", "period_start"),
    ("period_end", "period_end"),
    ("value", "value"),
    ("breakdown", "breakdown"),
    ("qualifier", "qualifier"),
    ("status", "status"),
    ("method", "method"),
    ("source_document", "document__file_name"),
    ("source_line", "source_line"),
    ("quote", "quote"),
    ("in_conflict", "in_conflict"),
    ("observation_id", "id"),
]
HEADER = [name for name, _path in EXPORT_COLUMNS]
# A column's header for people, in Vietnamese (English in locale/en); the codes above stay the stable names.
COLUMN_LABELS = {
    "indicator_code": _("Mã chỉ tiêu"),
    "indicator_name": _("Tên chỉ tiêu"),
    "family": _("Nhóm"),
    "unit": _("Đơn vị tính"),
    "area_code": _("Mã địa bàn (Tổng cục Thống kê)"),
    "area_key": _("Khóa địa bàn"),
    "area_name": _("Tên địa bàn"),
    "area_level": _("Cấp"),
    "period_start": _("Từ ngày"),
    "period_end": _("Đến ngày"),
    "value": _("Giá trị"),
    "breakdown": _("Phân tổ"),
    "qualifier": _("Từ kèm theo số"),
    "status": _("Trạng thái"),
    "method": _("Cách trích xuất"),
    "source_document": _("Tài liệu nguồn"),
    "source_line": _("Dòng trong tài liệu"),
    "quote": _("Trích dẫn"),
    "in_conflict": _("Mâu thuẫn giữa các nguồn"),
    "observation_id": _("Mã số liệu"),
}
HEADER_CODES = "codes"
HEADER_STYLES = (HEADER_CODES, "vi", "en")
# The explorer's columns a reader may hide (`hide=`), and the export columns each stands for;
# the period, the value and observation_id are always there.
HIDEABLE_COLUMNS = {
    "indicator": ("indicator_code", "indicator_name", "family"),
    "area": ("area_code", "area_key", "area_name", "area_level"),
    "breakdown": ("breakdown",),
    "status": ("status", "in_conflict"),
    "document": ("method", "source_document", "source_line", "quote"),
}
# The order every export has when the FilterSet gave it none (the command, a chart's data link).
EXPORT_ORDER = ("period_end", "id")
CHUNK_SIZE = 1000
# Excel runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_columns(hidden: Iterable[str] = ()) -> list[tuple[str, str]]:
    """EXPORT_COLUMNS without those of the hidden explorer columns."""
    dropped = {name for column in hidden for name in HIDEABLE_COLUMNS[column]}
    return [(name, path) for name, path in EXPORT_COLUMNS if name not in dropped]


def read_hidden_columns(values: Iterable[str]) -> tuple[str, ...]:
    """`hide=area&hide=document` or `hide=area,document` -> ("area", "document"); ValueError naming
    an unknown one."""
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in HIDEABLE_COLUMNS]
    if unknown:
        raise ValueError(_bad_parameter("hide", ",".join(unknown), HIDEABLE_COLUMNS))
    return tuple(dict.fromkeys(names))


def read_header_style(value: str | None) -> str:
    """`header=codes|vi|en`; absent: the reader's language. ValueError for anything else."""
    if not value:
        return "en" if (translation.get_language() or "vi").startswith("en") else "vi"
    if value not in HEADER_STYLES:
        raise ValueError(_bad_parameter("header", value, HEADER_STYLES))
    return value


def _bad_parameter(parameter: str, value: str, allowed: Iterable[str]) -> str:
    return _("Tham số không hợp lệ: %(parameter)s=%(value)r; hãy dùng %(allowed)s") % {
        "parameter": parameter, "value": value, "allowed": ", ".join(allowed)}


def export_header(columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS, style: str = HEADER_CODES) -> list[str]:
    names = [name for name, _path in columns]
    if style == HEADER_CODES:
        return names
    with translation.override(style):
        return [str(COLUMN_LABELS[name]) for name in names]


def in_export_order(queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    """The FilterSet's sort when it has one (the explorer's order), else EXPORT_ORDER."""
    return queryset if queryset.query.order_by else queryset.order_by(*EXPORT_ORDER)


def export_rows(queryset: QuerySet[Observation],
                columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS) -> Iterator[tuple]:
    """Raw export rows, read in chunks with a server-side cursor where the database has one."""
    return export_values(queryset, columns).iterator(chunk_size=CHUNK_SIZE)


def plain_number(value: Decimal) -> str:
    """1224.0000 -> '1224', 15.1500 -> '15.15': machine-readable, no exponent."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str):
        return escape_formula(value)
    return value if isinstance(value, int) else str(value)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_writer():
    # "\r\n" makes csv quote any field holding "\r"; the line then ends in "\n" as COPY's do.
    return csv.writer(_Echo(), lineterminator="\r\n")


def csv_header_line(header: Sequence[str] = HEADER, *, bom: bool = True) -> str:
    """The first line of every export CSV (COPY's too); the BOM lets Excel on Vietnamese Windows read the text right."""
    return ("\ufeff" if bom else "") + _csv_writer().writerow(header)[:-2] + "\n"


def csv_lines(rows: Iterable[tuple], *, header: Sequence[str] = HEADER, bom: bool = True) -> Iterator[str]:
    """UTF-8 CSV text, one line at a time."""
    writer = _csv_writer()
    yield csv_header_line(header, bom=bom)
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])[:-2] + "\n"


def csv_chunks(rows: Iterable[tuple], *, header: Sequence[str] = HEADER, lines_per_chunk: int = 500) -> Iterator[bytes]:
    """Encoded CSV in chunks of a few hundred lines: few writes, flat memory."""
    buffer = []
    for line in csv_lines(rows, header=header):
        buffer.append(line)
        if len(buffer) >= lines_per_chunk:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode("utf-8")


# --- Excel and JSON twins of the explorer (same rows, same columns as the CSV) ---

# An Excel sheet has 1,048,576 rows; one is the header.
XLSX_MAX_ROWS = 1_048_575
XLSX_DATE_COLUMNS = {"period_start", "period_end"}
XLSX_COLUMN_WIDTHS = {"indicator_name": 40, "area_name": 24, "quote": 60, "source_document": 30, "breakdown": 24}


def export_values(queryset: QuerySet[Observation], columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS) -> QuerySet:
    """The export rows as a (lazy) values_list, in export order: for paging through them."""
    return in_export_order(queryset).values_list(*(path for _name, path in columns))


def export_pages(queryset: QuerySet[Observation], columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS):
    """The export rows to page through (JSON), in export order; the explorer's default order as
    in_pages reads it, without sorting every row for each page."""
    return in_pages(in_export_order(queryset), values=[path for _name, path in columns])


def xlsx_write(rows: Iterable[tuple], *, path: str, columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS,
               header: Sequence[str] | None = None) -> int:
    """Write the rows to an .xlsx file at path: numbers as numbers, dates as dates, text as text
    (never a formula). constant_memory streams rows to disk, so memory stays flat. Returns the row count."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    sheet = workbook.add_worksheet("observations")
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    number_format = workbook.add_format({"num_format": "#,##0.####"})
    names = [name for name, _path in columns]
    for column, (name, title) in enumerate(zip(names, header or names)):
        sheet.set_column(column, column, XLSX_COLUMN_WIDTHS.get(name, 14))
        sheet.write_string(0, column, title, bold)
    sheet.freeze_panes(1, 0)
    kinds = ["date" if name in XLSX_DATE_COLUMNS else "value" if name == "value" else "" for name in names]
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, (kind, cell) in enumerate(zip(kinds, row)):
            if cell is None:
                continue
            if kind == "date":
                sheet.write_datetime(count, column, dt.datetime.combine(cell, dt.time()), date_format)
            elif kind == "value":
                sheet.write_number(count, column, float(cell), number_format)
            elif isinstance(cell, bool):
                sheet.write_boolean(count, column, cell)
            elif isinstance(cell, int):
                sheet.write_number(count, column, cell)
            else:
                sheet.write_string(count, column, str(cell))
    workbook.close()
    return count


def json_value(value):
    """A JSON-ready cell: decimals as numbers (ints when whole), dates as ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def json_row(row: tuple, names: Sequence[str] = HEADER) -> dict:
    return {name: json_value(value) for name, value in zip(names, row)}
