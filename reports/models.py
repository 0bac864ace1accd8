"""Source documents and what ingestion noticed in them."""
from django.conf import settings
from django.db import models


class Document(models.Model):
    """One ingested report. Its identity is the file name; its version is the content hash."""

    file_name = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(max_length=64, unique=True)
    size_bytes = models.PositiveIntegerField()
    text = models.TextField(help_text="NFC-normalised text; line numbers refer to it")
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

    class Meta:
        ordering = ["-issued_on", "file_name"]
        permissions = [("ingest_document", "Can upload and ingest reports")]

    def __str__(self):
        return self.title or self.file_name

    @property
    def lines(self):
        return self.text.split("\n")


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
