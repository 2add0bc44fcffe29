"""Steering groups and meetings: thin views over services and selectors."""

from functools import wraps

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.access import get_compiled_for_user, get_for_user
from config.compiled import CompiledQuery
from config.pdf import pdf_response
from config.sections import registry
from governance import background, services
from governance.forms import (
    AttachmentForm,
    AttendanceForm,
    CheckersForm,
    CorrectionForm,
    EmbedChooseForm,
    MeetingForm,
    SectionForm,
    params_to_json,
)
from governance.models import (
    AgendaSection,
    Attachment,
    Meeting,
    Membership,
    MinutesCheck,
    MinutesLocked,
    SectionEmbed,
    SteeringGroup,
)
from governance.permissions import is_administrator, prepares_meeting
from governance.selectors import current_term, group_terms, meeting_history, meeting_page, my_groups

EDIT = "governance.change_meeting"
VIEW = "governance.view_meeting"


def refuses_locked(view):
    """A change refused because the minutes are locked (approved, or with the checkers) is a clear
    message on the meeting page, never an error page: also for an administrator, also when someone
    approved the minutes while this page was open."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except MinutesLocked as error:
            messages.error(request, " ".join(error.messages))
            if error.meeting_id:
                return redirect(reverse("governance:meeting", args=[error.meeting_id]))
            return redirect("governance:home")

    return wrapper


def _meeting(request: HttpRequest, pk: int, *, change: bool = False) -> Meeting:
    meeting = get_for_user(request.user, Meeting.objects.for_page(), VIEW, pk=pk)
    if change and not (is_administrator | prepares_meeting)(request.user, meeting):
        raise PermissionDenied  # who may prepare comes first: a reader is refused, not told the state
    if change and not meeting.accepts_edits:  # the state rules hold for administrators too
        raise MinutesLocked(meeting.status, meeting_id=meeting.pk)
    if change and not request.user.has_perm(EDIT, meeting):
        raise PermissionDenied
    return meeting


def _section(request: HttpRequest, pk: int) -> AgendaSection:
    section = get_object_or_404(AgendaSection.objects.select_related("meeting__group"), pk=pk)
    _meeting(request, section.meeting_id, change=True)
    return section


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/home.html", my_groups(request.user))


@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_compiled_for_user(request.user, GROUP_PAGE, "governance.view_steeringgroup", pk)
    meetings = Meeting.objects.visible_to(request.user).filter(group=group).select_related("group", "term")
    return render(
        request, "governance/group.html", {"group": group, "meetings": meetings, **group_terms(group)}
    )


GROUP_PAGE = CompiledQuery(lambda pk: SteeringGroup.objects.select_related("owner").filter(pk=pk))
# The meeting page's own query (stamps of its sections as subqueries): compiled once per process.
MEETING_PAGE = CompiledQuery(lambda pk: Meeting.objects.for_page(sections=False).filter(pk=pk))


def _readable_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting for its page or PDF, its sections left to ``meeting_page`` (cached when frozen)."""
    return get_compiled_for_user(request.user, MEETING_PAGE, VIEW, pk)


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _readable_meeting(request, pk)
    return render(request, "governance/meeting.html", meeting_page(meeting, request.user, media="web"))


@require_GET
def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _readable_meeting(request, pk)
    if background.is_heavy(meeting):
        return render(request, "governance/meeting_pdf_background.html", {"meeting": meeting})
    context = meeting_page(meeting, request.user, media="pdf")
    return pdf_response(
        "governance/meeting_pdf.html", context, request=request, filename=f"{meeting} {meeting.document_name}"
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_for_user(
        request.user,
        SteeringGroup,
        "governance.view_steeringgroup",
        change_perm="governance.add_meeting",
        pk=pk,
    )
    term = current_term(group)
    if term is None:
        messages.warning(request, _("The group has no term yet. Add its term and members first."))
        return redirect("governance:term_create", group.pk)
    year = min(max(timezone.localdate().year, term.start_year), term.end_year)
    number = services.next_meeting_number(group_id=group.pk, year=year)
    form = MeetingForm(request.POST or None, group=group, initial={"term": term, "number": number})
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(group=group, **form.cleaned_data)
        messages.success(request, _("The meeting was created. Add its sections next."))
        return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "POST"])
