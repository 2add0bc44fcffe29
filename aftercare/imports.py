"""Spreadsheet template, upload (dry-run preview, then all-or-nothing save) and export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aftercare import resources, selectors, shapes
from aftercare.calculations import Figures
from aftercare.models import AreaReport, ReportingPeriod
from aftercare.validation import soft_warnings
from aftercare.views import _own_area_period
from config.access import get_for_user, require_perm
from config.forms import UploadForm
from config.imports import pipeline
from config.imports.batches import load_batch_rows
from config.imports.importer import Problem
from config.imports.writing import download
from config.models import ConcurrentEditError, ImportBatch
from governance.models import WellbeingArea
from governance.permissions import is_administrator


def _download(rows, fmt: str, filename: str, *, intro: str = "") -> HttpResponse:
    # Headings in the reader's language (Swedish ones are synonyms the importer knows).
    headers = shapes.COLUMNS_SV if get_language() == "sv" else shapes.COLUMNS
    sheet = _("Aftercare figures")[:31]
    return download(headers, rows, fmt, filename, sheet=sheet, intro=intro)


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
    # A new period starts from the previous one's figures (every worker row included): the
    # manager corrects what changed instead of typing everything again.
    report = report or selectors.previous_report(area, period)
    figures = Figures.from_report(report) if report else None
    rows = resources.figure_rows(area.slug, period, figures, selectors.age_bands())
    intro = _(
        "Fill in the figures of %(period)s; the previous period's values are filled in. One figure "
        "per row; do not change the columns tieto, tunniste and rooli. This row is not imported."
    ) % {"period": shapes.period_code(period)}
    return _download(rows, fmt, f"jalkihuolto-{area.slug}-{period.start:%Y-%m}", intro=intro)


@require_GET
def export_area(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Every period of the area the user may see; small counts suppressed outside the area."""
    area = get_object_or_404(WellbeingArea, slug=slug)
    require_perm(request.user, "aftercare.view_area", area)
    periods = ReportingPeriod.objects.filter(reports__wellbeing_area=area).distinct()
    bands = selectors.age_bands()  # once, not once per period
    rows = []
    for summary in selectors.summaries(request.user, areas=[area], periods=periods):
        if summary.figures is not None:
            shown = Figures(
                **summary.shown,
                age_bands=dict(summary.age_bands),
                staffing=summary.figures.staffing,
                workers=summary.workers,
            )
            rows += resources.figure_rows(area.slug, summary.period, shown, bands)
    return _download(rows, fmt, f"jalkihuolto-{area.slug}")


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str, period: int) -> HttpResponse:
    area, period = _own_area_period(request, slug, period)
    importer = _importer(request, area, period)
    context = {"area": area, "period": period, "form": UploadForm(), "problems": [], "warnings": []}
    if request.method == "POST" and "mapping" in request.POST:
        return _map(request, importer, context)
    if request.method == "POST" and "batch" in request.POST:
        batch = pipeline.batch_for(importer, request.POST["batch"] or 0)
        if batch is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("aftercare:import", slug=area.slug, period=period.pk)
        return _confirm(request, importer, batch, context)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            staged = pipeline.stage(importer, form.cleaned_data["file"])
            context["problems"] = staged.problems
            if staged.needs_mapping:
                # What the rows lack follows from the unknown columns: only the file's own problems.
                context["problems"] = [p for p in staged.problems if not p.row and not staged.labels]
                return _mapping_page(request, importer, staged.batch, context)
            if staged.batch is not None:
                return _preview(request, importer, staged.batch, context)
    return render(request, "aftercare/import.html", context, status=400 if context["problems"] else 200)


def _mapping_page(request, importer, batch, context, status=200) -> HttpResponse:
    context.update(pipeline.mapping_context(importer, batch))
    return render(request, "aftercare/import_mapping.html", context, status=status)


