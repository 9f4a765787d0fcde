from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import AccessLog, User


@admin.register(User)
class AgencyUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Agency role", {"fields": ["role"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Agency role", {"fields": ["role"]}),)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read only: the log is evidence of who saw what, so nobody adds, edits or deletes rows by hand."""

    list_display = ["at", "user", "action", "object_kind", "object_id", "label"]
    list_filter = ["action", "object_kind"]
    search_fields = ["label", "object_id", "path", "user__username", "user__last_name"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
