"""Import and export of a project's tables: upload, preview stored as an import batch, confirm
once (all or nothing), result. The checking and writing is ``config.imports.pipeline``."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from config.access import get_for_user
from config.forms import UploadForm
from config.imports import pipeline
from config.imports.writing import download
from config.models import ImportBatch
from funding.resources import (
    ActualCostImporter,
    CostLineImporter,
    FinancingLineImporter,
    PaymentClaimImporter,
    StaffImporter,
    WorkPackageImporter,
)
from projects.models import Project
from projects.resources import (
    IndicatorImporter,
    IndicatorValueImporter,
    MeasureImporter,
    ParticipantTargetImporter,
)

# Every table is checked row by row: each row's implementer must be one the user coordinates (or
# the project's main one); rows of the whole project only the main implementer's coordinators write.
KINDS = {
    "cost-lines": (CostLineImporter, gettext_lazy("Cost lines")),
    "financing-lines": (FinancingLineImporter, gettext_lazy("Financing lines")),
    "indicators": (IndicatorImporter, gettext_lazy("Indicators")),
    "indicator-values": (IndicatorValueImporter, gettext_lazy("Indicator values")),
    "participant-targets": (ParticipantTargetImporter, gettext_lazy("Participant targets")),
    "staff": (StaffImporter, gettext_lazy("Staff")),
    "work-packages": (WorkPackageImporter, gettext_lazy("Work packages")),
    "measures": (MeasureImporter, gettext_lazy("Measures")),
    "actual-costs": (ActualCostImporter, gettext_lazy("Actual costs")),
    "payment-claims": (PaymentClaimImporter, gettext_lazy("Payment claims")),
}


def _importer(request, pk: int, kind: str, *, replace: bool = False):
    if kind not in KINDS:
        raise Http404
    project = get_for_user(
        request.user,
        Project.objects.for_page(),
        "funding.view_finances",
        change_perm="funding.import_finances",
        pk=pk,
    )
    importer_class, title = KINDS[kind]
    return project, importer_class(user=request.user, project=project, replace=replace), title


@require_GET
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_user(request.user, Project.objects.for_page(), "funding.view_finances", pk=pk)
    can_import = request.user.has_perm("funding.import_finances", project)
    context = {
        "project": project,
        "tab": "transfer",
        "kinds": [(key, title, importer.columns) for key, (importer, title) in KINDS.items()],
        "form": UploadForm(),
        "can_import": can_import,
    }
    return render(request, "funding/transfer.html", context)


@require_POST
def import_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Check an upload (or the answers of the mapping page) and show the preview, the questions
    of the mapping page, or the problems."""
    replace = request.POST.get("replace") == "1"
    project, importer, title = _importer(request, pk, kind, replace=replace)
    context = {"project": project, "tab": "transfer", "kind": kind, "title": title, "form": UploadForm()}
    if "mapping" in request.POST:
        return _map(request, importer, context)
    form = context["form"] = UploadForm(request.POST, request.FILES)
    staged = (
        pipeline.stage(importer, form.cleaned_data["file"], options={"replace": replace})
        if form.is_valid()
        else None
    )
    if staged is not None and staged.needs_mapping:
        # What the rows lack follows from the unknown columns: only the file's own problems show.
        context["problems"] = [p for p in staged.problems if not p.row and not staged.labels]
        return _mapping_page(request, importer, staged.batch, context)
    context["staged"] = staged
    ok = staged is not None and staged.batch is not None
    return render(request, "funding/import_preview.html", context, status=200 if ok else 400)


def _mapping_page(request, importer, batch, context, status=200) -> HttpResponse:
    owner = importer.owner_name()
    context |= pipeline.mapping_context(importer, batch)
    context["hidden"] = [("replace", "1")] if batch.options.get("replace") else []
    context["remember"] = (
        _("Remember these answers for %(organisation)s: the same report imports without questions next time")
        % {"organisation": owner}
        if owner
        else ""
    )
    return render(request, "funding/import_mapping.html", context, status=status)


def _map(request, importer, context) -> HttpResponse:
    batch = pipeline.batch_for(importer, request.POST["mapping"], state=ImportBatch.State.MAPPING)
    project = context["project"]
    if batch is None:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("funding:transfer", pk=project.pk)
    chosen, labels = pipeline.mapping_answers(request.POST)
    save = request.POST.get("save") == "1"
    staged = pipeline.apply_mapping(importer, batch, chosen, save=save, chosen_labels=labels)
    if staged.needs_mapping and staged.labels:
        return _mapping_page(request, importer, batch, context)  # the columns known, now the labels
    if staged.problems:
        context["problems"] = staged.problems
        return _mapping_page(request, importer, batch, context, status=400)
    context["staged"] = staged
    return render(request, "funding/import_preview.html", context)


@require_POST
def import_confirm(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    project, importer, title = _importer(request, pk, kind)
    batch = pipeline.batch_for(importer, request.POST.get("batch") or 0)
    if batch is None:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("funding:transfer", pk=project.pk)
    importer.replace = bool(batch.options.get("replace"))
    try:
        counts, problems = pipeline.confirm(importer, batch)
    except pipeline.AlreadyConfirmed:
        messages.info(request, _("This file has already been imported."))
        return redirect("funding:transfer", pk=project.pk)
    context = {"project": project, "tab": "transfer", "title": title, "counts": counts, "problems": problems}
    return render(request, "funding/import_result.html", context, status=400 if problems else 200)


@require_GET
def export(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404
    project = get_for_user(request.user, Project.objects.for_page(), "funding.view_finances", pk=pk)
    importer_class, title = KINDS[kind]
    headers, rows = importer_class(user=request.user, project=project).export_rows()
    return download(
        headers, rows, fmt, f"{slugify(project.acronym or project.name)}-{kind}", sheet=str(title)
    )
