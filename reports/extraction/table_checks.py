"""Check a table's own arithmetic and report where it does not hold.

Three kinds of statements are checked:
- column formulas in the column-number row ("4 (=5+6+7)");
- a total row ("Tổng số", "Cộng") against the top-level rows it closes, and a parent row
  against its sub-rows ("Tuổi đời" against the age bands);
- a share column ("%") against the count beside it and the group's base count.

Sub-rows are often overlapping "of which" criteria (Nữ, Dân tộc thiểu số, Đoàn viên...),
not a partition, so a row sum is only checked when the parts are values of one named
dimension, or when at least one column does add up (evidence that the rows partition the
total) - then the columns that do not are reported.
"""
from __future__ import annotations

from decimal import Decimal

from .facts import ExtractionWarning
from .numbers import format_vi
from .table_headers import HeaderBlock
from .table_rows import BodyRow
from .table_vocabulary import NON_COUNT_ROW_RE, PERCENT_RE, dimension_of_parent, named_breakdown


def check_table(name: str, header: HeaderBlock, rows: list[BodyRow]) -> list[ExtractionWarning]:
    percent_columns = {c for c, path in enumerate(header.paths) if any(PERCENT_RE.search(l) for l in path)}
    warnings: list[ExtractionWarning] = []
    warnings += check_formulas(name, header, rows)
    for total, parts in total_rows_with_parts(rows):
        warnings += check_sum(name, header, total, parts, percent_columns)
    for parent in rows:
        parts = [c for c in parent.children if is_summable(c)]
        if parts and not parent.is_total:
            warnings += check_sum(name, header, parent, parts, percent_columns)
    warnings += check_shares(name, header, rows, percent_columns)
    return deduplicate(warnings)


def is_summable(row: BodyRow) -> bool:
    return not (row.of_which or row.is_marker or row.is_total or NON_COUNT_ROW_RE.search(row.label))


def check_formulas(name: str, header: HeaderBlock, rows: list[BodyRow]) -> list[ExtractionWarning]:
    warnings = []
    for row in rows:
        for formula in header.formulas:
            found = row.values.get(formula.total)
            parts = [row.values[c] for c in formula.parts if c in row.values]
            if found is None or not parts:
                continue
            expected = sum(parts, Decimal(0))
            if expected != found:
                warnings.append(mismatch(name, header, row, formula.total, expected, found, f"cột {formula.text}"))
    return warnings


def total_rows_with_parts(rows: list[BodyRow]):
    """Each total row with the top-level rows of its section that it adds up: the rows since
    the previous total, or, for a total written first, the rows after it."""
    for index, total in enumerate(rows):
        if not total.is_total:
            continue
        # walked by index from the total: copying the rows before and after each total was quadratic
        start = index
        while start > 0 and rows[start - 1].section == total.section and not rows[start - 1].is_total:
            start -= 1
        end = index + 1
        while end < len(rows) and rows[end].section == total.section and not rows[end].is_total:
            end += 1
        before, after = rows[start:index], rows[index + 1:end]
        candidates = before or after
        yield total, [r for r in candidates if r.parent is None and is_summable(r) and not r.is_section]


def dimensions_of(parts: list[BodyRow]) -> set[str]:
    found = set()
    for part in parts:
        named = named_breakdown(part.label, part.parent.label if part.parent else None)
        dimension = next(iter(named), None) or (dimension_of_parent(part.label) if part.children else None)
        if dimension:
            found.add(dimension)
    return found


def check_sum(name, header, whole: BodyRow, parts: list[BodyRow], percent_columns) -> list[ExtractionWarning]:
    dimensions = dimensions_of(parts)
    if len(dimensions) > 1:
        return []  # overlapping criteria, not a partition
    named_partition = bool(dimension_of_parent(whole.label)) or (
        len(dimensions) == 1 and all(named_breakdown(p.label, whole.label) for p in parts)
    )
    outcomes = {}
    for column, found in whole.values.items():
        if column in percent_columns:
            continue
        values = [p.values[column] for p in parts if column in p.values]
        if values:
            outcomes[column] = (sum(values, Decimal(0)), found)
    if not outcomes:
        return []
    adds_up_somewhere = any(expected == found for expected, found in outcomes.values())
    if not (named_partition or adds_up_somewhere):
        return []
    return [
        mismatch(name, header, whole, column, expected, found, "tổng các hàng con")
        for column, (expected, found) in outcomes.items()
        if expected != found
    ]


def check_shares(name, header, rows, percent_columns) -> list[ExtractionWarning]:
    """A "%" column against count / base: the count is the nearest count column on its left
    in its header group, the base the group's first column ("31/12/2020": base, count, %) or,
    when the group holds only the count ("Hoàn thành tốt: Số lượng, %"), the column before."""
    warnings = []
    for share_column in sorted(percent_columns):
        base, count = share_operands(header, share_column, percent_columns)
        if base is None:
            continue
        for row in rows:
            if not all(c in row.values for c in (share_column, base, count)) or not row.values[base]:
                continue
            stated = row.values[share_column]
            computed = row.values[count] * 100 / row.values[base]
            decimals = max(0, -stated.as_tuple().exponent)
            tolerance = Decimal(5) / Decimal(10) ** (decimals + 1) + Decimal("0.001")
            if abs(computed - stated) > tolerance:
                warnings.append(ExtractionWarning(
                    line=row.line,
                    code="share_mismatch",
                    message=(
                        f"{name}, hàng «{row.path_text}», cột «{' / '.join(header.path(share_column))}»: "
                        f"{format_vi(row.values[count])}/{format_vi(row.values[base])} = "
                        f"{format_vi(round(computed, decimals + 1))}%, bảng ghi {format_vi(stated)}%"
                    ),
                    quote=row.row.clean_text,
                ))
    return warnings


def share_operands(header: HeaderBlock, share_column: int, percent_columns) -> tuple[int | None, int | None]:
    top = header.path(share_column)[:1]
    counts_left = [c for c in range(share_column) if c not in header.stub_columns and c not in percent_columns]
    in_group = [c for c in counts_left if header.path(c)[:1] == top]
    if not in_group:
        return None, None
    if len(in_group) >= 2:
        return in_group[0], in_group[-1]
    before = [c for c in counts_left if c < in_group[0]]
    return (before[-1], in_group[0]) if before else (None, None)


def mismatch(name, header, row: BodyRow, column: int, expected, found, basis: str) -> ExtractionWarning:
    return ExtractionWarning(
        line=row.line,
        code="sum_mismatch",
        message=(
            f"{name}, hàng «{row.path_text}», cột «{' / '.join(header.path(column))}»: "
            f"theo {basis} phải là {format_vi(expected)}, bảng ghi {format_vi(found)}"
        ),
        quote=row.row.clean_text,
    )


def deduplicate(warnings: list[ExtractionWarning]) -> list[ExtractionWarning]:
    seen, unique = set(), []
    for warning in warnings:
        key = (warning.line, warning.code, warning.message.split(": theo")[0])
        if key not in seen:
            seen.add(key)
            unique.append(warning)
    return unique
