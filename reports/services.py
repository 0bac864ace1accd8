"""Ingestion: a report file -> a Document, its Observations and its warnings, in one transaction."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import logging
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, Q

from indicators import gazetteer
from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation, Term
from reports.budget import Budget, short_reason
from reports.decoding import ReportRejected
from reports.extraction.document import ExtractedDocument
from reports.extraction.facts import ExtractionWarning, Fact, breakdown_option
from reports.extraction.facts import breakdown_string as _canonical_breakdown
from reports.extraction.vocabulary import catalogue_by_code
from reports.extraction.timespans import MAX_YEAR, MIN_YEAR
from reports.models import Document, DocumentWarning
from reports.reading import ReadReport, report_read
from reports import permissions, quality, versions
from reports.permissions import NotPermitted

logger = logging.getLogger(__name__)

# Observation.value is DECIMAL(20, 4): larger numbers are misreadings (a phone number, a code). The bound
# is 10^15, not 10^16: SQLite keeps a decimal as a float, and 9999999999999999 comes back as 10^16, 21 digits
# with its decimals, which no longer reads as DECIMAL(20, 4) (every later query of it would fail).
MAX_VALUE = Decimal(10) ** 15
LOCAL_CODE_MAX_SLUG = 120
UNATTRIBUTED_WORDS = 120  # characters of a number's own words kept as its breakdown option
PLACES_WEIGHED = 10  # the places named most that the gazetteer is asked about
DOMINANT_MENTIONS = 3  # named this many times more than any other district: the report is about it
FAMILY_LABELS = dict(FAMILY_CHOICES)

CREATED, REPLACED, ALREADY_INGESTED = "created", "replaced", "already_ingested"
OBSERVATIONS_PER_WRITE = 5000  # one INSERT's worth; the budget is checked between them
QUOTE_SEARCH_SLACK = 200  # how far beyond its own length a quote is looked for around its number


class IngestFailed(ReportRejected):
    """The database failed mid-ingest (connection cut, disk full, locked): nothing was written."""

    status = 400


class AlreadyIngesting(ReportRejected):
    """Another ingest of the same file (same name or same bytes) was stored first: nothing written here."""

    status = 409


class NewVersionNeedsConsent(ReportRejected):
    """A new version of a stored report, which replaces it only when the editor says so."""

    status = 409


def _write_check(user, area: Area) -> None:
    if user is None or permissions.may_write_for(user, area):  # None: the command line, the server's own operator
        return
    granted = ", ".join(permissions.writable_province_names(user)) or "—"
    raise NotPermitted(
        f"Bạn không có quyền nhập báo cáo của {area.name} (tỉnh được giao: {granted}) / you may not "
        f"ingest reports of {area.name} (provinces granted: {granted})")


def _database_reason(exc: BaseException) -> str:
    """The database's own words, on one line and short (never a traceback)."""
    return short_reason(str(exc)) or exc.__class__.__name__


@dataclass
class SummaryWarning:
    line: int | None
    code: str
    message: str
    quote: str = ""


SUMMARY_DATES = ("issued_on", "date_not_before", "date_not_after", "reference_date")


@dataclass
class IngestSummary:
    """What one ingestion did, for the command's output and the upload page."""

    file_name: str
    sha256: str
    outcome: str  # created, replaced, already_ingested
    dry_run: bool = False
    document_id: int | None = None
    title: str = ""
    issuer: str = ""
    number: str = ""
    issued_on: dt.date | None = None
    date_not_before: dt.date | None = None
    date_not_after: dt.date | None = None
    reference_date: dt.date | None = None
    area_name: str = ""
    terms: list[str] = field(default_factory=list)
    observations_by_family: dict[str, int] = field(default_factory=dict)
    warnings: list[SummaryWarning] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def observation_count(self) -> int:
        return sum(self.observations_by_family.values())

    @property
    def conflicts(self) -> list[SummaryWarning]:
        return [w for w in self.warnings if w.code == "conflict"]

    @property
    def families(self) -> list[tuple[str, str, int]]:
        """(family, label, count), in the catalogue's family order."""
        return [(f, FAMILY_LABELS.get(f, f), self.observations_by_family[f])
                for f in sorted(self.observations_by_family, key=list(FAMILY_LABELS).index)]

    @property
    def outcome_text(self) -> str:
        texts = {
            CREATED: "Đã nhập văn bản mới / ingested a new document",
            REPLACED: "Đã thay phiên bản trước của văn bản / replaced the previous version of this document",
            ALREADY_INGESTED: "Văn bản này đã được nhập, không thay đổi gì / already ingested: nothing changed",
        }
        text = texts[self.outcome]
        return f"{text} (chạy thử, không lưu / dry run, nothing saved)" if self.dry_run else text

    @property
    def nothing_stored(self) -> bool:
        """No number of the file is (or, for a dry run, would be) stored: the warnings say why."""
        return self.observation_count == 0

    def as_json(self) -> dict:
        """For IngestJob.summary: dates as ISO strings, warnings as lists."""
        data = asdict(self)
        for name in SUMMARY_DATES:
            data[name] = data[name] and data[name].isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> IngestSummary:
        fields = dict(data)
        for name in SUMMARY_DATES:
            fields[name] = fields.get(name) and dt.date.fromisoformat(fields[name])
        fields["warnings"] = [SummaryWarning(**w) for w in fields.get("warnings", [])]
        return cls(**fields)

    @property
    def nothing_stored_text(self) -> str:
        return ("Không lưu được số liệu nào từ tệp này (xem các cảnh báo) / "
                "nothing could be stored from this file: no observations (see the warnings)")


