from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import (
    AuditEvent,
    Membership,
    Organization,
    OrganizationName,
    OutboxEmail,
    Person,
)


class OrganizationNameInline(admin.TabularInline):
    model = OrganizationName
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "abbreviation",
        "parent",
        "succeeded_by",
        "dissolved_on",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "code", "abbreviation"]
    list_select_related = ["parent", "succeeded_by"]
    autocomplete_fields = ["parent", "succeeded_by"]
    inlines = [OrganizationNameInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "organization", "user"]
    search_fields = ["full_name", "position"]
    list_select_related = ["organization", "user"]
    autocomplete_fields = ["organization", "user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is evidence, nobody edits it."""

    list_display = ["created_at", "action", "actor", "object_repr", "organization"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
    list_select_related = ["actor", "organization"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """E-mails the portal sent or still has to send; given-up ones keep their last error."""

    list_display = ["created_at", "subject", "recipient_list", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "reference", "recipients"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    actions = ["send_again"]

    @admin.display(description=_("recipients"))
    def recipient_list(self, obj):
        return ", ".join(obj.recipients)

    @admin.action(description=_("Try to send the selected e-mails again now"))
    def send_again(self, request, queryset):
        count = outbox.retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