def _map(request, importer, context) -> HttpResponse:
    batch = pipeline.batch_for(importer, request.POST["mapping"], state=ImportBatch.State.MAPPING)
    if batch is None:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("aftercare:import", slug=importer.area.slug, period=importer.period.pk)
    chosen, labels = pipeline.mapping_answers(request.POST)
    staged = pipeline.apply_mapping(
        importer, batch, chosen, save=request.POST.get("save") == "1", chosen_labels=labels
    )
    if staged.needs_mapping and staged.labels:
        return _mapping_page(request, importer, batch, context)  # the columns known, now the labels
    if staged.problems:
        context["problems"] = staged.problems
        return _mapping_page(request, importer, batch, context, status=400)
    return _preview(request, importer, staged.batch, context)


def _importer(request, area, period) -> resources.FiguresImporter:
    importer = resources.FiguresImporter(
        user=request.user, area=area, period=period, bands=selectors.age_bands()
    )
    importer.report = _editable_report(request, area, period)
    return importer


def _warnings(area, period, figures: Figures) -> list[str]:
    previous = selectors.previous_report(area, period)
    norms = selectors.norms_by_area(period.end, [area.pk]).get(area.pk, {})
    return soft_warnings(figures, previous=Figures.from_report(previous) if previous else None, norms=norms)


def _preview(request, importer, batch, context, *, ack_error: str = "") -> HttpResponse:
    importer.validate(load_batch_rows(importer, batch))
    figures = importer.figures
    summary = selectors.Summary(
        area=importer.area, period=importer.period, report=None, full=True, figures=figures
    )
    warnings = _warnings(importer.area, importer.period, figures)
    context.update(preview=summary, batch=batch, warnings=warnings, ack_error=ack_error)
    return render(request, "aftercare/import.html", context)


def _confirm(request, importer, batch, context) -> HttpResponse:
    importer.validate(load_batch_rows(importer, batch))
    warnings = _warnings(importer.area, importer.period, importer.figures)
    comment = request.POST.get("comment", "").strip()
    if warnings and not (request.POST.get("acknowledge") and comment):
        error = _("Check the warnings, then tick the box and write a comment to save anyway.")
        return _preview(request, importer, batch, context, ack_error=error)
    importer.warnings_given, importer.comment = warnings, comment
    try:
        counts, problems = pipeline.confirm(importer, batch)
    except pipeline.AlreadyConfirmed:
        messages.info(request, _("This file has already been saved."))
        return redirect("aftercare:area", slug=importer.area.slug)
    except (ValidationError, ConcurrentEditError) as error:
        problems = [Problem(m) for m in (getattr(error, "messages", None) or [str(error)])]
    if problems:
        context["problems"] = problems
        return render(request, "aftercare/import.html", context, status=400)
    messages.success(
        request,
        _(
            "The figures of the file were saved: %(new)s new, %(changed)s changed, %(unchanged)s unchanged. "
            "Submit them when they are complete."
        )
        % counts,
    )
    return redirect("aftercare:area", slug=importer.area.slug)


@require_http_methods(["GET", "POST"])
def backfill(request: HttpRequest) -> HttpResponse:
    """Administrators: one file with many areas and periods, all or nothing."""
    if not is_administrator(request.user):
        raise Http404
    importer = resources.BackfillImporter(user=request.user, bands=selectors.age_bands())
    context = {"form": UploadForm(), "problems": [], "batch": None, "counts": None}
    if request.method == "POST" and "batch" in request.POST:
        batch = pipeline.batch_for(importer, request.POST["batch"] or 0)
        if batch is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("aftercare:backfill")
        try:
            context["counts"], context["problems"] = pipeline.confirm(importer, batch)
        except pipeline.AlreadyConfirmed:
            messages.info(request, _("This file has already been saved."))
            return redirect("aftercare:backfill")
        except (ValidationError, ConcurrentEditError) as error:
            context["problems"] = [Problem(m) for m in getattr(error, "messages", [str(error)])]
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            staged = pipeline.stage(importer, form.cleaned_data["file"])
            context["problems"], context["batch"] = staged.problems, staged.batch
    status = 400 if context["problems"] else 200
    return render(request, "aftercare/backfill.html", context, status=status)
