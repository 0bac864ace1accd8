"""The store: administrative units in time, terms, the indicator catalogue and observations.

Vocabulary follows DHIS2: an Area is an organisation unit, an Indicator a data element, an
Observation a data value for (indicator, area, period, breakdown).
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

FAMILY_CHOICES = [
    ("party_members", "Đảng viên / Party members"),
    ("party_organizations", "Tổ chức đảng / Party organisations"),
    ("staff", "Biên chế / Staff and payroll"),
    ("admin_units", "Đơn vị hành chính / Administrative units"),
    ("public_bodies", "Cơ quan, đơn vị / Public bodies"),
    ("discipline", "Kiểm tra, kỷ luật / Inspection and discipline"),
    ("cadres", "Công tác cán bộ / Cadres"),
    ("elections", "Bầu cử / Elections"),
    ("admin_reform", "Cải cách hành chính / Administrative reform"),
    ("other", "Khác / Other"),
]
UNIT_CHOICES = [
    ("person", "người / persons"),
    ("party_member", "đảng viên / party members"),
    ("organization", "tổ chức / organisations"),
    ("unit", "đơn vị / units"),
    ("case", "vụ việc / cases"),
    ("percent", "% / percent"),
    ("ratio", "tỷ số / ratio"),
    ("times", "lượt / times"),
    ("other", "khác / other"),
]


class Area(models.Model):
    """An administrative unit during its validity. Identity is code plus validity: after
    2025-07-01 a merged unit may keep a predecessor's code and name and is still another row."""

    PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
    LEVEL_CHOICES = [(PROVINCE, "Tỉnh / Province"), (DISTRICT, "Huyện / District"), (COMMUNE, "Xã / Commune")]

    key = models.CharField(max_length=32, unique=True, help_text="Stable identifier used in URLs")
    code = models.CharField(max_length=10, help_text="GSO code (may be reused by a successor)")
    level = models.CharField(max_length=10, choices=LEVEL_CHOICES)
    name = models.CharField(max_length=120, help_text="Full name with prefix, e.g. Tỉnh Bắc Giang")
    short_name = models.CharField(max_length=100, help_text="Name without prefix, e.g. Bắc Giang")
    search_name = models.CharField(max_length=100, db_index=True, help_text="Lowercase, no diacritics")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(null=True, blank=True, help_text="Empty: existed before the records begin")
    valid_to = models.DateField(null=True, blank=True, help_text="Empty: still in force")

    class Meta:
        ordering = ["level", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="area_code_level_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="area_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["level", "search_name"])]

    def __str__(self):
        return self.name


