from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.admin import OTPAdminSite

from metskin.accounts.models import Profile, SkinProfile, User
from metskin.accounts.two_factor_enrolment import two_factor_reset

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
    actions = ("reset_two_factor",)

    def has_reset_two_factor_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.reset_two_factor")

    @admin.action(
        permissions=["reset_two_factor"],
        description="Reset two-factor sign-in (lost phone) and email a new set-up link",
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        assert isinstance(request.user, User)
        for user in queryset:
            two_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            f"Two-factor sign-in reset for {queryset.count()} account(s); each was signed out "
            "everywhere and emailed a new set-up link. This is recorded in their history.",
            messages.SUCCESS,
        )


@admin.register(SkinProfile)
class SkinProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "skin_type", "sensitivity", "pregnancy", "updated_at")
    list_filter = ("skin_type", "sensitivity", "pregnancy")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