@refuses_locked
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    form = MeetingForm(request.POST or None, instance=meeting, group=meeting.group)
    if request.method == "POST" and form.is_valid():
        services.meeting_update(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(
        request, "governance/meeting_form.html", {"form": form, "group": meeting.group, "meeting": meeting}
    )


@require_POST
@refuses_locked
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_user(request.user, Meeting, VIEW, change_perm="governance.send_meeting", pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "refresh_agenda":
            services.agenda_refresh(meeting=meeting, user=request.user)
        else:
            services.meeting_transition(meeting=meeting, action=action, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The meeting is now: %(status)s.") % {"status": meeting.get_status_display()}
        )
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
@refuses_locked
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    initial = {"number": services.next_section_number(group_id=meeting.group_id, year=meeting.year)}
    return _section_form(request, meeting, AgendaSection(meeting=meeting), initial)


@require_http_methods(["GET", "POST"])
@refuses_locked
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    return _section_form(request, section.meeting, section, None)


def _section_form(request, meeting, section, initial) -> HttpResponse:
    form = SectionForm(request.POST or None, instance=section, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        section = services.section_save(
            meeting=meeting, section=section if section.pk else None, **form.cleaned_data
        )
        messages.success(request, _("Section %(section)s was saved.") % {"section": section})
        return redirect(f"{meeting.get_absolute_url()}#section-{section.pk}")
    return render(
        request, "governance/section_form.html", {"form": form, "meeting": meeting, "section": section}
    )


@require_http_methods(["GET", "POST"])
@refuses_locked
def embed_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1 chooses a report section from the registry; step 2 fills that section's own form."""
    section = _section(request, pk)
    chooser = EmbedChooseForm(request.GET or request.POST or None)
    report = (
        registry.get(chooser.data.get("section_key", "")) if chooser.is_bound and chooser.is_valid() else None
    )
    params_form = None
    if report is not None:
        data = request.POST if request.method == "POST" else None
        params_form = report.params_form_for(request.user, data, prefix="params")
        if request.method == "POST" and params_form.is_valid():
            services.embed_add(
                section=section,
                section_key=report.key,
                params=params_to_json(params_form),
                editor=request.user,
            )
            messages.success(request, _("The report section was embedded."))
            return redirect(f"{section.meeting.get_absolute_url()}#section-{section.pk}")
    context = {
        "section": section,
        "meeting": section.meeting,
        "chooser": chooser,
        "report": report,
        "params_form": params_form,
    }
    return render(request, "governance/embed_form.html", context)


@require_POST
@refuses_locked
def embed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    embed = get_object_or_404(SectionEmbed, pk=pk)
    section = _section(request, embed.section_id)
    services.embed_remove(embed=embed)
    messages.success(request, _("The embedded report section was removed."))
    return redirect(f"{section.meeting.get_absolute_url()}#section-{section.pk}")


@require_http_methods(["GET", "POST"])
@refuses_locked
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    memberships = sorted(
        Membership.objects.filter(term=meeting.term).select_related("person"),
        key=lambda m: (m.rank, m.person.last_name),
    )
    form = AttendanceForm(request.POST or None, meeting=meeting, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(meeting=meeting, statuses=form.statuses())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect(meeting)
    return render(request, "governance/attendance_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def correction_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_user(
        request.user, Meeting.objects.for_page(), VIEW, change_perm="governance.correct_meeting", pk=pk
    )
    form = CorrectionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_correct(
                section=data["section"],
                field=data["field"],
                corrected_text=data["corrected_text"],
                reason=data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The correction was recorded."))
            return redirect(meeting)
    return render(request, "governance/correction_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
@refuses_locked
def checkers_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the two minutes checkers from the people recorded present."""
    meeting = _meeting(request, pk, change=True)
    form = CheckersForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkers_set(meeting=meeting, person_ids=form.person_ids())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes checkers were named."))
            return redirect(meeting)
    return render(request, "governance/checkers_form.html", {"form": form, "meeting": meeting})


@require_POST
def minutes_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A minutes checker approves the minutes online, or comments on them."""
    meeting = get_for_user(request.user, Meeting, VIEW, change_perm="governance.check_meeting", pk=pk)
    check = get_object_or_404(MinutesCheck, meeting=meeting, person__user=request.user)
    approve = request.POST.get("approve") == "1"
    try:
        meeting = services.minutes_check_approve(
            check=check, approve=approve, comment=request.POST.get("comment", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if meeting.is_locked:
            messages.success(request, _("The minutes are checked and approved."))
        elif approve:
            messages.success(request, _("Your approval was recorded."))
        else:
            messages.success(request, _("Your comment was sent to the secretary."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
@refuses_locked
def attachment_create(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                section=section,
                title=form.cleaned_data["title"],
                confidential=form.cleaned_data["confidential"],
                upload=form.cleaned_data["file"],
            )
        except MinutesLocked:
            raise
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect(f"{section.meeting.get_absolute_url()}#section-{section.pk}")
    context = {"form": form, "section": section, "meeting": section.meeting}
    return render(request, "governance/attachment_form.html", context)


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, only to those who may see it: outsiders (and, for a confidential attachment,
    everyone but the group's members and preparers) get 404."""
    attachment = get_object_or_404(Attachment.objects.select_related("section__meeting__group"), pk=pk)
    # rules.has_perm, not user.has_perm: a superuser is not thereby a reader of confidential files.
    if not rules.has_perm("governance.view_attachment", request.user, attachment) or not attachment.file:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{attachment.title}.{attachment.file.name.rsplit('.', 1)[-1]}",
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meeting_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's complete history, for those who prepare it (others get 404)."""
    meeting = get_for_user(request.user, Meeting.objects.select_related("group"), VIEW, pk=pk)
    if not request.user.has_perm("governance.send_meeting", meeting) and not request.user.has_perm(
        "governance.correct_meeting", meeting
    ):
        raise Http404
    context = {"meeting": meeting, "entries": meeting_history(meeting)}
    return render(request, "governance/meeting_history.html", context)