class AreaLineage(models.Model):
    """A predecessor handing all or part of its territory to a successor on a date."""

    MERGE, SPLIT, RENAME = "merge", "split", "rename"
    EVENT_CHOICES = [(MERGE, "Sáp nhập / Merge"), (SPLIT, "Chia tách / Split"), (RENAME, "Đổi tên / Rename")]

    predecessor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="predecessor_links")
    event = models.CharField(max_length=10, choices=EVENT_CHOICES)
    effective_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_date"], name="lineage_unique"
            ),
            models.CheckConstraint(condition=~Q(predecessor=F("successor")), name="lineage_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class Term(models.Model):
    PARTY_CONGRESS, PEOPLES_COUNCIL = "party_congress", "peoples_council"
    KIND_CHOICES = [
        (PARTY_CONGRESS, "Nhiệm kỳ Đại hội Đảng / Party-congress term"),
        (PEOPLES_COUNCIL, "Nhiệm kỳ HĐND / People's Council term"),
    ]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    label = models.CharField(max_length=20, help_text="e.g. 2020-2025")
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["kind", "start"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], name="term_kind_label_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="term_end_after_start"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.label}"

    @property
    def key(self):
        return f"{self.kind}:{self.label}"


class Indicator(models.Model):
    STOCK, FLOW = "stock", "flow"
    KIND_CHOICES = [(STOCK, "Thời điểm / Stock"), (FLOW, "Thời kỳ / Flow")]

    code = models.CharField(max_length=200, unique=True)
    name_vi = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    family = models.CharField(max_length=30, choices=FAMILY_CHOICES, db_index=True)
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    description = models.TextField(blank=True)
    phrases = models.JSONField(default=list, blank=True)
    in_catalogue = models.BooleanField(
        default=True, help_text="False: made for one report's table where no catalogue indicator fits"
    )

    class Meta:
        ordering = ["family", "code"]

    def __str__(self):
        return self.name_vi


class ChangeHistory(HistoricalRecords):
    """django-simple-history for rows changed one at a time (a review, an edit in the admin). Deletions
    are not recorded row by row: Observation's are whole documents' numbers, replaced with their
    document (whose own history records it); a delete signal would also stop Django deleting them in
    one statement."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            models.signals.post_delete.disconnect(self.post_delete, sender=sender)
            models.signals.pre_delete.disconnect(self.pre_delete, sender=sender)


class Observation(models.Model):
    EXTRACTED, VERIFIED, REJECTED = "extracted", "verified", "rejected"
    STATUS_CHOICES = [(EXTRACTED, "Trích xuất / Extracted"), (VERIFIED, "Đã xác minh / Verified"), (REJECTED, "Loại bỏ / Rejected")]
    TABLE, NARRATIVE, IMPORT, MANUAL = "table", "narrative", "import", "manual"
    METHOD_CHOICES = [(TABLE, "Bảng / Table"), (NARRATIVE, "Văn bản / Narrative"), (IMPORT, "Nhập / Import"), (MANUAL, "Thủ công / Manual")]

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    period_start = models.DateField()
    period_end = models.DateField(help_text="A stock has period_start == period_end")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    breakdown = models.CharField(
        max_length=300, blank=True, default="",
        help_text="Disaggregation as sorted 'dimension=option' pairs joined by '; ', empty for the total",
    )
    qualifier = models.CharField(max_length=30, blank=True, default="", help_text="gần, hơn, trên, khoảng…")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=EXTRACTED)
    method = models.CharField(max_length=10, choices=METHOD_CHOICES)
    document = models.ForeignKey(
        "reports.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="observations"
    )
    source_line = models.PositiveIntegerField(null=True, blank=True, help_text="1-based line in the document")
    source_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="0-based character offset in its line where the number starts")
    source_end = models.PositiveIntegerField(null=True, blank=True, help_text="…and where it ends (exclusive)")
    quote = models.TextField(blank=True)
    source_table = models.CharField(max_length=100, blank=True, default="")
    source_row = models.CharField(max_length=300, blank=True, default="")
    source_column = models.CharField(max_length=300, blank=True, default="")
    in_conflict = models.BooleanField(default=False, help_text="Another source gives another value for the same fact")
    namesake = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        help_text="The catalogue indicator a table row's own words name while the row counts within a narrower "
                  "scope (a sub-row of '… thực hiện sắp xếp'): compared with it for conflicts, never charted as it",
    )
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="Who verified or rejected it")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True, help_text="Why it was rejected (or which value was chosen)")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Every change one at a time (a review, an edit in the admin) kept with who made it and why; the
    # thousands a report's ingestion writes at once are its document's history entry, not one each.
    history = ChangeHistory(excluded_fields=["created_at", "updated_at"])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="observation_period_order"),
            # Re-ingesting the same words never duplicates a number.
            models.UniqueConstraint(
                fields=["document", "source_line", "source_start", "indicator", "area", "period_start", "period_end",
                        "breakdown", "value", "source_column"],
                name="observation_source_unique",
            ),
        ]
        indexes = [
            # Province and indicator pages: one area's series, one indicator across areas.
            models.Index(fields=["area", "indicator", "period_end"], name="obs_area_indicator_end"),
            models.Index(fields=["indicator", "period_end"], name="obs_indicator_end"),
            models.Index(fields=["document", "source_line"], name="obs_document_line"),
            models.Index(fields=["period_end", "id"], name="obs_end_id"),
            # Conflict checks against namesake rows: few, so a partial index stays small.
            models.Index(fields=["namesake", "area", "period_end"], name="obs_namesake_area_end",
                         condition=Q(namesake__isnull=False)),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.area_id} {self.period_end}: {self.value}"

    @property
    def is_stock(self):
        return self.period_start == self.period_end
