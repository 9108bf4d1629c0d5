from django.contrib import admin

from .models import AuditEvent, Membership, Organization, OrganizationName, Person


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
