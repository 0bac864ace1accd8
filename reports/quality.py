"""Checks run on a freshly ingested document: its arithmetic and its conflicts with the store.

The table extractor already checks each table against itself (reports.extraction.table_checks:
a total row against its part rows, a percent column against its count columns). What is left
for ingestion, which sees every number of the document as Observations:

- a narrative share stated with its numerator and denominator ("302/313 người ... (tỷ lệ 96,48%)");
- parts of one total that exceed it, or do not add up to it when the options are known to be
  exhaustive (nam + nữ), across sentences and tables of the same document;
- conflicts: the same indicator, area, period and breakdown with another value, inside the
  document or in any other source already stored; a table row whose words name a catalogue
  indicator within a narrower scope (Observation.namesake) is compared with that indicator's total.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from indicators.models import Observation
from reports.models import Document, DocumentWarning

PERCENT_UNITS = {"percent", "ratio"}
# Options that together make the whole: their parts must add up to the total exactly.
EXHAUSTIVE_OPTIONS = {"sex": {"nam", "nữ"}}
# Breakdown dimensions whose options are not disjoint parts of the total: a table's row path,
# overlapping subsets ("trong đó ... nghỉ hưu trước tuổi"), a sentence's denominator, bounds,
# targets, positions one person may hold together, numbers whose part the text left unclear
# (reports.services). Only other dimensions are summed.
NON_PARTITION_DIMENSIONS = {"row", "subset", "part", "bound", "target", "position", "category", "unattributed"}
# "other" gathers counts the extractor could not classify: equal keys there are not the same fact.
NO_CONFLICT_FAMILIES = {"other"}

_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
# "302/313 người được triệu tập (tỷ lệ 96,48%)": a fraction, then within the same clause a percent.
# A fraction that is part of a date (30/5/2022) is not one: no digit or slash may touch it.
SHARE_RE = re.compile(
    rf"(?<![\d/.,])({_NUMBER})\s*/\s*({_NUMBER})(?![\d/])[^%;\n]{{0,80}}?(?<![\d,.])(\d+(?:,\d+)?)\s*%")


@dataclass(frozen=True)
class ObservationKey:
    """What makes two observations statements of the same fact."""

    indicator_id: int
    area_id: int
    period_start: object
    period_end: object
    breakdown: str


def observation_keys(observation) -> set[ObservationKey]:
    """Every key under which `observation` may contradict another: its own and its namesake's total."""
    return _comparable_keys(vars(observation))


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _warning(document: Document, *, line: int | None, code: str, message: str, quote: str = "") -> DocumentWarning:
    return DocumentWarning(document=document, line=line or None, code=code, message=message, quote=quote)


def document_check_shares(*, document: Document, lines: list[str]) -> list[DocumentWarning]:
    """A stated share against its stated numerator and denominator, to the precision it is written in."""
    warnings = []
    for number, line in enumerate(lines, start=1):
        if "%" not in line or "/" not in line:
            continue
        for match in SHARE_RE.finditer(line):
            numerator, denominator, stated = (_number(g) for g in match.groups())
            if denominator == 0 or numerator > denominator:
                continue
            decimals = len(match.group(3).partition(",")[2])
            # Reports both round and truncate: allow one unit of the last written decimal.
            tolerance = Decimal(1).scaleb(-decimals)
            computed = numerator / denominator * 100
            if abs(computed - stated) > tolerance:
                warnings.append(_warning(
                    document, line=number, code="share_mismatch", quote=match.group(0),
                    message=(f"Tỷ lệ không khớp: {match.group(1)}/{match.group(2)} = {computed:.2f}%, "
                             f"văn bản ghi {match.group(3)}% / share mismatch: {numerator}/{denominator} "
                             f"is {computed:.2f}%, the text says {stated}%")))
    return warnings