def document_ingest(*, file_name: str, data: bytes, province: str | None = None, district: str | None = None,
                    date: dt.date | None = None, user=None, dry_run: bool = False, replace: bool = False,
                    budget: Budget | None = None, on_stage: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest one report file; raises ReportRejected (nothing written) when it cannot be.

    `province`, `district` and `date` are the user's word for what the report does not say (or
    says wrongly). Same bytes again: nothing changes, unless a new date is given, which reads them
    again. The same report (same place, and the same number, issuer and date, or for a report with no
    number the same file name) with other bytes is a new version: it replaces the stored one only with
    `replace` (else NewVersionNeedsConsent, nothing written), and the old one is kept as a DocumentVersion
    (its text and numbers). A file of the same name from another place is another document. Everything
    happens in one transaction, rolled back on any failure and, for a dry run, at the end. A database failure raises IngestFailed; another ingest of the same file stored
    while this one ran raises AlreadyIngesting (both ReportRejected, with a message, nothing written).
    The whole ingest keeps within `budget` (settings' per-document time and memory by default), or ends
    with BudgetExceeded, nothing written. `on_stage` hears each stage reached: "decoded", "tables",
    "narrative" (the reading), "checks" (writing and checking, in the transaction)."""
    file_name = PurePath(file_name).name
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return _document_ingest(file_name=file_name, data=data, sha256=sha256, province=province,
                                district=district, date=date, user=user, dry_run=dry_run, replace=replace,
                                budget=budget or Budget(), on_stage=on_stage or (lambda stage: None))
    except IntegrityError as exc:
        # Two ingests of one file at once: both found nothing stored, the other one's row came first
        # (PostgreSQL: a duplicate key on file_name or sha256).
        try:
            stored = Document.objects.filter(Q(file_name=file_name) | Q(sha256=sha256)).first()
        except DatabaseError:
            stored = None
        if stored is not None:
            logger.warning("ingest of %s: already stored by a concurrent ingest (%s)", file_name,
                           _database_reason(exc))
            raise _already_stored(stored) from exc
        raise _ingest_failed(file_name, exc) from exc
    except DatabaseError as exc:
        raise _ingest_failed(file_name, exc) from exc


def _already_stored(stored: Document) -> AlreadyIngesting:
    return AlreadyIngesting(
        f"Văn bản “{stored.file_name}” đã có: một lần nhập khác của cùng tệp vừa lưu xong, lần này "
        f"không lưu gì / already there: another ingest of the same file has just stored "
        f"“{stored.file_name}”; nothing was written by this one")


def _ingest_failed(file_name: str, exc: DatabaseError) -> IngestFailed:
    reason = _database_reason(exc)
    logger.error("ingest of %s failed in the database, rolled back: %s", file_name, reason)
    return IngestFailed(
        f"Lỗi cơ sở dữ liệu ({reason}), không lưu gì; hãy thử lại sau / the database failed ({reason}): "
        f"nothing was stored; try again later")


def _document_ingest(*, file_name: str, data: bytes, sha256: str, province: str | None, district: str | None,
                     date: dt.date | None, user, dry_run: bool, replace: bool, budget: Budget,
                     on_stage: Callable[[str], None]) -> IngestSummary:
    started = time.perf_counter()
    existing = Document.objects.filter(sha256=sha256).select_related("area").first()
    stored_area = None
    if existing is not None and date is not None and existing.issued_on is None and date != existing.reference_date:
        # The same report, which states no date of its own, dated anew: a new version of it, in its place.
        file_name, stored_area, existing = existing.file_name, existing.area, None
    if existing is not None:
        summary = _summary_of_stored(existing, dry_run=dry_run)
        if existing.file_name != file_name:
            summary.warnings.insert(0, SummaryWarning(
                None, "duplicate_file",
                f"Cùng nội dung với “{existing.file_name}” đã nhập / same content as “{existing.file_name}”, "
                f"already ingested"))
        summary.seconds = time.perf_counter() - started
        return summary

    read = report_read(file_name, data, date=date, budget=budget, on_stage=on_stage)
    extracted = read.extracted
    if extracted.metadata.given_date_unused:
        stated = extracted.metadata.date
        extracted.warnings.insert(0, ExtractionWarning(
            0, "date_given_unused", f"Văn bản ghi ngày {stated:%d/%m/%Y}, không dùng ngày đã nhập {date:%d/%m/%Y} / "
                                    f"the report says {stated:%d/%m/%Y}; the date given ({date:%d/%m/%Y}) is not used"))
    extracted.warnings[:0] = _reading_warnings(read)
    if stored_area is not None and not (province or district):
        area = stored_area  # the place it was filed under, by the user's word or its own
    else:
        area = _document_area(extracted, province=province, district=district)

    _write_check(user, area)
    budget.check()
    on_stage("checks")
    with transaction.atomic():
        document, outcome, stale_keys, reviews = _document_save(
            file_name=file_name, sha256=sha256, size_bytes=len(data), read=read, area=area, user=user,
            redating=stored_area is not None, replace=replace)
        warnings: list[DocumentWarning] = [
            DocumentWarning(document=document, line=w.line or None, code=w.code, message=w.message, quote=w.quote)
            for w in extracted.warnings
        ]
        observations = _observations_build(document=document, facts=extracted.facts, warnings=warnings, budget=budget)
        _reviews_carry_over(observations, reviews)
        for start in range(0, len(observations), OBSERVATIONS_PER_WRITE):  # a large report's budget holds here too
            budget.check()
            Observation.objects.bulk_create(observations[start:start + OBSERVATIONS_PER_WRITE])
        # The budget between the checks: past it, the transaction rolls back with a message.
        for check in (lambda: quality.document_check_shares(document=document, lines=extracted.lines),
                      lambda: quality.observations_check_parts(document=document, observations=observations),
                      lambda: quality.document_conflicts_detect(document=document),
                      lambda: quality.document_check_term_changes(document=document)):
            budget.check()
            warnings += check()
        quality.conflict_flags_refresh(keys=stale_keys)
        DocumentWarning.objects.bulk_create(warnings)
        budget.check()
        summary = IngestSummary(
            file_name=file_name, sha256=sha256, outcome=outcome, dry_run=dry_run,
            document_id=None if dry_run else document.pk, title=document.title, issuer=document.issuer,
            number=document.number, issued_on=document.issued_on, date_not_before=document.date_not_before,
            date_not_after=document.date_not_after, reference_date=document.reference_date, area_name=area.name,
            terms=sorted({t.label for t in document.terms.all()}),
            observations_by_family=dict(Counter(o.indicator.family for o in observations)),
            warnings=[SummaryWarning(w.line, w.code, w.message, w.quote) for w in warnings],
        )
        if dry_run:
            transaction.set_rollback(True)
    summary.seconds = time.perf_counter() - started
    return summary


def _reading_warnings(read: ReadReport) -> list[ExtractionWarning]:
    """What the reader of a PDF could not vouch for: text recognised by OCR, pages of pictures left out."""
    warnings = []
    if read.decoded.ocr:
        warnings.append(ExtractionWarning(0, "read_by_ocr", "Văn bản được nhận dạng bằng OCR từ ảnh các trang; hãy đối "
                                                            "chiếu số liệu với bản in / the text was recognised by OCR "
                                                            "from pictures of the pages; check the numbers against the "
                                                            "printed report"))
    if read.decoded.unread_pages:
        pages = ", ".join(str(n) for n in read.decoded.unread_pages)
        warnings.append(ExtractionWarning(0, "pdf_pages_unread", f"Trang {pages} chỉ có ảnh (bản quét), không đọc được "
                                                                 f"/ page(s) {pages} are pictures only (scanned) and "
                                                                 f"were not read"))
    return warnings


# --- place ------------------------------------------------------------------------------------

def _resolve_place(name: str, *, level: str | None, on: dt.date | None, within: Area | None = None) -> Area:
    """resolve_area at the document's date. An undated report is read as of today, and when the
    place no longer exists, as of the eve of the 2025 reform (the units such a report must mean)."""
    try:
        return gazetteer.resolve_area(name, level=level, on=on, within=within)
    except gazetteer.AreaNotFound:
        if on is not None:
            raise
        eve = gazetteer.REFORM_DATE - dt.timedelta(days=1)
        return gazetteer.resolve_area(name, level=level, on=eve, within=within)


def _document_area(extracted: ExtractedDocument, *, province: str | None, district: str | None) -> Area:
    """The user's word when given, else the first place the report names that the gazetteer knows."""
    on = extracted.metadata.reference_date
    if province or district:
        province_area = None
        if province:
            try:
                province_area = _resolve_place(province, level=Area.PROVINCE, on=on)
            except gazetteer.AreaLookupError as exc:
                raise ReportRejected(f"Không tìm thấy tỉnh “{province}” / unknown province “{province}”: {exc}") from exc
        if not district:
            return province_area
        try:
            return _resolve_place(district, level=Area.DISTRICT, on=on, within=province_area)
        except gazetteer.AreaLookupError as exc:
            raise ReportRejected(
                f"Không xác định được huyện “{district}” / cannot resolve district “{district}”"
                f"{'' if province else ' (thêm tỉnh / add --province)'}: {exc}") from exc
    metadata = extracted.metadata
    chained = _header_chain_area(metadata.header_chain, on=on)
    if chained is not None:
        return chained
    found: list[tuple[Area, int]] = []
    for index, (name, level) in enumerate(metadata.places[:PLACES_WEIGHED]):
        if level not in (Area.PROVINCE, Area.DISTRICT) and index:
            continue  # a commune only as the report's own place (a ward's news: "Phường Tân Lập ...")
        try:
            found.append((_resolve_place(name, level=level, on=on), metadata.place_mentions.get((name, level), 0)))
        except gazetteer.AreaLookupError:
            continue
        if metadata.place_from_header:
            break  # the issuer's or the header's place: the first one the gazetteer knows
    if found:
        return _place_reported_on(found, from_header=metadata.place_from_header)
    named = ", ".join(f"{n} ({lvl})" for n, lvl in extracted.metadata.places[:5])
    raise ReportRejected(
        "Văn bản không nêu tỉnh/huyện nào tra được; hãy chỉ rõ tỉnh (--province, hoặc ô Tỉnh khi tải lên) / "
        "the report never names a province or district the gazetteer knows: say it with --province "
        f"(the Province field when uploading){f'; places read: {named}' if named else ''}")


def _header_chain_area(chain: list[tuple[str, str]], *, on: dt.date | None) -> Area | None:
    """The issuer's innermost place, each found within the one before it ("Đảng bộ tỉnh Phú Thọ",
    "Đảng ủy xã Thanh Sơn": the commune Thanh Sơn of Phú Thọ); None when the header names none the
    gazetteer knows."""
    area = None
    for name, level in chain:
        try:
            area = _resolve_place(name, level=level, on=on, within=area)
        except gazetteer.AreaLookupError:
            if area is None:
                continue
            break
    return area


def _place_reported_on(places: list[tuple[Area, int]], *, from_header: bool) -> Area:
    """The first place, unless a report with no issuer or header place names several districts of one
    province, none far more often than the others: then it is about their province ("Đảng bộ huyện A
    kết nạp..., huyện B..."). A district's own report names itself far more than a neighbour."""
    first, mentions = places[0]
    if from_header or first.level != Area.DISTRICT or any(p.level == Area.PROVINCE for p, _ in places):
        return first
    districts = {p.pk: n for p, n in places if p.level == Area.DISTRICT}
    parents = {p.parent_id for p, _ in places}
    runner_up = max((n for pk, n in districts.items() if pk != first.pk), default=0)
    if runner_up and len(parents) == 1 and mentions < DOMINANT_MENTIONS * runner_up and first.parent is not None:
        return first.parent
    return first


def _province_of(area: Area) -> Area | None:
    while area is not None and area.level != Area.PROVINCE:
        area = area.parent
    return area


class _AreaResolver:
    """Places named in sentences, resolved within the document's province at its date, once each."""

    def __init__(self, document: Document):
        self.document = document
        self.province = _province_of(document.area)
        self.on = document.reference_date
        self.cache: dict[tuple[str, str | None], Area | str] = {}

    def resolve(self, name: str, level: str | None, *, former: bool = False) -> Area | str:
        """The Area, or the reason it could not be found. A unit written "(cũ)", or one that no longer
        exists at the document's date, is the unit of the eve of the 2025 reorganisation."""
        key = (name, level, former)
        eve = gazetteer.REFORM_DATE - dt.timedelta(days=1)
        if key not in self.cache:
            at_eve = former and self.on is not None and self.on >= gazetteer.REFORM_DATE
            # the document's province is the new one: a unit of before the reform is found anywhere
            within = None if level == Area.PROVINCE or at_eve else self.province
            try:
                try:
                    self.cache[key] = _resolve_place(name, level=level, on=eve if at_eve else self.on, within=within)
                except gazetteer.AreaNotFound:
                    if at_eve or self.on is None or self.on < gazetteer.REFORM_DATE:
                        raise
                    self.cache[key] = _resolve_place(name, level=level, on=eve, within=None)
            except gazetteer.AreaLookupError as exc:
                self.cache[key] = str(exc) or exc.__class__.__name__
                if level == Area.DISTRICT:
                    # "Thành phố"/"TP" is also a centrally-run city (Hồ Chí Minh; Huế since 2025), never a
                    # province ("Bắc Giang", the city, is no figure of Tỉnh Bắc Giang).
                    try:
                        city = _resolve_place(name, level=Area.PROVINCE, on=self.on)
                    except gazetteer.AreaLookupError:
                        city = None
                    if city is not None and city.name.startswith("Thành phố"):
                        self.cache[key] = city
        return self.cache[key]


# --- document ---------------------------------------------------------------------------------

def _document_save(*, file_name, sha256, size_bytes, read: ReadReport, area, user, redating: bool = False,
                   replace: bool = False):
    """Create the Document, or replace the stored version of the same report (see document_ingest),
    keeping that one as a DocumentVersion; returns it, the outcome, the conflict keys of the old
    version's observations (their flags may be stale) and their reviews (to carry over). The same bytes found here, unless they are being
    dated anew, were stored by a concurrent ingest after this one looked: AlreadyIngesting, nothing written."""
    metadata = read.extracted.metadata
    fields = dict(
        sha256=sha256, size_bytes=size_bytes, text=read.text, page_starts=list(read.decoded.page_starts),
        read_by_ocr=read.decoded.ocr, title=(metadata.title or "")[:500],
        issuer=(metadata.issuer or "")[:300], number=(metadata.number or "")[:100], issued_on=metadata.date,
        date_not_before=metadata.date_not_before, date_not_after=metadata.date_not_after,
        reference_date=metadata.reference_date, area=area, ingested_by=user,
    )
    fields["identity"] = versions.report_identity(file_name=file_name, number=fields["number"],
                                                  issuer=fields["issuer"], issued_on=fields["issued_on"])
    # Looked for in `area` only, which the caller has checked the user may write for.
    document = _same_report(area=area, identity=fields["identity"])
    if document is not None and document.sha256 != sha256 and not (replace or redating):
        raise _new_version_needs_consent(document)
    stale_keys: set[quality.ObservationKey] = set()
    reviews: dict[tuple, tuple] = {}
    if document is None:
        document = Document(file_name=file_name, **fields)
        _history_note(document, user, "ingested")
        document.save()
        outcome = CREATED
    elif document.sha256 == sha256 and not redating:
        raise _already_stored(document)
    else:
        stale_keys = set().union(*(
            quality.observation_keys(o) for o in document.observations.filter(in_conflict=True)
            .only("indicator_id", "namesake_id", "area_id", "period_start", "period_end", "breakdown")))
        versions.version_keep(document, replaced_by=user)
        reviews = _reviews_of(document)
        document.observations.all().delete()
        document.warnings.all().delete()
        for name, value in fields.items():
            setattr(document, name, value)
        document.file_name = file_name  # the same report under a new name keeps its new one
        _history_note(document, user, "re-dated" if redating else "replaced")
        document.save()
        outcome = REPLACED
    terms = Term.objects.filter(label__in=metadata.terms)
    if metadata.reference_date:
        # "chuẩn bị nhân sự nhiệm kỳ 2025-2030": a term not yet begun is planned, not reported on.
        terms = terms.filter(start__lte=metadata.reference_date)
    document.terms.set(terms)
    return document, outcome, stale_keys, reviews


REVIEW_KEY_FIELDS = ("indicator_id", "area_id", "period_start", "period_end", "breakdown", "value")
REVIEW_FIELDS = ("status", "reviewed_by_id", "reviewed_at", "review_reason")


def _reviews_of(document: Document) -> dict[tuple, tuple]:
    """The reviews of a version's numbers, by the fact and value they vouch for."""
    rows = (document.observations.exclude(status=Observation.EXTRACTED).order_by("id")
            .values_list(*REVIEW_KEY_FIELDS, *REVIEW_FIELDS))
    return {row[:len(REVIEW_KEY_FIELDS)]: row[len(REVIEW_KEY_FIELDS):] for row in rows}


def _reviews_carry_over(observations: list[Observation], reviews: dict[tuple, tuple]) -> None:
    """A new version's number that states the same value of the same fact keeps the review the old one had:
    a person checked that value, and a replacement must not undo their work."""
    if not reviews:
        return
    for observation in observations:
        review = reviews.get(tuple(getattr(observation, name) for name in REVIEW_KEY_FIELDS))
        if review is not None:
            for name, value in zip(REVIEW_FIELDS, review):
                setattr(observation, name, value)


def _same_report(*, area, identity: str) -> Document | None:
    """The stored report this one is a version of (reports.versions.report_identity), locked."""
    return Document.objects.select_for_update().select_related("area").filter(area=area, identity=identity).first()


def _new_version_needs_consent(stored: Document) -> NewVersionNeedsConsent:
    when = f"{stored.ingested_at:%d/%m/%Y}"
    return NewVersionNeedsConsent(
        f"Đã có văn bản này (“{stored.file_name}”, {stored.area.name}, nhập ngày {when}) với nội dung khác: chọn "
        f"“thay phiên bản cũ” (--replace) để thay, phiên bản cũ được giữ lại / this report is already stored "
        f"(“{stored.file_name}”, {stored.area.name}, ingested {when}) with other content: choose “replace the "
        f"stored version” (--replace) to replace it; the old version is kept")


def _history_note(document: Document, user, reason: str) -> None:
    """Who and why, for the document's history entry (the worker and the command have no request)."""
    document._history_user = user
    document._change_reason = reason


# --- observations -----------------------------------------------------------------------------

def breakdown_string(breakdown: dict[str, str]) -> str:
    """The canonical breakdown: 'dimension=option' pairs sorted by dimension, joined by '; ', each option
    plain text (reports.extraction.facts.breakdown_option), fitted to the field between words."""
    return _canonical_breakdown(breakdown, max_length=Observation._meta.get_field("breakdown").max_length)


def local_indicator_code(*, family: str, unit: str, concept: str) -> str:
    """A report-specific indicator's code: the same concept in the same family and unit gets the
    same code in every report, so its numbers can be compared (and conflict) across reports."""
    plain = concept.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "unnamed"
    if len(slug) > LOCAL_CODE_MAX_SLUG:
        digest = hashlib.sha1(concept.encode()).hexdigest()[:8]
        slug = f"{slug[:LOCAL_CODE_MAX_SLUG - 9]}_{digest}"
    return f"local.{family}.{unit}.{slug}"


def _indicators_for(facts: list[Fact]) -> dict[str, Indicator]:
    """Indicator per code each fact maps to (see _fact_code), creating what is missing in two queries."""
    wanted: dict[str, Indicator] = {}
    catalogue = catalogue_by_code()
    namesakes = [(fact.namesake_code, fact) for fact in facts if fact.namesake_code in catalogue]
    for code, fact in [(_fact_code(fact), fact) for fact in facts] + namesakes:
        if code in wanted:
            continue
        entry = catalogue.get(code)
        if entry is not None:
            # The catalogue file is the reference; a database not yet loaded gets the entry now.
            wanted[code] = Indicator(
                code=code, in_catalogue=True, name_vi=entry["name_vi"], name_en=entry["name_en"],
                family=entry["family"], unit=entry["unit"], kind=entry["kind"],
                description=entry["description"], phrases=entry["phrases"])
        else:
            stock_entry = catalogue.get(fact.indicator_code or "")
            name = f"{stock_entry['name_vi']} — thay đổi trong kỳ" if stock_entry else _fact_concept(fact)
            wanted[code] = Indicator(
                code=code, in_catalogue=False, name_vi=name[:300], family=fact.family,
                unit=fact.unit, kind=Indicator.STOCK if fact.is_stock else Indicator.FLOW)
    existing = {i.code: i for i in Indicator.objects.filter(code__in=wanted)}
    missing = [i for code, i in wanted.items() if code not in existing]
    if missing:
        Indicator.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {i.code: i for i in Indicator.objects.filter(code__in=wanted)}
    return existing


def _fact_concept(fact: Fact) -> str:
    return fact.concept or fact.quote


def _fact_code(fact: Fact) -> str:
    """The catalogue indicator the extractor chose, unless the number cannot be one of its values:
    a rate never goes into a count's series (8,2% of members is not a number of members), and a
    change over a period never goes into a stock's series (giảm 153 đơn vị is not a count of units)."""
    entry = catalogue_by_code().get(fact.indicator_code) if fact.indicator_code else None
    if entry is not None and (fact.unit == "percent") == (entry["unit"] == "percent"):
        if fact.is_stock or entry["kind"] == Indicator.FLOW:
            return fact.indicator_code
        return local_indicator_code(family=fact.family, unit=fact.unit, concept=f"{entry['name_vi']} thay đổi")
    return local_indicator_code(family=fact.family, unit=fact.unit, concept=_fact_concept(fact))


def _within(budget: Budget | None, items: list) -> Iterator:
    """`items`, the budget checked before each OBSERVATIONS_PER_WRITE of them: a report of hundreds of
    thousands of numbers takes seconds in the parent too."""
    for number, item in enumerate(items):
        if budget is not None and number % OBSERVATIONS_PER_WRITE == 0:
            budget.check()
        yield item


def _observations_build(*, document: Document, facts: list[Fact], warnings: list[DocumentWarning],
                        budget: Budget | None = None) -> list[Observation]:
    """Unsaved Observations for the facts, within `budget`; a fact that cannot be stored as given adds a warning."""
    indicators = _indicators_for(facts)
    areas = _AreaResolver(document)
    observations: list[Observation] = []
    seen: set[tuple] = set()

    def warn(fact: Fact, code: str, message: str) -> None:
        warnings.append(DocumentWarning(document=document, line=fact.line or None, code=code, message=message,
                                        quote=fact.quote))

    for fact in _within(budget, facts):
        value = _storable_value(fact.value)
        if value is None:
            warn(fact, "value_out_of_range",
                 f"Số quá lớn, không lưu / number too large to be a count, not stored: {fact.value}")
            continue
        start, end = fact.period_start, fact.period_end
        if end is None:
            if document.reference_date is None:
                warn(fact, "undated_fact", "Không xác định được thời điểm, không lưu / no date for this number, not stored")
                continue
            # An undated number in a report describes the situation when the report was written.
            start = end = document.reference_date
            warn(fact, "dated_by_document",
                 f"Không rõ thời điểm, lấy ngày văn bản {end:%d/%m/%Y} / no period stated: dated by the document")
        elif start is None:
            start = end
        impossible = _period_problem(start, end)
        if impossible:
            warn(fact, "period_impossible", impossible)
            continue
        area = document.area
        if fact.area_name:
            written = f"{fact.area_prefix} {fact.area_name}" if fact.area_prefix else fact.area_name
            resolved = areas.resolve(written, fact.area_level, former=fact.area_former)
            if isinstance(resolved, Area):
                area = resolved
            else:
                warn(fact, "area_unresolved",
                     f"Không tra được địa danh “{fact.area_name}”, ghi cho {document.area.name} / place "
                     f"“{fact.area_name}” not found ({resolved}); the number is kept under {document.area.name}")
        observation = Observation(
            indicator=indicators[_fact_code(fact)], area=area, period_start=start, period_end=end, value=value,
            breakdown=breakdown_string(fact.breakdown), qualifier=fact.qualifier[:30],
            method=fact.method, document=document, source_line=fact.line or None, quote=fact.quote,
            source_start=fact.column_start, source_end=fact.column_end,
            source_table=fact.table[:100], source_row=fact.row[:300], source_column=fact.column[:300],
            namesake=indicators.get(fact.namesake_code or ""),
        )
        # The same number read twice (by two readings of one span) is one statement.
        identity = (observation.source_line, observation.source_start, observation.indicator.code, area.pk, start,
                    end, observation.breakdown, value, observation.source_column)
        if identity in seen:
            continue
        seen.add(identity)
        observations.append(observation)
    _set_apart_unattributed_numbers(observations, warnings, document=document, budget=budget)
    return observations


def _storable_value(value) -> Decimal | None:
    """The value as Observation.value stores it (4 decimals), or None when it cannot be one: beyond
    MAX_VALUE (a 25-digit number would not even fit the decimal context), infinite, not a number."""
    try:
        number = Decimal(value)
        if not number.is_finite() or abs(number) >= MAX_VALUE:
            return None
        return number.quantize(Decimal("0.0001"))
    except (decimal.InvalidOperation, TypeError, ValueError):
        return None


def _period_problem(start, end) -> str | None:
    """Why a period cannot be stored (a bilingual message), or None: not dates, reversed ("2025 - 2020"),
    or outside MIN_YEAR..MAX_YEAR."""
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return f"Thời kỳ không đọc được, không lưu / the period is not a date ({start!r} – {end!r}): not stored"
    if start > end:
        return (f"Thời kỳ ngược ({start:%d/%m/%Y} – {end:%d/%m/%Y}), không lưu / reversed period "
                f"(from {start:%d/%m/%Y} to {end:%d/%m/%Y}): not stored")
    if start.year < MIN_YEAR or end.year > MAX_YEAR:
        return (f"Thời kỳ ngoài các năm {MIN_YEAR}–{MAX_YEAR} ({start:%d/%m/%Y} – {end:%d/%m/%Y}), không lưu / "
                f"period outside the years {MIN_YEAR}–{MAX_YEAR} (from {start:%d/%m/%Y} to {end:%d/%m/%Y}): "
                f"not stored")
    return None


def _set_apart_unattributed_numbers(observations: list[Observation], warnings: list[DocumentWarning], *,
                                    document: Document, budget: Budget | None = None) -> None:
    """A report states one total per indicator, place and period. When its sentences yield several
    different numbers with no breakdown for one of them, the extractor missed what tells them apart
    ("21 cơ quan (20 sở, ... 01 ...)"); the conflict check leaves such prose pairs alone for that
    reason. The first exact one stated stays the total; the others keep their own words as their breakdown, so
    a chart's total line never jumps between them and nothing is lost. One warning says so."""
    groups: dict[tuple, list[Observation]] = {}
    lines: list[str] | None = None
    for observation in observations:
        if observation.method == Observation.NARRATIVE and not observation.breakdown:
            key = (observation.indicator.code, observation.area.pk, observation.period_start, observation.period_end)
            groups.setdefault(key, []).append(observation)
    for group in groups.values():
        # An approximate number ("gần 900") is no total when an exact one is stated.
        total = next((o for o in group if not o.qualifier), group[0])
        # a number equal to the total but stated beside it ("01 đảng bộ thị xã, 01 đảng bộ thành phố") is another
        others = [o for o in group if o is not total and (
            o.value != total.value or o.source_line == total.source_line and o.source_start != total.source_start)]
        if not others:
            continue
        lines = lines if lines is not None else document.text.split("\n")
        for observation in _within(budget, others):
            # the words leading up to the number, cut between words: "…đảng ủy trực thuộc … 153 tập thể"
            words = breakdown_option(observation.quote, limit=UNATTRIBUTED_WORDS, keep="end",
                                     cut_before=_quote_begins_mid_clause(observation, lines)) \
                or f"{observation.value.normalize():f}"
            observation.breakdown = breakdown_string({"unattributed": words})
        listed = ", ".join(f"{o.value.normalize():f} (dòng/line {o.source_line})" for o in others)
        warnings.append(DocumentWarning(
            document=document, line=total.source_line, code="unattributed_numbers", quote=total.quote,
            message=(f"{total.indicator.code}, {total.area.name}, {total.period_end:%d/%m/%Y}: văn bản nêu nhiều số "
                     f"không rõ phân tổ; giữ {total.value.normalize():f} (nêu trước) làm tổng, các số {listed} ghi là "
                     f"phân tổ chưa xác định / several numbers with no breakdown: the first stated is the total, "
                     f"the others are kept as unattributed parts")))


_CLAUSE_START_CHARS = frozenset(".,;:(!?…-–—•+>")
_SPACING_CHARS = frozenset(" \t*_")


def _quote_begins_mid_clause(observation: Observation, lines: list[str]) -> bool:
    """Whether a number's quote starts inside a clause of its line (its context reaches back only so far),
    so that its words are a piece of a phrase: "kỳ đến nay, ..." of "... nhiệm kỳ đến nay, ...".
    Only the quote's neighbourhood is read, never the whole line: a report may be one 10 MB line."""
    if not observation.source_line or observation.source_line > len(lines):
        return False
    line, quote = lines[observation.source_line - 1], observation.quote
    number_at = observation.source_start if observation.source_start is not None else len(line)
    # The occurrence of the quote that holds the number (its words may come earlier in the line too).
    reach = 2 * len(quote) + QUOTE_SEARCH_SLACK
    start = line.rfind(quote, max(0, number_at - reach), number_at + len(quote))
    if start < 0:
        start = line.find(quote, max(0, number_at - reach), number_at + reach)
    before = max(start, 0)
    while before > 0 and line[before - 1] in _SPACING_CHARS:
        before -= 1
    return before > 0 and line[before - 1] not in _CLAUSE_START_CHARS


# --- summaries of stored documents -------------------------------------------------------------

def _summary_of_stored(document: Document, *, dry_run: bool) -> IngestSummary:
    by_family = Counter(dict(
        Observation.objects.filter(document=document).values_list("indicator__family")
        .annotate(n=Count("id")).order_by()))
    return IngestSummary(
        file_name=document.file_name, sha256=document.sha256, outcome=ALREADY_INGESTED, dry_run=dry_run,
        document_id=document.pk, title=document.title, issuer=document.issuer, number=document.number,
        issued_on=document.issued_on, date_not_before=document.date_not_before,
        date_not_after=document.date_not_after, reference_date=document.reference_date,
        area_name=document.area.name, terms=sorted(document.terms.values_list("label", flat=True)),
        observations_by_family=dict(by_family),
        warnings=[SummaryWarning(w.line, w.code, w.message, w.quote) for w in document.warnings.all()],
    )
