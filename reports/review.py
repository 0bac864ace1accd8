"""Review: a person marks extracted numbers verified or rejected, one, a whole table, or by choosing one
value of a conflict. Every change is written with its history (who, when, why: django-simple-history)
and only within the provinces the reviewer may write for (reports/permissions.py)."""
from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from indicators.models import Observation
from indicators.templatetags.number_format import format_stated_value
from reports import permissions, quality
from reports.decoding import ReportRejected
from reports.models import Document
from reports.permissions import NotPermitted

REVIEW_STATUSES = (Observation.VERIFIED, Observation.REJECTED, Observation.EXTRACTED)
REVIEWED_FIELDS = ["status", "reviewed_by", "reviewed_at", "review_reason"]
REASON_MAX_CHARS = 1000
CHANGE_REASONS = {Observation.VERIFIED: "verified", Observation.REJECTED: "rejected", Observation.EXTRACTED: "reopened"}


class ReviewRefused(ReportRejected):
    """The review asked for cannot be done; the message says why, in Vietnamese and English."""

    status = 400


def _reason_checked(status: str, reason: str) -> str:
    if status not in REVIEW_STATUSES:
        raise ReviewRefused(f"Trạng thái không hợp lệ “{status}” / not a review status: “{status}”")
    reason = " ".join((reason or "").split())
    if status == Observation.REJECTED and not reason:
        raise ReviewRefused("Cần ghi lý do khi loại bỏ một số liệu / a rejection needs a reason")
    if len(reason) > REASON_MAX_CHARS:
        raise ReviewRefused(f"Lý do quá dài (tối đa {REASON_MAX_CHARS} ký tự) / the reason is too long "
                            f"(at most {REASON_MAX_CHARS} characters)")
    return reason


@transaction.atomic
def observations_review(*, user, observations: QuerySet[Observation], status: str, reason: str = "") -> int:
    """Mark `observations` `status` (a rejection with its reason); returns how many changed. All of them or
    none: one outside the reviewer's provinces refuses the whole review (NotPermitted). A rejected number no
    longer contradicts the others, so the conflict flags of its facts are judged again."""
    reason = _reason_checked(status, reason)
    rows = list(observations.select_related("area__parent__parent", "document__ingested_by")
                .select_for_update(of=("self",)))
    if not rows:
        raise ReviewRefused("Không có số liệu nào để xác minh / no numbers to review")
    refused = sorted({o.area.name for o in rows if not permissions.may_write_for(user, o.area)})
    if refused:
        raise NotPermitted(f"Bạn không có quyền xác minh số liệu của {', '.join(refused)} / you may not review "
                           f"numbers of {', '.join(refused)}")
    changed = [o for o in rows if (o.status, o.review_reason) != (status, reason)]
    restored = [o for o in changed if o.status == Observation.REJECTED and status != Observation.REJECTED]
    now = timezone.now()
    for observation in changed:
        observation._reviewed_before = (observation.status, observation.reviewed_by_id, observation.reviewed_at,
                                        observation.review_reason)
        observation.status, observation.reviewed_by, observation.reviewed_at = status, user, now
        observation.review_reason = reason
    if changed:
        _history_baseline(changed)
        change_reason = CHANGE_REASONS[status] + (f": {reason}" if reason else "")
        bulk_update_with_history(changed, Observation, REVIEWED_FIELDS, default_user=user,
                                 default_change_reason=change_reason[:100])
        keys = set().union(*(quality.observation_keys(o) for o in changed))
        quality.conflict_flags_refresh(keys=keys)
        _conflicts_flag_again(restored)
    return len(changed)


def _history_baseline(observations: list[Observation]) -> None:
    """A number's first history row, as it was extracted, for those that have none yet: ingestion writes
    its thousands of numbers without a row each, so before its first review a number's "before" is
    recorded here, dated and signed as its ingestion was."""
    recorded = set(Observation.history.filter(id__in=[o.pk for o in observations]).values_list("id", flat=True))
    baseline = []
    for observation in observations:
        if observation.pk in recorded:
            continue
        original = Observation(**{f.attname: getattr(observation, f.attname) for f in Observation._meta.concrete_fields})
        original.status, original.reviewed_by_id, original.reviewed_at, original.review_reason = (
            observation._reviewed_before)
        original._history_date = observation.created_at
        original._history_user = observation.document.ingested_by if observation.document_id else None
        baseline.append(original)
    if baseline:
        Observation.history.bulk_history_create(baseline, default_change_reason="extracted")


def _conflicts_flag_again(restored: list[Observation]) -> None:
    """A rejected number taken back may contradict others again: its documents are checked anew (their
    flags set; the warnings the check returns already stand from their ingestion)."""
    for document in Document.objects.filter(pk__in={o.document_id for o in restored if o.document_id}):
        quality.document_conflicts_detect(document=document)


def table_review(*, user, document, source_table: str, status: str, reason: str = "") -> int:
    """Every number read from one table of a document ("Biểu số 3"), at once."""
    observations = Observation.objects.filter(document=document, source_table=source_table,
                                              method=Observation.TABLE)
    return observations_review(user=user, observations=observations, status=status, reason=reason)


@transaction.atomic
def conflict_choose(*, user, chosen: Observation, group: list[Observation]) -> int:
    """Resolve a conflict by choosing one value: it, and every statement of the same value, is verified;
    the others are rejected, the choice written as their reason (value, document and line of the one chosen)."""
    others = [o for o in group if o.value != chosen.value]
    if not others:
        raise ReviewRefused("Số liệu này không mâu thuẫn với số nào / this number contradicts nothing")
    source = chosen.document.file_name if chosen.document_id else "nhập tay / entered by hand"
    line = f", dòng / line {chosen.source_line}" if chosen.source_line else ""
    value = format_stated_value(chosen.value, chosen.indicator.unit, chosen.qualifier)
    reason = f"Đã chọn giá trị {value} ({source}{line}) / chose {value} ({source}{line})"
    agreeing = [o.pk for o in group if o.value == chosen.value] + [chosen.pk]
    verified = observations_review(user=user, observations=Observation.objects.filter(pk__in=agreeing),
                                   status=Observation.VERIFIED)
    rejected = observations_review(user=user, observations=Observation.objects.filter(pk__in=[o.pk for o in others]),
                                   status=Observation.REJECTED, reason=reason)
    return verified + rejected