def observations_check_parts(*, document: Document, observations: list[Observation]) -> list[DocumentWarning]:
    """Parts (one breakdown dimension) against their total, for the same indicator, area and period.

    Groups lying entirely inside one table are left to the table extractor, which already
    compared them with the table's own structure."""
    totals: dict[tuple, Observation] = {}
    parts: dict[tuple, dict[str, dict[str, Observation]]] = defaultdict(lambda: defaultdict(dict))
    for observation in observations:
        if observation.indicator.unit in PERCENT_UNITS or observation.qualifier:
            continue  # shares do not add up, and "hơn 1.000" is no total
        key = (observation.indicator_id, observation.area_id, observation.period_start, observation.period_end)
        if not observation.breakdown:
            totals.setdefault(key, observation)
        elif "; " not in observation.breakdown:
            dimension, _, option = observation.breakdown.partition("=")
            if dimension not in NON_PARTITION_DIMENSIONS:
                parts[key][dimension].setdefault(option, observation)
    warnings = []
    for key, by_dimension in parts.items():
        total = totals.get(key)
        if total is None:
            continue
        for dimension, by_option in by_dimension.items():
            members = list(by_option.values())
            exhaustive = EXHAUSTIVE_OPTIONS.get(dimension) == set(by_option)
            if len(members) < 2 and not exhaustive:
                continue  # one option alone may be a share of any size of an unstated part
            tables = {o.source_table for o in members} | {total.source_table}
            if len(tables) == 1 and "" not in tables:
                continue
            summed = sum(o.value for o in members)
            if summed > total.value or (exhaustive and summed != total.value):
                listed = " + ".join(f"{o.value.normalize():f} ({dimension}={option}, dòng/line {o.source_line})"
                                    for option, o in by_option.items())
                warnings.append(_warning(
                    document, line=total.source_line, code="parts_mismatch", quote=total.quote,
                    message=(f"{total.indicator.code}: tổng {total.value.normalize():f} nhưng các phần cộng lại "
                             f"{summed.normalize():f} / the parts add up to {summed.normalize():f}, the total is "
                             f"{total.value.normalize():f}: {listed}")))
    return warnings


def document_conflicts_detect(*, document: Document) -> list[DocumentWarning]:
    """Flag every observation of `document` that shares its key with an observation of another
    value (in the document or elsewhere), flag those too, and return one warning per such
    observation naming the other sources. Three queries whatever the document's size, and time
    linear in the observations read (see _Comparison)."""
    fields = ("id", "indicator_id", "namesake_id", "area_id", "period_start", "period_end", "breakdown", "value",
              "method", "source_line", "source_row", "quote", "document_id", "document__file_name",
              "indicator__code", "namesake__code", "area__name")
    own = list(
        Observation.objects.filter(document=document, qualifier="").exclude(status=Observation.REJECTED)
        .exclude(indicator__family__in=NO_CONFLICT_FAMILIES).values(*fields))
    if not own:
        return []
    # Approximate values ("gần 900") state no exact number, so they cannot contradict one.
    candidates = list(
        _rows_under(_indicator_ids(own), area_ids={o["area_id"] for o in own},
                    period_ends={o["period_end"] for o in own})
        .filter(qualifier="").exclude(document=document).exclude(status=Observation.REJECTED).values(*fields))
    every, own_only = _Comparisons(own + candidates), _Comparisons(own)
    warnings = []
    flagged: set[int] = set()
    for row in own:
        found = every.contradicting(row)
        if found.count:
            flagged.add(row["id"])
            warnings.append(_warning(document, line=row["source_line"], code="conflict", quote=row["quote"],
                                     message=_conflict_message(row, found)))
    # The relation is symmetric: another source's statement is flagged when one of the document's contradicts it.
    flagged.update(row["id"] for row in candidates if own_only.contradicting(row, listed=0).count)
    if flagged:
        Observation.objects.filter(pk__in=flagged).update(in_conflict=True)
    return warnings


# At most this many contradicting statements are named in a conflict's message; the others are counted.
CONFLICT_SOURCES_LISTED = 5
_SEVERAL_CLASSES = object()  # a value stated by statements of more than one class (see _statement_class)


def _statement_class(row: dict) -> tuple | None:
    """Statements of one class never contradict each other: prose numbers of one document under one key
    mostly mean the extractor missed what tells them apart (a sub-group, a sub-period), so within a
    document only prose against its own tables counts. Across documents, or entered by hand (no class),
    any two values contradict."""
    return (row["document_id"], row["method"]) if row["document_id"] is not None else None


