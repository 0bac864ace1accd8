from django.contrib import admin

from reports.models import Document, DocumentWarning


class DocumentWarningInline(admin.TabularInline):
    model = DocumentWarning
    extra = 0
    fields = ("line", "code", "message", "quote")
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("file_name", "title", "issuer", "issued_on", "reference_date", "area", "ingested_at")
    search_fields = ("file_name", "title", "issuer", "number")
    list_select_related = ("area",)
    readonly_fields = ("sha256", "size_bytes", "ingested_at", "ingested_by")
    exclude = ("text",)  # large; read on the document page
    inlines = [DocumentWarningInline]


@admin.register(DocumentWarning)
class DocumentWarningAdmin(admin.ModelAdmin):
    list_display = ("document", "line", "code", "message")
    list_filter = ("code",)
    list_select_related = ("document",)
    search_fields = ("message", "quote", "document__file_name")
