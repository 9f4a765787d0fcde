from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class AgencyUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Agency role", {"fields": ["role"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Agency role", {"fields": ["role"]}),)
