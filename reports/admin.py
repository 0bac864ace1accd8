from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from reports import permissions
from reports.models import Document, DocumentWarning, ProvinceGrant


class DocumentWarningInline(admin.TabularInline):
    model = DocumentWarning
    extra = 0
    fields = ("line", "code", "message", "quote")
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # its history is the audit page's (/audit/?document=ID)
    list_display = ("file_name", "title", "issuer", "issued_on", "reference_date", "area", "ingested_at")
    search_fields = ("file_name", "title", "issuer", "number")
    list_select_related = ("area",)
    readonly_fields = ("sha256", "size_bytes", "ingested_at", "ingested_by")
    exclude = ("text",)  # large; read on the document page
    inlines = [DocumentWarningInline]

    # Staff see and change only the documents of their provinces, as everywhere else (reports/permissions.py).
    def get_queryset(self, request):
        return super().get_queryset(request).filter(permissions.areas_q(request.user))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or permissions.may_write_for(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or permissions.may_write_for(request.user, obj))


@admin.register(DocumentWarning)
class DocumentWarningAdmin(admin.ModelAdmin):
    list_display = ("document", "line", "code", "message")
    list_filter = ("code",)
    list_select_related = ("document",)
    search_fields = ("message", "quote", "document__file_name")


class ProvinceGrantInline(admin.TabularInline):
    """The provinces an editor writes for, granted on the user's own admin page."""

    model = ProvinceGrant
    fk_name = "user"
    extra = 1
    fields = ("province", "granted_by", "granted_at")
    readonly_fields = ("granted_by", "granted_at")

    # Granting a province is the national role's (or a superuser's): no one grants themselves one.
    def _may_grant(self, request) -> bool:
        return permissions.writable_province_ids(request.user) is None

    def has_add_permission(self, request, obj=None):
        return self._may_grant(request)

    def has_change_permission(self, request, obj=None):
        return self._may_grant(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_grant(request)


class EditorAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ProvinceGrantInline]

    def save_formset(self, request, form, formset, change):
        for grant in formset.save(commit=False):
            grant.granted_by = grant.granted_by or request.user
            grant.save()
        formset.save_m2m()
        for removed in formset.deleted_objects:
            removed.delete()


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), EditorAdmin)
