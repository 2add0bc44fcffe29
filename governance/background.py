"""The meeting report PDF made by a task worker when it would keep a request waiting too long.

A meeting with many embedded report sections (``MEETING_PDF_BACKGROUND_EMBEDS`` or more) is made in
the background: its PDF link leads to a page that starts the job; the person follows its progress
on the job's page (``notices``) and downloads the PDF there.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.access import get_for_user
from config.pdf import render_pdf
from governance.models import Meeting, SectionEmbed
from governance.selectors import meeting_page
from notices.services import job_start

VIEW = "governance.view_meeting"


def is_heavy(meeting: Meeting) -> bool:
    # A meeting read with its section stamps (``Meeting.objects.for_page(sections=False)``) knows
    # how many embeds it has: no query of its own.
    embeds = getattr(meeting, "embed_count", None)
    if embeds is None:
        embeds = SectionEmbed.objects.filter(section__meeting=meeting).count()
    return embeds >= settings.MEETING_PDF_BACKGROUND_EMBEDS


def render_meeting_pdf(params: dict, user) -> tuple[bytes, str, str]:
    """The job's renderer: the same PDF as the meeting's PDF link, for the person who asked (whose
    permission is asked again here: the job runs later, and rights may have changed)."""
    meeting = get_for_user(user, Meeting.objects.for_page(), VIEW, pk=params["meeting"])
    context = meeting_page(meeting, user, media="pdf") | {
        "user": user,
        "exported_by": user.get_full_name() or user.get_username(),
    }
    content = render_pdf("governance/meeting_pdf.html", context)
    filename = f"{slugify(f'{meeting} {meeting.document_name}') or 'report'}.pdf"
    return content, filename, "application/pdf"


@require_POST
def meeting_pdf_job(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_user(request.user, Meeting.objects.all(), VIEW, pk=pk)
    job = job_start(
        user=request.user,
        title=_("PDF of meeting %(meeting)s") % {"meeting": meeting},
        renderer="governance.background.render_meeting_pdf",
        params={"meeting": meeting.pk},
    )
    return redirect("notices:job", pk=job.pk)
