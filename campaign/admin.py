from django.contrib import admin

from .models import (
    AwardForm,
    Campaign,
    CampaignAwardForm,
    ContentItem,
    LegalBasis,
    LegalDocument,
    PlanStatement,
    SubjectCategory,
    TableExport,
)


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0
    autocomplete_fields = ["document"]


class PlanStatementInline(admin.TabularInline):
    model = PlanStatement
    extra = 0


class ContentItemInline(admin.TabularInline):
    model = ContentItem
    extra = 0


class SubjectCategoryInline(admin.StackedInline):
    model = SubjectCategory
    extra = 0


class CampaignAwardFormInline(admin.TabularInline):
    model = CampaignAwardForm
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "issuing_organization", "doc_number", "issued_year", "status"]
    list_filter = ["status", "issued_year"]
    search_fields = ["name", "code", "summary"]
    list_select_related = ["issuing_organization"]
    inlines = [
        LegalBasisInline,
        PlanStatementInline,
        ContentItemInline,
        SubjectCategoryInline,
        CampaignAwardFormInline,
    ]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "authority",
        "individual_coefficient",
        "collective_coefficient",
        "vote_threshold_percent",
        "quorum_percent",
        "requires_public_posting",
        "posting_working_days",
    ]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "issued_on", "issuer", "effective_from"]
    list_filter = ["kind"]
    search_fields = ["number", "title", "issuer"]


@admin.register(TableExport)
class TableExportAdmin(admin.ModelAdmin):
    """Background table exports: to see why one failed; they are written by workers only."""

    list_display = ["title", "format", "requested_by", "status", "rows", "attempts", "created_at"]
    list_filter = ["status", "format"]
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in TableExport._meta.fields]

    def has_add_permission(self, request):
        return False
