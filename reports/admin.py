from django.contrib import admin

from .models import DocumentNumber, Narrative, ReportFile, ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "kind",
        "campaign",
        "year",
        "status",
        "progress",
        "attempts",
        "created_at",
    )
    list_filter = ("status", "kind")
    search_fields = ("campaign__name", "campaign__code", "error", "worker")
    list_select_related = ("campaign",)
    raw_id_fields = ("campaign", "period", "session", "decision", "proposal", "requested_by")
    # Status and progress belong to the workers and the reaper (conditional updates).
    readonly_fields = (
        "status",
        "progress",
        "step",
        "error",
        "attempts",
        "worker",
        "created_at",
        "started_at",
        "heartbeat_at",
        "sent_at",
        "finished_at",
    )


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ("filename", "document_key", "version", "size", "number", "created_at")
    search_fields = ("filename", "document_key", "number", "sha256")
    raw_id_fields = ("job",)
    readonly_fields = ("sha256", "size", "created_at")


@admin.register(DocumentNumber)
class DocumentNumberAdmin(admin.ModelAdmin):
    list_display = ("organization", "doc_type", "year", "number", "document_key", "taken_at")
    list_filter = ("doc_type", "year")
    list_select_related = ("organization",)


@admin.register(Narrative)
class NarrativeAdmin(admin.ModelAdmin):
    list_display = ("campaign", "kind", "year", "updated_at")
    list_filter = ("kind", "year")
    list_select_related = ("campaign",)
    raw_id_fields = ("campaign", "updated_by")
