"""Writing the export CSV at the speed of PostgreSQL's COPY.

Python's csv module turns about 40,000 rows a second into text; COPY manages several times that.
On PostgreSQL the export command therefore lets COPY write the file, and web downloads stream it
batch by batch (a generator cannot sit inside one COPY), with the same columns, header, formula
escaping and number format as indicators.exports (a test holds them byte for byte). Batches are cut by
(period_end, id), which the index serves in either direction; a download sorted by another column is
one sorted read streamed by Python instead.
"""
import io
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Mod, RowNumber

from indicators.exports import (
    EXPORT_COLUMNS,
    EXPORT_ORDER,
    FORMULA_PREFIXES,
    HEADER,
    csv_chunks,
    csv_header_line,
    export_rows,
    in_export_order,
)
from indicators.filters import GOALS, NEWEST_FIRST_ORDER
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
# The orders the (period_end, id) index serves, so that each batch reads only its own rows; the
# explorer's newest-first order is that index read backwards, results, then goals.
_INDEX_ORDERS = {EXPORT_ORDER: False, tuple(f"-{key}" for key in EXPORT_ORDER): True}
_GOAL_FLAG = NEWEST_FIRST_ORDER[0]


def _header_bytes(header: Sequence[str]) -> bytes:
    return csv_header_line(header).encode("utf-8")


def copy_csv(queryset: QuerySet[Observation], out: BinaryIO, *, columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS,
             header: Sequence[str] = HEADER) -> None:
    """The whole export in one COPY, in the queryset's export order (any order: one COPY sorts once)."""
    out.write(_header_bytes(header))
    _copy_rows(in_export_order(queryset), out, columns)


def batched_parts(queryset: QuerySet[Observation]) -> list[tuple[QuerySet[Observation], bool]] | None:
    """The queryset as (part, descending): parts read one after the other, each in (period_end, id)
    batches; None when the index does not serve its order (a column's sort: one sorted read does better
    than batches that would each sort the rows again)."""
    order = tuple(in_export_order(queryset).query.order_by)
    if order in _INDEX_ORDERS:
        return [(queryset.order_by(*order), _INDEX_ORDERS[order])]
    if order[:1] == (_GOAL_FLAG,) and order[1:] in _INDEX_ORDERS:
        rest = order[1:]
        results, goals = queryset.exclude(GOALS), queryset.filter(GOALS)
        return [(part.order_by(*rest), _INDEX_ORDERS[rest]) for part in (results, goals)]
    return None


def copy_csv_chunks(queryset: QuerySet[Observation], *, columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS,
                    header: Sequence[str] = HEADER) -> Iterator[bytes]:
    """The export CSV in chunks for a streamed response: each the COPY of the next COPY_BATCH_ROWS rows
    in the export's order (see batched_parts). The cuts between batches come from one pass over the rows'
    keys, so no batch re-reads the rows before it; all batches read one snapshot of the data, so a
    report ingested meanwhile is in the file wholly or not at all."""
    parts = batched_parts(queryset)
    if parts is None:
        raise ValueError(f"no batched COPY for the order {queryset.query.order_by!r}: use export_csv_chunks")
    yield _header_bytes(header)
    if connection.in_atomic_block:  # inside a caller's transaction (tests): its snapshot is the one
        for part, descending in parts:
            yield from _copy_batches(part, columns, descending=descending)
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for part, descending in parts:
            yield from _copy_batches(part, columns, descending=descending)


def _beyond(key: tuple, *, descending: bool) -> Q:
    """The rows after (period_end, id) = key in the order. The plain date bound says the same as the
    (date, id) one, in a form the date index can serve."""
    day, pk = key
    later, later_or_same = ("lt", "lte") if descending else ("gt", "gte")
    return (Q(**{f"period_end__{later}": day}) | Q(period_end=day, **{f"id__{later}": pk})) \
        & Q(**{f"period_end__{later_or_same}": day})


def _up_to(key: tuple, *, descending: bool) -> Q:
    """The rows up to (period_end, id) = key in the order, key included."""
    day, pk = key
    earlier, earlier_or_same = ("gt", "gte") if descending else ("lt", "lte")
    return (Q(**{f"period_end__{earlier}": day}) | Q(period_end=day, **{f"id__{earlier_or_same}": pk})) \
        & Q(**{f"period_end__{earlier_or_same}": day})


def _copy_batches(queryset: QuerySet[Observation], columns: Sequence[tuple[str, str]], *,
                  descending: bool) -> Iterator[bytes]:
    ends = _batch_ends(queryset, descending=descending)
    after = None
    for last in [*ends, None]:
        batch = queryset if after is None else queryset.filter(_beyond(after, descending=descending))
        if last is not None:
            batch = batch.filter(_up_to(last, descending=descending))
        out = io.BytesIO()
        _copy_rows(batch, out, columns)
        if out.tell():
            yield out.getvalue()
        after = last


def _batch_ends(queryset: QuerySet[Observation], *, descending: bool) -> list[tuple]:
    """(period_end, id) of every COPY_BATCH_ROWS-th row in the export's order: one query."""
    order = tuple(f"-{key}" for key in EXPORT_ORDER) if descending else EXPORT_ORDER
    keys = [F(key.lstrip("-")).desc() if key.startswith("-") else F(key).asc() for key in order]
    position = Window(RowNumber(), order_by=keys)
    return list(
        queryset.order_by().annotate(position=position).annotate(cut=Mod("position", COPY_BATCH_ROWS))
        .filter(cut=0).order_by(*order).values_list(*EXPORT_ORDER)
    )


def _copy_rows(queryset: QuerySet[Observation], out: BinaryIO, columns: Sequence[tuple[str, str]]) -> None:
    """COPY the rows of an ordered queryset, formatted in SQL as indicators.exports formats them."""
    selected = queryset.values(**{f"c_{name}": F(path) for name, path in columns})
    try:
        inner_sql, params = selected.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing ("id__in=[]"): no rows to copy
        return
    select = ", ".join(_cell(name, path) for name, path in columns)
    with connection.cursor() as cursor:
        sql = cursor.mogrify(f"COPY (SELECT {select} FROM ({inner_sql}) AS t) TO STDOUT WITH (FORMAT csv)", params)
        cursor.copy_expert(sql.decode(), out)


def export_csv_chunks(queryset: QuerySet[Observation], *, columns: Sequence[tuple[str, str]] = EXPORT_COLUMNS,
                      header: Sequence[str] = HEADER) -> Iterator[bytes]:
    """The export CSV for a streamed response: COPY's batches on PostgreSQL when the index serves the
    order, else Python's rows from one sorted read (byte for byte the same file)."""
    if connection.vendor == "postgresql" and batched_parts(queryset) is not None:
        return copy_csv_chunks(queryset, columns=columns, header=header)
    return csv_chunks(export_rows(queryset, columns), header=header)


def write_export_csv(queryset: QuerySet[Observation], out: BinaryIO) -> None:
    """The export CSV into a binary file: by COPY on PostgreSQL, else streamed by Python. Always the
    stable column codes: the command's file is read by programs."""
    if connection.vendor == "postgresql":
        copy_csv(queryset, out)
        return
    for chunk in csv_chunks(export_rows(queryset)):
        out.write(chunk)
