"""Source documents and what ingestion noticed in them."""
from bisect import bisect_right

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Document(models.Model):
    """One ingested report, its current version (its content hash). The same report is the same place and
    either the same number, issuer and date, or, for a report that states no number, the same file name:
    a file of the same name from another place is another document. Earlier versions: DocumentVersion."""

    file_name = models.CharField(max_length=255)
    identity = models.CharField(max_length=500, default="", help_text="What makes it the same report in its place: "
                                "reports.versions.report_identity (its number, issuer and date, or its file name)")
    sha256 = models.CharField(max_length=64, unique=True)
    size_bytes = models.PositiveIntegerField()
    text = models.TextField(help_text="NFC-normalised text; line numbers refer to it")
    page_starts = models.JSONField(default=list, blank=True,
                                   help_text="For a PDF, the line (1-based) each printed page starts on")
    read_by_ocr = models.BooleanField(default=False, help_text="The text was recognised from pictures of the pages")
    title = models.CharField(max_length=500, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    number = models.CharField(max_length=100, blank=True)
    issued_on = models.DateField(null=True, blank=True, help_text="The date the report states, if complete")
    date_not_before = models.DateField(null=True, blank=True)
    date_not_after = models.DateField(null=True, blank=True)
    reference_date = models.DateField(null=True, blank=True, help_text="The date 'hiện nay' and 'đến nay' resolve to")
    area = models.ForeignKey("indicators.Area", on_delete=models.PROTECT, related_name="documents")
    terms = models.ManyToManyField("indicators.Term", blank=True, related_name="documents")
    ingested_at = models.DateTimeField(auto_now=True)
    ingested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Each ingestion, replacement and edit with who and why (its text is the version's, not repeated here)
    history = HistoricalRecords(excluded_fields=["text", "page_starts"])

    class Meta:
        ordering = ["-issued_on", "file_name"]
        constraints = [models.UniqueConstraint(fields=["area", "identity"], name="document_area_identity_unique")]
        permissions = [("ingest_document", "Can upload and ingest reports"),
                       ("edit_all_provinces", "May write for every province (national role)")]

    def __str__(self):
        return self.title or self.file_name

    @property
    def lines(self):
        return self.text.split("\n")

    def printed_page_of(self, line: int) -> int | None:
        """The printed page (1-based) holding `line`, for a PDF; None for a text or Word file."""
        return (bisect_right(self.page_starts, line) or None) if self.page_starts else None


class DocumentVersion(models.Model):
    """A document's earlier version, kept readable when a new one replaced it: its text, what it said,
    the numbers read from it (as the export rows, `observations`), who ingested it and who replaced it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first version, and so on")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveIntegerField()
    text = models.TextField()
    page_starts = models.JSONField(default=list, blank=True)
    title = models.CharField(max_length=500, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    doc_number = models.CharField(max_length=100, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    reference_date = models.DateField(null=True, blank=True)
    area = models.ForeignKey("indicators.Area", on_delete=models.PROTECT, related_name="+")
    ingested_at = models.DateTimeField()
    ingested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    observations = models.JSONField(default=list, help_text="The version's numbers, reports.versions.SNAPSHOT_FIELDS")
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def lines(self):
        return self.text.split("\n")


class ProvinceGrant(models.Model):
    """A province an editor may write for: upload, replace, verify and reject its documents and numbers,
    its districts' and communes' too, and its predecessors' (reports/permissions.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="province_grants")
    province = models.ForeignKey("indicators.Area", on_delete=models.PROTECT, related_name="grants",
                                 limit_choices_to={"level": "province"})
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "province"], name="province_grant_unique")]
        verbose_name = "Tỉnh được giao / Province granted"
        verbose_name_plural = "Tỉnh được giao / Provinces granted"

    def __str__(self):
        return f"{self.user} · {self.province}"


class DocumentWarning(models.Model):
    """Something ingestion could not read or that failed a check; shown, never swallowed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="warnings")
    line = models.PositiveIntegerField(null=True, blank=True)
    code = models.CharField(max_length=40)
    message = models.TextField()
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "line", "id"]

    def __str__(self):
        return f"{self.document}:{self.line} {self.code}"


class IngestJob(models.Model):
    """An upload waiting for, going through or done with ingestion in the background (reports/tasks.py).

    The file's bytes are kept here, in the database the worker reads, until the ingest succeeded (a failed
    one can be retried); the summary is what the upload page shows when it is done."""

    QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
    STATUS_CHOICES = [(QUEUED, "queued"), (RUNNING, "running"), (SUCCEEDED, "succeeded"), (FAILED, "failed")]
    # The stages of reports.services.document_ingest, in order; "stored" once its transaction committed.
    STAGES = ["", "decoded", "tables", "narrative", "checks", "stored"]

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size_bytes = models.PositiveIntegerField()
    data = models.BinaryField(editable=False)
    province = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    replace = models.BooleanField(default=False, help_text="The editor said a new version may replace the stored one")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    stage = models.CharField(max_length=10, blank=True, choices=[(s, s) for s in STAGES])
    message = models.TextField(blank=True, help_text="Why it failed, in Vietnamese and English")
    summary = models.JSONField(null=True, blank=True, help_text="reports.services.IngestSummary as JSON")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "sha256"], name="ingestjob_pending_idx")]

    def __str__(self):
        return f"{self.file_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.SUCCEEDED, self.FAILED)

    @property
    def progress(self) -> int:
        """Percent of the stages passed: 100 once done, whatever the outcome."""
        if self.finished:
            return 100
        return round(100 * self.STAGES.index(self.stage) / (len(self.STAGES) - 1))
