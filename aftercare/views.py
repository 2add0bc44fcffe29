"""Pages of the aftercare app. Thin: parse, check permission, call a selector or service, render."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aftercare import selectors, services
from aftercare.calculations import Figures
from aftercare.forms import (
    EntryForm,
    ReopenForm,
    ReportChoiceForm,
    SubmitForm,
    WorkerFormSet,
    worker_rows,
)
from aftercare.models import AreaReport, Reopening, ReportingPeriod
from aftercare.reports import caseload_context, overview_chart
from config.access import get_for_user, require_perm
from config.models import ConcurrentEditError
from config.pdf import pdf_response
from governance.models import WellbeingArea
from governance.permissions import managed_area_id


def _own_area_period(
    request: HttpRequest, slug: str, period_pk: int
) -> tuple[WellbeingArea, ReportingPeriod]:
    """The area and open period whose figures the user enters; 404 for anyone but the area's manager."""
    area = get_object_or_404(WellbeingArea, slug=slug)
    # rules.has_perm asks the rule itself: a superuser's has_perm is always true, but an administrator
    # manages no area and so enters no figures either.
    if not rules.has_perm("aftercare.enter_figures", request.user, area):
        raise Http404
    return area, get_object_or_404(ReportingPeriod.objects.correctable(), pk=period_pk)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "aftercare.view_overview")
    area = WellbeingArea.objects.filter(pk=managed_area_id(request.user)).first()
    periods = list(ReportingPeriod.objects.order_by("-start")[:8])
    return render(
        request,
        "aftercare/home.html",
        {
            "area": area,
            "rows": selectors.period_status(area, periods),
            "area_count": WellbeingArea.objects.count(),
        },
    )


def _entry_report(request: HttpRequest, area, period) -> AreaReport:
    """The area's report for the period (checked against the rules), or a new unsaved one."""
    report = AreaReport.objects.for_page().filter(wellbeing_area=area, period=period).first()
    if report is None:
        return AreaReport(wellbeing_area=area, period=period)
    return get_for_user(
        request.user,
        AreaReport.objects.for_page(),
        "aftercare.view_report",
        change_perm="aftercare.change_report",
        pk=report.pk,
    )


def _entry_forms(data, report: AreaReport, previous, norms) -> tuple[EntryForm, WorkerFormSet]:
    # A new period starts with the previous period's workers (anonymous labels), to be corrected.
    # The rows are filled on the page; a post carries what it showed, and a row emptied on the page
    # is dropped like an unused one (every row may be empty).
    source = report if report.pk else previous
    initial = [
        {"label": w.label, "role": w.role, "clients": w.clients}
        for w in (source.workers.all() if source and data is None else [])
    ]
    workers = WorkerFormSet(data, prefix="workers", initial=initial, form_kwargs={"empty_permitted": True})
    form = EntryForm(
        data,
        instance=report,
        bands=selectors.age_bands(),
        norms=norms,
        workers=worker_rows(workers),
        previous=Figures.from_report(previous) if previous else None,
    )
    return form, workers


@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, slug: str, period: int) -> HttpResponse:
    area, period = _own_area_period(request, slug, period)
    report = _entry_report(request, area, period)
    previous = selectors.previous_report(area, period)
    norms = selectors.norms_by_area(period.end, [area.pk]).get(area.pk, {})
    data = request.POST if request.method == "POST" else None
    form, workers = _entry_forms(data, report, previous, norms)
    if data is not None and workers.is_valid() and form.is_valid():
        try:
            services.report_save(
                area=area,
                period=period,
                figures=form.figures(),
                user=request.user,
                note=form.cleaned_data["note"],
                version=form.cleaned_data.get("version"),
            )
        except (ValidationError, ConcurrentEditError) as error:
            form.add_error(None, getattr(error, "messages", None) or str(error))
        else:
            messages.success(request, _("The figures were saved. Submit them when they are complete."))
            if form.warnings:
                messages.warning(
                    request,
                    _("Some figures have warnings: you will explain them in a comment when you submit."),
                )
            return redirect("aftercare:area", slug=area.slug)
    warnings = form.warnings if data is not None else (selectors.report_warnings(report) if report.pk else [])
    context = {"area": area, "period": period, "form": form, "workers": workers, "report": report}
    context |= {
        "warnings": warnings,
        "prefilled_workers": not report.pk and previous and previous.workers.all(),
    }
    return render(request, "aftercare/entry.html", {**context, "previous": previous, "norms": norms})