@dataclass
class Contradictions:
    """What contradicts one statement."""

    first: list[dict]  # the first CONFLICT_SOURCES_LISTED of them, by value then as read
    count: int
    same_key_count: int  # of them under the statement's own key (the others are its total, or namesake rows)


class _Comparison:
    """The statements compared with each other under one comparison: one key, a namesake's total, or the
    namesake rows naming a total. Read once, it tells how many contradict a statement, and which first, in
    time that does not grow with the statements (comparing each with every other was quadratic in a key
    holding thousands). A statement contradicts another of another value unless they share its class."""

    def __init__(self, rows: list[dict]):
        self.size = len(rows)
        self.rows_of_value: dict[Decimal, list[dict]] = defaultdict(list)  # in the order each value first comes
        self.count_of_class: Counter = Counter()
        self.count_of_value_in_class: Counter = Counter()
        for row in rows:
            self.rows_of_value[row["value"]].append(row)
            self.count_of_class[_statement_class(row)] += 1
            self.count_of_value_in_class[_statement_class(row), row["value"]] += 1
        self.values = list(self.rows_of_value)
        # The one class each value is stated by (or _SEVERAL_CLASSES), and from each value the next one stated
        # by another class: a run of values of the statement's own class is skipped in one step.
        self.class_of_value = []
        for value in self.values:
            classes = {_statement_class(r) for r in self.rows_of_value[value]}
            self.class_of_value.append(classes.pop() if len(classes) == 1 else _SEVERAL_CLASSES)
        self.next_value_of_another_class = _next_different(self.class_of_value)
        self.next_row_of_another_class = {value: _next_different([_statement_class(r) for r in rows])
                                          for value, rows in self.rows_of_value.items()}

    def contradicting_count(self, row: dict) -> int:
        """The statements of another value, less those of the statement's own class."""
        value, own_class = row["value"], _statement_class(row)
        count = self.size - len(self.rows_of_value.get(value, ()))
        if own_class is not None:
            count -= self.count_of_class[own_class] - self.count_of_value_in_class[own_class, value]
        return count

    def contradicting_first(self, row: dict, limit: int) -> list[dict]:
        value, own_class = row["value"], _statement_class(row)
        found: list[dict] = []
        i = 0
        while i < len(self.values) and len(found) < limit:
            if self.values[i] == value:
                i += 1
            elif own_class is not None and self.class_of_value[i] == own_class:
                i = self.next_value_of_another_class[i]
            else:
                rows, after = self.rows_of_value[self.values[i]], self.next_row_of_another_class[self.values[i]]
                k = 0
                while k < len(rows) and len(found) < limit:
                    if own_class is not None and _statement_class(rows[k]) == own_class:
                        k = after[k]
                    else:
                        found.append(rows[k])
                        k += 1
                i += 1
        return found


def _next_different(labels: list) -> list[int]:
    """For each position, the next one holding another label (len(labels) when none does)."""
    following = [len(labels)] * len(labels)
    for i in range(len(labels) - 2, -1, -1):
        following[i] = i + 1 if labels[i + 1] != labels[i] else following[i + 1]
    return following


class _Comparisons:
    """Every comparison among `rows`: each key's statements; for a total (no breakdown, no namesake) the
    namesake rows naming its indicator; for a namesake row, its indicator's totals. Two namesake rows are
    each within their own scope: they never meet through the total they both name."""

    def __init__(self, rows: list[dict]):
        same: dict[ObservationKey, list[dict]] = defaultdict(list)
        naming: dict[ObservationKey, list[dict]] = defaultdict(list)  # a total's key -> the namesake rows naming it
        totals: dict[ObservationKey, list[dict]] = defaultdict(list)  # a key -> its statements with no namesake
        for row in rows:
            key = _row_key(row)
            same[key].append(row)
            if row["namesake_id"]:
                if _namesake_key(row) != key:  # (one naming its own key is compared under it already)
                    naming[_namesake_key(row)].append(row)
            else:
                totals[key].append(row)
        self.same = {key: _Comparison(group) for key, group in same.items()}
        self.naming = {key: _Comparison(group) for key, group in naming.items()}
        self.totals = {key: _Comparison(group) for key, group in totals.items()}

    def _across_keys(self, row: dict) -> _Comparison | None:
        """For a total, the namesake rows naming its indicator; for a namesake row, its indicator's totals."""
        key = _row_key(row)
        if not row["namesake_id"] and not row["breakdown"]:
            return self.naming.get(key)
        if row["namesake_id"] and _namesake_key(row) != key:
            return self.totals.get(_namesake_key(row))
        return None

    def contradicting(self, row: dict, *, listed: int = CONFLICT_SOURCES_LISTED) -> Contradictions:
        """The statements contradicting `row`: counted, and the first `listed` of them (its own key's first)."""
        comparisons = (self.same.get(_row_key(row)), self._across_keys(row))  # no statement is in both
        counts = [c.contradicting_count(row) if c is not None else 0 for c in comparisons]
        first: list[dict] = []
        for comparison, count in zip(comparisons, counts):
            if count and len(first) < listed:
                first += comparison.contradicting_first(row, listed - len(first))
        return Contradictions(first, sum(counts), counts[0])


