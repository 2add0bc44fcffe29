"""Steering groups and meetings: thin views over services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.access import get_for_user
from config.pdf import pdf_response
from config.sections import registry
from governance import services
from governance.forms import (
    AttendanceForm,
    CorrectionForm,
    EmbedChooseForm,
    MeetingForm,
    SectionForm,
    params_to_json,
)
from governance.models import (
    AgendaSection,
    Meeting,
    Membership,
    MinutesLocked,
    SectionEmbed,
    SteeringGroup,
)
from governance.selectors import meeting_page, my_groups

EDIT = "governance.change_meeting"
VIEW = "governance.view_meeting"


def _meeting(request: HttpRequest, pk: int, *, change: bool = False) -> Meeting:
    return get_for_user(
        request.user, Meeting.objects.for_page(), VIEW, change_perm=EDIT if change else None, pk=pk
    )


def _section(request: HttpRequest, pk: int) -> AgendaSection:
    section = get_object_or_404(AgendaSection.objects.select_related("meeting__group"), pk=pk)
    get_for_user(
        request.user, Meeting.objects.select_related("group"), VIEW, change_perm=EDIT, pk=section.meeting_id
    )
    return section


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/home.html", my_groups(request.user))


@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_for_user(
        request.user, SteeringGroup.objects.select_related("owner"), "governance.view_steeringgroup", pk=pk
    )
    meetings = Meeting.objects.visible_to(request.user).filter(group=group).select_related("term")
    memberships = Membership.objects.filter(term__group=group).select_related(
        "term", "person__organisation", "represents_organisation", "represents_region", "deputy_of__person"
    )
    memberships = sorted(memberships, key=lambda m: (-m.term.start_year, m.rank, m.person.last_name))
    return render(
        request, "governance/group.html", {"group": group, "meetings": meetings, "memberships": memberships}
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(request, "governance/meeting.html", meeting_page(meeting, request.user, media="web"))


@require_GET
def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
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
    term = group.terms.first()
    year = min(max(timezone.localdate().year, term.start_year), term.end_year) if term else 0
    number = services.next_meeting_number(group_id=group.pk, year=year)
    form = MeetingForm(request.POST or None, group=group, initial={"term": term, "number": number})
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("The meeting was created. Add its sections next."))
        return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    form = MeetingForm(request.POST or None, instance=meeting, group=meeting.group)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except MinutesLocked as error:  # approved by someone else while this page was open
            form.add_error(None, error)
            return render(
                request,
                "governance/meeting_form.html",
                {"form": form, "group": meeting.group, "meeting": meeting},
            )
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(
        request, "governance/meeting_form.html", {"form": form, "group": meeting.group, "meeting": meeting}
    )


@require_POST
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    try:
        services.meeting_transition(meeting=meeting, action=request.POST.get("action", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The meeting is now: %(status)s.") % {"status": meeting.get_status_display()}
        )
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, change=True)
    initial = {"number": services.next_section_number(group_id=meeting.group_id, year=meeting.year)}
    return _section_form(request, meeting, AgendaSection(meeting=meeting), initial)


@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    return _section_form(request, section.meeting, section, None)


def _section_form(request, meeting, section, initial) -> HttpResponse:
    form = SectionForm(request.POST or None, instance=section, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            section = form.save()
        except MinutesLocked as error:  # approved by someone else while this page was open
            form.add_error(None, error)
            return render(
                request,
                "governance/section_form.html",
                {"form": form, "meeting": meeting, "section": section},
            )
        messages.success(request, _("Section %(section)s was saved.") % {"section": section})
        return redirect(f"{meeting.get_absolute_url()}#section-{section.pk}")
    return render(
        request, "governance/section_form.html", {"form": form, "meeting": meeting, "section": section}
    )


@require_http_methods(["GET", "POST"])
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
def embed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    embed = get_object_or_404(SectionEmbed, pk=pk)
    section = _section(request, embed.section_id)
    try:
        embed.delete()
    except MinutesLocked as error:  # approved minutes: even an administrator gets a message, not a 500
        messages.error(request, error.messages[0])
        return redirect(f"{section.meeting.get_absolute_url()}#section-{section.pk}")
    messages.success(request, _("The embedded report section was removed."))
    return redirect(f"{section.meeting.get_absolute_url()}#section-{section.pk}")


@require_http_methods(["GET", "POST"])
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
