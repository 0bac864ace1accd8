"""Observation exports: the rows and columns every export shares, streamed so memory stays flat."""
import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import QuerySet

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
HEADER = [name for name, _ in EXPORT_COLUMNS]
CHUNK_SIZE = 1000
# Excel runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_rows(queryset: QuerySet[Observation]) -> Iterator[tuple]:
    """Raw export rows, read in chunks with a server-side cursor where the database has one."""
    ordered = queryset.order_by("period_end", "id")
    return ordered.values_list(*(path for _, path in EXPORT_COLUMNS)).iterator(chunk_size=CHUNK_SIZE)


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


def csv_lines(rows: Iterable[tuple], *, bom: bool = True) -> Iterator[str]:
    """UTF-8 CSV text, one line at a time; the BOM lets Excel on Vietnamese Windows read the text right."""
    # "\r\n" makes csv quote any field holding "\r"; the line then ends in "\n" as COPY's do.
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(HEADER)[:-2] + "\n"
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])[:-2] + "\n"


def csv_chunks(rows: Iterable[tuple], *, lines_per_chunk: int = 500) -> Iterator[bytes]:
    """Encoded CSV in chunks of a few hundred lines: few writes, flat memory."""
    buffer = []
    for line in csv_lines(rows):
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


def export_values(queryset: QuerySet[Observation]) -> QuerySet:
    """The export rows as a (lazy) values_list, in export order: for paging through them."""
    return queryset.order_by("period_end", "id").values_list(*(path for _, path in EXPORT_COLUMNS))


def xlsx_write(rows: Iterable[tuple], *, path: str) -> int:
    """Write the rows to an .xlsx file at path: numbers as numbers, dates as dates, text as text
    (never a formula). constant_memory streams rows to disk, so memory stays flat. Returns the row count."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    sheet = workbook.add_worksheet("observations")
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    number_format = workbook.add_format({"num_format": "#,##0.####"})
    for column, name in enumerate(HEADER):
        sheet.set_column(column, column, XLSX_COLUMN_WIDTHS.get(name, 14))
        sheet.write_string(0, column, name, bold)
    sheet.freeze_panes(1, 0)
    kinds = ["date" if name in XLSX_DATE_COLUMNS else "value" if name == "value" else "" for name in HEADER]
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


def json_row(row: tuple) -> dict:
    return {name: json_value(value) for name, value in zip(HEADER, row)}
