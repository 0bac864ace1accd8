"""Writing the export CSV at the speed of PostgreSQL's COPY.

Python's csv module turns about 40,000 rows a second into text; COPY manages several times that.
On PostgreSQL the export command therefore lets COPY write the file, and web downloads stream it
batch by batch (a generator cannot sit inside one COPY), with the same columns, formula escaping
and number format as indicators.exports (a test holds them byte for byte).
"""
import io
from collections.abc import Iterator
from typing import BinaryIO

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Mod, RowNumber

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


# Rows per COPY of a web download: a batch of this many rows is what the server holds in memory (a few MB).
COPY_BATCH_ROWS = 50_000
_HEADER_BYTES = ("\ufeff" + ",".join(HEADER) + "\n").encode("utf-8")


def copy_csv(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    out.write(_HEADER_BYTES)
    _copy_rows(queryset, out)


def copy_csv_chunks(queryset: QuerySet[Observation]) -> Iterator[bytes]:
    """The export CSV in chunks for a streamed response: each the COPY of the next COPY_BATCH_ROWS rows
    in the export's order (period_end, id). The cuts between batches come from one pass over the rows'
    keys, so no batch re-reads the rows before it; all batches read one snapshot of the data, so a
    report ingested meanwhile is in the file wholly or not at all."""
    yield _HEADER_BYTES
    if connection.in_atomic_block:  # inside a caller's transaction (tests): its snapshot is the one
        yield from _copy_batches(queryset)
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield from _copy_batches(queryset)


def _copy_batches(queryset: QuerySet[Observation]) -> Iterator[bytes]:
    ends = _batch_ends(queryset)
    ordered = queryset.order_by("period_end", "id")
    after = None
    for last in [*ends, None]:
        # The plain date bounds say the same as the (date, id) ones, in a form the date index can serve.
        batch = ordered if after is None else ordered.filter(
            Q(period_end__gt=after[0]) | Q(period_end=after[0], id__gt=after[1]), period_end__gte=after[0])
        if last is not None:
            batch = batch.filter(Q(period_end__lt=last[0]) | Q(period_end=last[0], id__lte=last[1]),
                                 period_end__lte=last[0])
        out = io.BytesIO()
        _copy_rows(batch, out)
        if out.tell():
            yield out.getvalue()
        after = last


def _batch_ends(queryset: QuerySet[Observation]) -> list[tuple]:
    """(period_end, id) of every COPY_BATCH_ROWS-th row in the export's order: one query."""
    position = Window(RowNumber(), order_by=(F("period_end").asc(), F("id").asc()))
    return list(
        queryset.order_by().annotate(position=position).annotate(cut=Mod("position", COPY_BATCH_ROWS))
        .filter(cut=0).order_by("period_end", "id").values_list("period_end", "id")
    )


def _copy_rows(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    columns = queryset.order_by("period_end", "id").values(
        **{f"c_{name}": F(path) for name, path in EXPORT_COLUMNS}
    )
    try:
        inner_sql, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing ("id__in=[]"): no rows to copy
        return
    select = ", ".join(_cell(name, path) for name, path in EXPORT_COLUMNS)
    with connection.cursor() as cursor:
        sql = cursor.mogrify(f"COPY (SELECT {select} FROM ({inner_sql}) AS t) TO STDOUT WITH (FORMAT csv)", params)
        cursor.copy_expert(sql.decode(), out)


def export_csv_chunks(queryset: QuerySet[Observation]) -> Iterator[bytes]:
    """The export CSV for a streamed response: COPY's batches on PostgreSQL, else Python's rows."""
    if connection.vendor == "postgresql":
        return copy_csv_chunks(queryset)
    return csv_chunks(export_rows(queryset))


def write_export_csv(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    """The export CSV into a binary file: by COPY on PostgreSQL, else streamed by Python."""
    if connection.vendor == "postgresql":
        copy_csv(queryset, out)
        return
    for chunk in csv_chunks(export_rows(queryset)):
        out.write(chunk)
