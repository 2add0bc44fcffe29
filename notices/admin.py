"""Administrators see every notice and whether its e-mail went out (failed ones with the error), and
can queue failed e-mails again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notices.models import CalendarToken, Job, Notice, NoticePreference, Profile


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "email", "attempts", "sent_at"]
    # Filters from fixed choices only: the distinct languages and dates of every notice would cost
    # a query each over the largest table of the portal.
    list_filter = ["email", "kind"]
    search_fields = ["title", "recipient__username", "idempotency_key"]
    readonly_fields = [f.name for f in Notice._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Send the e-mail again"))
    def send_again(self, request, queryset):
        from notices.tasks import send_notice_email

        failed = list(queryset.filter(email=Notice.Email.FAILED).values_list("pk", flat=True))
        Notice.objects.filter(pk__in=failed).update(email=Notice.Email.PENDING, attempts=0)
        for pk in failed:
            send_notice_email.enqueue(pk)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", len(failed))
            % {"count": len(failed)},
            messages.SUCCESS,
        )


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    exclude = ["token"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