def conflict_flags_refresh(*, keys: set[ObservationKey]) -> int:
    """Clear in_conflict where an observation no longer contradicts anything (the other statement was
    replaced or deleted), by the rule the detection uses; returns how many were cleared. A namesake
    links a key to another one, so the rows under `keys` are read, then those under the keys they lead
    to; a row is judged only when every key it has was read: three queries at most."""
    if not keys:
        return 0
    fields = ("id", "indicator_id", "namesake_id", "area_id", "period_start", "period_end", "breakdown", "value",
              "qualifier", "status", "in_conflict", "document_id", "method")
    rows: dict[int, dict] = {}
    queried: set[ObservationKey] = set()
    wanted = set(keys)
    for _ in range(2):
        found = _rows_under({k.indicator_id for k in wanted}, area_ids={k.area_id for k in wanted},
                            period_ends={k.period_end for k in wanted}).values(*fields)
        queried |= wanted
        rows.update((row["id"], row) for row in found if _comparable_keys(row) & queried)
        wanted = set().union(*(_comparable_keys(row) for row in rows.values())) - queried
        if not wanted:
            break
    counted = [r for r in rows.values() if not r["qualifier"] and r["status"] != Observation.REJECTED]
    comparisons = _Comparisons(counted)
    counted_ids = {r["id"] for r in counted}
    stale = [
        row["id"] for row in rows.values()
        if row["in_conflict"] and _comparable_keys(row) <= queried
        and (row["id"] not in counted_ids or not comparisons.contradicting(row, listed=0).count)
    ]
    return Observation.objects.filter(pk__in=stale).update(in_conflict=False) if stale else 0


def _row_key(row: dict) -> ObservationKey:
    return ObservationKey(row["indicator_id"], row["area_id"], row["period_start"], row["period_end"], row["breakdown"])


def _namesake_key(row: dict) -> ObservationKey:
    """The key of the total a namesake row is compared with."""
    return ObservationKey(row["namesake_id"], row["area_id"], row["period_start"], row["period_end"], "")


def _comparable_keys(row: dict) -> set[ObservationKey]:
    keys = {_row_key(row)}
    if row.get("namesake_id"):
        keys.add(_namesake_key(row))
    return keys


def _indicator_ids(rows: list[dict]) -> set[int]:
    return {row["indicator_id"] for row in rows} | {row["namesake_id"] for row in rows if row["namesake_id"]}


def _rows_under(indicator_ids: set[int], *, area_ids: set[int], period_ends: set):
    """Observations of these indicators, or naming one of them, at these areas and dates."""
    return Observation.objects.filter(
        Q(indicator_id__in=indicator_ids) | Q(namesake_id__in=indicator_ids),
        area_id__in=area_ids, period_end__in=period_ends)


def _period_text(row: dict) -> str:
    start, end = row["period_start"], row["period_end"]
    return f"{end:%d/%m/%Y}" if start == end else f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"


def _source_text(row: dict) -> str:
    where = row["document__file_name"] or "nhập tay / manual entry"
    return f"{where}, dòng/line {row['source_line']}" if row["source_line"] else where


