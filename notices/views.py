"""The person's notices ("Ilmoitukset") and their notice settings: thin views."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notices import selectors, services
from notices.forms import PreferencesForm
from notices.middleware import remember_language
from notices.models import Job


@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notices_of(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )


@require_GET
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notice's link, marking it read. Only the recipient's own notices exist here (404)."""
    notice = get_object_or_404(selectors.notices_of(request.user), pk=pk)
    services.mark_read(user=request.user, notice_ids=[notice.pk])
    if not url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect("notices:list")
    return redirect(notice.url)


@require_POST
def notices_mark_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    messages.success(request, _("%(count)s notices marked read.") % {"count": count})
    return redirect("notices:list")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    initial = {"language": selectors.language_of(request.user), **selectors.deliveries_of(request.user)}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user, deliveries=form.deliveries(), language=form.cleaned_data["language"]
        )
        language = form.cleaned_data["language"]
        with translation.override(language):
            messages.success(request, _("Your notice settings were saved."))
        # The chosen language is the portal's too, from the next page on.
        remember_language(request, language)
        response = redirect("notices:preferences")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
    return render(request, "notices/preferences.html", {"form": form})


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's progress (the page reloads itself until the job is finished) and then its file."""
    job = get_object_or_404(Job.objects.filter(user=request.user), pk=pk)
    return render(request, "notices/job.html", {"job": job})


@require_GET
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_or_404(Job.objects.filter(user=request.user, status=Job.Status.DONE), pk=pk)
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=job.content_type
    )
