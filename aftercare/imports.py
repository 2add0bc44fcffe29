"""Spreadsheet template, upload (dry-run preview, then all-or-nothing save) and export."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aftercare import resources, selectors, services
from aftercare.calculations import Figures
from aftercare.models import AreaReport, ReportingPeriod
from aftercare.validation import soft_warnings
from aftercare.views import _own_area_period
from config.access import get_for_user, require_perm
from config.forms import UploadForm
from config.models import ConcurrentEditError
from governance.models import WellbeingArea

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(data, fmt: str, filename: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = resources.to_csv(data) if fmt == "csv" else resources.to_xlsx(data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _editable_report(request: HttpRequest, area, period) -> AreaReport | None:
    report = AreaReport.objects.for_page().filter(wellbeing_area=area, period=period).first()
    if report is not None:
        get_for_user(
            request.user,
            AreaReport,
            "aftercare.view_report",
            change_perm="aftercare.change_report",
            pk=report.pk,
        )
    return report


@require_GET
def template_download(request: HttpRequest, slug: str, period: int, fmt: str) -> HttpResponse:
    area, period = _own_area_period(request, slug, period)
    report = AreaReport.objects.for_page().filter(wellbeing_area=area, period=period).first()
    figures = Figures.from_report(report) if report else None
    data = resources.dataset(resources.figure_rows(area.slug, period, figures, selectors.age_bands()))
    return _download(data, fmt, f"jalkihuolto-{area.slug}-{period.start:%Y-%m}")


@require_GET
def export_area(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Every period of the area the user may see; small counts suppressed outside the area."""
    area = get_object_or_404(WellbeingArea, slug=slug)
    require_perm(request.user, "aftercare.view_area", area)
    periods = ReportingPeriod.objects.filter(reports__wellbeing_area=area).distinct()
    rows = []
    for summary in selectors.summaries(request.user, areas=[area], periods=periods):
        if summary.figures is not None:
            shown = Figures(
                **summary.shown,
                age_bands=dict(summary.age_bands),
                staffing=summary.figures.staffing,
                workers=summary.workers,
            )
            rows += resources.figure_rows(area.slug, summary.period, shown, selectors.age_bands())
    return _download(resources.dataset(rows), fmt, f"jalkihuolto-{area.slug}")


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str, period: int) -> HttpResponse:
    area, period = _own_area_period(request, slug, period)
    report = _editable_report(request, area, period)
    salt = f"aftercare.import.{area.pk}.{period.pk}"
    context = {"area": area, "period": period, "form": UploadForm(), "errors": [], "warnings": []}
    if request.method == "POST" and "payload" in request.POST:
        try:
            figures = resources.figures_from_payload(
                signing.loads(request.POST["payload"], salt=salt, max_age=3600)
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("aftercare:import", slug=area.slug, period=period.pk)
        return _confirm(request, area, period, report, figures, salt, context)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data, problem = resources.read_upload(form.cleaned_data["file"])
            parsed = (
                resources.parse(data, area_slug=area.slug, period=period, bands=selectors.age_bands())
                if data is not None
                else None
            )
            context["errors"] = [problem] if problem else parsed.errors
            if not context["errors"]:
                return _preview(request, area, period, parsed.figures, salt, context)
    return render(request, "aftercare/import.html", context)


def _warnings(area, period, figures: Figures) -> list[str]:
    previous = selectors.previous_report(area, period)
    norms = selectors.norms_by_area(period.end, [area.pk]).get(area.pk, {})
    return soft_warnings(figures, previous=Figures.from_report(previous) if previous else None, norms=norms)


def _preview(request, area, period, figures, salt, context, *, ack_error: str = "") -> HttpResponse:
    payload = signing.dumps(resources.figures_to_payload(figures), salt=salt)
    summary = selectors.Summary(area=area, period=period, report=None, full=True, figures=figures)
    context.update(
        preview=summary, payload=payload, warnings=_warnings(area, period, figures), ack_error=ack_error
    )
    return render(request, "aftercare/import.html", context)


def _confirm(request, area, period, report, figures, salt, context) -> HttpResponse:
    warnings = _warnings(area, period, figures)
    comment = request.POST.get("comment", "").strip()
    if warnings and not (request.POST.get("acknowledge") and comment):
        error = _("Check the warnings, then tick the box and write a comment to save anyway.")
        return _preview(request, area, period, figures, salt, context, ack_error=error)
    try:
        note = report.note if report else ""
        services.report_save(
            area=area,
            period=period,
            figures=figures,
            user=request.user,
            note=note,
            warnings=warnings,
            comment=comment,
        )
    except (ValidationError, ConcurrentEditError) as error:
        context["errors"] = getattr(error, "messages", None) or [str(error)]
        return render(request, "aftercare/import.html", context)
    messages.success(request, _("The figures of the file were saved. Submit them when they are complete."))
    return redirect("aftercare:area", slug=area.slug)