def _conflict_message(row: dict, found: Contradictions) -> str:
    # A namesake row (Observation.namesake) contradicting only its total is named by that total, and said to
    # be what it may be: a count within a narrower scope.
    as_namesake = bool(row["namesake_id"]) and (not found.same_key_count or row["indicator_id"] == row["namesake_id"])
    code = row["namesake__code"] if as_namesake else row["indicator__code"]
    breakdown = f" [{row['breakdown']}]" if row["breakdown"] and not as_namesake else ""
    listed = "; ".join(f"{o['value'].normalize():f} ({_source_text(o)})" for o in found.first)
    more = found.count - len(found.first)
    others = f" — và {more} giá trị khác / and {more} other values" if more else ""
    totals = {r["indicator_id"] for r in [row, *found.first]}
    narrow = sorted({r["source_row"] for r in [row, *found.first] if r["namesake_id"] in totals})
    scope = "".join(f" — hàng «{label}» có thể tính trong phạm vi hẹp hơn / the row «{label}» may count a "
                    f"narrower scope" for label in narrow)
    return (f"Số liệu mâu thuẫn / conflicting values: {code}{breakdown}, {row['area__name']}, "
            f"{_period_text(row)}: {row['value'].normalize():f} ở đây / here, khác với / but {listed}{others}{scope}")


def document_check_term_changes(*, document: Document) -> list[DocumentWarning]:
    """A stock series this document adds to that changes over a party-congress term by more than
    ±100 % with no number of the reports stating that change: most likely a misreading (a part
    read as the total, a unit read as thousands). The pages do not print such a change; this
    warning puts it on the quality page for review. It is worked out when this document is
    ingested: a later report that states the change leaves it standing until this one is ingested
    again. Four queries."""
    from indicators.models import Indicator, Term
    from indicators.selectors.points import POINT_FIELDS, distinct_points, point_from_row
    from indicators.selectors.terms import stated_changes, term_rows

    touched = set(Observation.objects.filter(document=document, breakdown="", indicator__kind=Indicator.STOCK,
                                             indicator__in_catalogue=True)
                  .exclude(status=Observation.REJECTED).values_list("indicator_id", "area_id").distinct())
    if not touched:
        return []
    rows = list(Observation.objects.filter(
        indicator_id__in={i for i, _ in touched}, area_id__in={a for _, a in touched}, breakdown="")
        .exclude(status=Observation.REJECTED).order_by("indicator_id", "area_id", "period_end", "id")
        .values(*POINT_FIELDS, "indicator__code", "area__name", "indicator__family"))
    stated = stated_changes(area_ids={a for _, a in touched}, families={row["indicator__family"] for row in rows})
    terms = list(Term.objects.filter(kind=Term.PARTY_CONGRESS).order_by("start"))
    series: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in rows:
        if (row["indicator_id"], row["area_id"]) in touched:
            series[(row["indicator_id"], row["area_id"])].append(row)
    warnings = []
    for (indicator_id, area_id), series_rows in series.items():
        points = distinct_points([point_from_row(r) for r in series_rows])
        by_id = {r["id"]: r for r in series_rows}
        for term_row in term_rows(points, is_stock=True, terms=terms, area_id=area_id,
                                  stated_changes=stated.get(area_id, frozenset())):
            if not term_row.needs_review:
                continue
            start, end = by_id[term_row.start.observation_id], by_id[term_row.end.observation_id]
            mine = end if end["document_id"] == document.pk else start
            if mine["document_id"] != document.pk:
                continue
            warnings.append(_warning(
                document, line=mine["source_line"], code="implausible_change", quote=mine["quote"],
                message=(f"Thay đổi trong nhiệm kỳ {term_row.term_label} cần rà soát / the change over the term "
                         f"{term_row.term_label} needs review: {end['indicator__code']}, {end['area__name']}: "
                         f"{start['value'].normalize():f} ({_period_text(start)}, {_source_text(start)}) → "
                         f"{end['value'].normalize():f} ({_period_text(end)}, {_source_text(end)}), "
                         f"{term_row.computed_percent:+.0f}% — không số nào trong báo cáo nêu mức thay đổi này / "
                         f"no number of the reports states this change")))
    return warnings
