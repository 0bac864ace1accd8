"""Writing the export CSV to a file at the speed of PostgreSQL's COPY.

Python's csv module turns about 40,000 rows a second into text; COPY manages several times that.
On PostgreSQL the export command therefore lets COPY write the file, with the same columns,
formula escaping and number format as indicators.exports (a test holds the two byte for byte).
Web downloads stream through indicators.exports instead: a generator cannot sit inside COPY.
"""
from typing import BinaryIO

from django.db import connection
from django.db.models import F, QuerySet

from indicators.exports import EXPORT_COLUMNS, FORMULA_PREFIXES, HEADER, csv_chunks, export_rows
from indicators.models import Observation

_FORMULA_START = ", ".join("E'" + p.replace("\t", "\\t").replace("\r", "\\r") + "'" for p in FORMULA_PREFIXES)


def _cell(name: str, path: str) -> str:
    column = f't."c_{name}"'
    field = Observation._meta.get_field(path) if "__" not in path else None
    if name == "value":
        return f"trim_scale({column})"  # 1224.0000 -> 1224, as plain_number does
    if name == "in_conflict":
        return f"(CASE WHEN {column} THEN 1 ELSE 0 END)"
    if field is not None and field.get_internal_type() in ("DateField", "PositiveIntegerField", "BigAutoField"):
        return column
    # '' becomes NULL so that COPY writes an empty cell, not "" (csv.writer writes nothing).
    return f"nullif(CASE WHEN left({column}, 1) IN ({_FORMULA_START}) THEN '''' || {column} ELSE {column} END, '')"


def copy_csv(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    columns = queryset.order_by("period_end", "id").values(
        **{f"c_{name}": F(path) for name, path in EXPORT_COLUMNS}
    )
    inner_sql, params = columns.query.sql_with_params()
    select = ", ".join(_cell(name, path) for name, path in EXPORT_COLUMNS)
    out.write(("\ufeff" + ",".join(HEADER) + "\n").encode("utf-8"))
    with connection.cursor() as cursor:
        sql = cursor.mogrify(f"COPY (SELECT {select} FROM ({inner_sql}) AS t) TO STDOUT WITH (FORMAT csv)", params)
        cursor.copy_expert(sql.decode(), out)


def write_export_csv(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    """The export CSV into a binary file: by COPY on PostgreSQL, else streamed by Python."""
    if connection.vendor == "postgresql":
        copy_csv(queryset, out)
        return
    for chunk in csv_chunks(export_rows(queryset)):
        out.write(chunk)
