from django.contrib import admin

from .models import BaseSalary


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis", "verified"]


# --- Nominations, screening and posting ---------------------------------------------------------
from .models import Holiday, Nomination, NominationAttachment, PostingComment, Screening  # noqa: E402


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Public holidays and official days off: not working days for posting periods."""

    list_display = ["day", "name"]
    list_filter = [("day", admin.DateFieldListFilter)]
    search_fields = ["name"]
    date_hierarchy = "day"


class NominationAttachmentInline(admin.TabularInline):
    model = NominationAttachment
    extra = 0
    fields = ["original_name", "size", "content_type", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["nominee_name", "subject_type", "award_form", "unit", "status", "year"]
    list_filter = ["status", "subject_type", "award_form", "campaign"]
    search_fields = ["nominee_name", "nominee_name_folded", "unit__name"]
    raw_id_fields = ["campaign", "unit", "nominee_organization", "nominee_person"]
    readonly_fields = ["created_by", "created_at", "submitted_by", "submitted_at"]
    list_select_related = ["award_form", "unit"]
    inlines = [NominationAttachmentInline]


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ["nomination", "dossier_complete", "criteria_met", "screened_by", "screened_at"]
    raw_id_fields = ["nomination"]
    list_select_related = ["nomination__award_form"]


@admin.register(PostingComment)
class PostingCommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "nomination", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["author_name", "body"]
    raw_id_fields = ["nomination"]
    list_select_related = ["nomination__award_form"]


# --- Councils and sessions (sessions helper) ----------------------------------------------------
# Ballot, Participation and the session's tallies are deliberately not registered: ballots are
# never listed or edited by hand, and sessions change only through the screens' services.
from .models import Council, CouncilMember, Session  # noqa: E402


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["person"]
    fields = ["order", "person", "role"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "size"]
    search_fields = ["name", "organization__name"]
    raw_id_fields = ["organization"]
    list_select_related = ["organization"]
    inlines = [CouncilMemberInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Read-only: a session is scheduled, opened and closed in the portal's screens (a closed
    one cannot change at all: the database refuses it)."""

    list_display = ["title", "council", "scheduled_at", "status", "opened_at", "closed_at"]
    list_filter = ["status", "council"]
    search_fields = ["title", "place"]
    list_select_related = ["council"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Decisions, proposals and the award registry ----------------------------------------------
from .models import AwardRecord, Decision, Proposal, ProposalItem  # noqa: E402


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Numbers, amounts and the registry are written by awards.decisions (locked, audited);
    the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(_ReadOnlyAdmin):
    list_display = ["number_symbol", "date", "organization", "award_form", "campaign"]
    list_filter = ["year", "award_form"]
    list_select_related = ["organization", "award_form", "campaign"]
    search_fields = ["symbol", "signer_name"]


class ProposalItemInline(admin.TabularInline):
    model = ProposalItem
    extra = 0
    fields = ["order", "nomination", "outcome"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(_ReadOnlyAdmin):
    list_display = ["number_symbol", "date", "organization", "award_form", "status"]
    list_filter = ["status", "year", "award_form"]
    list_select_related = ["organization", "award_form"]
    search_fields = ["symbol", "recipient", "outcome_number"]
    inlines = [ProposalItemInline]


@admin.register(AwardRecord)
class AwardRecordAdmin(_ReadOnlyAdmin):
    list_display = ["recipient_name", "award_form", "year", "decision_number", "owner", "source"]
    list_filter = ["source", "year", "award_form", "subject_type", "thematic"]
    list_select_related = ["award_form", "owner"]
    search_fields = ["recipient_name", "recipient_name_folded", "decision_number"]
