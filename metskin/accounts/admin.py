from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.admin import OTPAdminSite

from metskin.accounts.models import Profile, SkinProfile, User

# The admin only opens to a session that passed two-factor sign-in (django-otp's documented
# way to protect the default site without replacing it in every app's registrations).
admin.site.__class__ = OTPAdminSite


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "role", "email_verified_at", "is_active", "is_staff", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "profile__display_name")
    readonly_fields = ("date_joined", "last_login")
    inlines = (ProfileInline,)
    fieldsets = (
        (None, {"fields": ("email", "password", "role")}),
        ("Status", {"fields": ("is_active", "email_verified_at", "date_joined", "last_login")}),
        ("Admin access", {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )


@admin.register(SkinProfile)
class SkinProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "skin_type", "sensitivity", "pregnancy", "updated_at")
    list_filter = ("skin_type", "sensitivity", "pregnancy")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