@require_POST
def submit(request: HttpRequest, slug: str, period: int) -> HttpResponse:
    """Submit the period's figures. If they have warnings, the manager first explains them in one
    comment (the same POST, with ``comment``); a draft never needed that."""
    area, period = _own_area_period(request, slug, period)
    report = get_for_user(
        request.user,
        AreaReport,
        "aftercare.view_report",
        change_perm="aftercare.submit_report",
        wellbeing_area=area,
        period=period,
    )
    warnings = selectors.report_warnings(report)
    form = SubmitForm(request.POST if "comment" in request.POST else None, warnings=warnings)
    if warnings and not form.is_valid():
        context = {"area": area, "period": period, "form": form, "warnings": warnings}
        return render(request, "aftercare/submit.html", context, status=400 if form.is_bound else 200)
    comment = form.cleaned_data["comment"] if form.is_bound and form.is_valid() else ""
    services.report_submit(report=report, user=request.user, warnings=warnings, comment=comment)
    messages.success(request, _("The figures for %(period)s were submitted.") % {"period": period})
    return redirect("aftercare:area", slug=area.slug)


@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_for_user(
        request.user,
        AreaReport.objects.select_related("wellbeing_area", "period"),
        "aftercare.view_report",
        pk=pk,
    )
    # The rule itself, not User.has_perm: a superuser's has_perm is always true, but an administrator
    # too reopens only while the period can be corrected.
    if not rules.has_perm("aftercare.reopen_report", request.user, report):
        raise PermissionDenied
    form = ReopenForm(request.POST or None)
    if form.is_valid():
        try:
            services.report_reopen(report=report, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report was reopened for corrections."))
            return redirect("aftercare:area", slug=report.wellbeing_area.slug)
    return render(request, "aftercare/reopen.html", {"report": report, "form": form})


PERIODS_PER_PAGE = 8


@require_GET
def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(WellbeingArea, slug=slug)
    require_perm(request.user, "aftercare.view_area", area)
    own = managed_area_id(request.user) == area.pk
    # Every period in one query, marked if the area reported on it: ten years of quarters come
    # eight at a time, newest first; the manager also sees the open periods not yet started.
    periods = list(ReportingPeriod.objects.with_report_of(area).order_by("-start", "-end"))
    page = Paginator([p for p in periods if p.reported], PERIODS_PER_PAGE).get_page(request.GET.get("page"))
    context = caseload_context(request.user, [area], page.object_list)
    return render(
        request,
        "aftercare/area.html",
        {
            **context,
            "area": area,
            "rows": context["blocks"][0]["rows"],
            "page": page,
            "own": own,
            "reopenings": Reopening.objects.filter(report__wellbeing_area=area).select_related(
                "report__period"
            ),
            "open_periods": [p for p in periods if p.is_open and not p.reported] if own else [],
        },
    )


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "aftercare.view_overview")
    periods = list(ReportingPeriod.objects.order_by("-start"))
    chosen = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    chosen = chosen or next((p for p in periods if not p.is_open), periods[0] if periods else None)
    rows = selectors.overview(request.user, chosen) if chosen else []
    return render(
        request,
        "aftercare/overview.html",
        {
            "periods": periods,
            "period": chosen,
            "rows": rows,
            "shown": [s for s in rows if s.figures],
            "chart": overview_chart(rows),
        },
    )


@require_GET
def completeness(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "aftercare.view_overview")
    periods = list(ReportingPeriod.objects.all())
    matrix = selectors.completeness(WellbeingArea.objects.all(), periods)
    return render(request, "aftercare/completeness.html", {"periods": periods, "matrix": matrix})


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "aftercare.view_overview")
    form = ReportChoiceForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        context.update(
            caseload_context(request.user, form.cleaned_data["areas"], form.cleaned_data["periods"])
        )
        if request.GET.get("format") == "pdf":
            return pdf_response(
                "aftercare/pdf/report.html",
                {**context, "media": "pdf"},
                request=request,
                filename=_("aftercare-caseload"),
            )
    return render(request, "aftercare/report.html", {**context, "media": "web"})
