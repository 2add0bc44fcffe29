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
from funding.resources import (
    ActualCostImporter,
    CostLineImporter,
    FinancingLineImporter,
    StaffImporter,
    WorkPackageImporter,
)
from projects.models import Project
from projects.resources import IndicatorImporter, ParticipantTargetImporter

KINDS = {
    "cost-lines": (CostLineImporter, gettext_lazy("Cost lines")),
    "financing-lines": (FinancingLineImporter, gettext_lazy("Financing lines")),
    "indicators": (IndicatorImporter, gettext_lazy("Indicators")),
    "participant-targets": (ParticipantTargetImporter, gettext_lazy("Participant targets")),
    "staff": (StaffImporter, gettext_lazy("Staff")),
    "work-packages": (WorkPackageImporter, gettext_lazy("Work packages")),
    "actual-costs": (ActualCostImporter, gettext_lazy("Actual costs")),
}
# The project's shared tables: only whoever changes the project's shared data imports them (the
# main implementer's coordinators); the other tables are checked row by row per implementer.
SHARED_KINDS = {"indicators", "participant-targets"}


def import_perm(kind: str) -> str:
    return "projects.change_project" if kind in SHARED_KINDS else "funding.import_finances"


def _importer(request, pk: int, kind: str, *, replace: bool = False):
    if kind not in KINDS:
        raise Http404
    project = get_for_user(
        request.user,
        Project.objects.for_page(),
        "funding.view_finances",
        change_perm=import_perm(kind),
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
        "kinds": KINDS,
        "shared_kinds": SHARED_KINDS,
        "can_import_shared": request.user.has_perm("projects.change_project", project),
        "form": UploadForm(),
        "can_import": can_import,
    }
    return render(request, "funding/transfer.html", context)


@require_POST
def import_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    replace = request.POST.get("replace") == "1"
    project, importer, title = _importer(request, pk, kind, replace=replace)
    form = UploadForm(request.POST, request.FILES)
    staged = (
        pipeline.stage(importer, form.cleaned_data["file"], options={"replace": replace})
        if form.is_valid()
        else None
    )
    context = {
        "project": project,
        "tab": "transfer",
        "kind": kind,
        "title": title,
        "form": form,
        "staged": staged,
    }
    ok = staged is not None and staged.batch is not None
    return render(request, "funding/import_preview.html", context, status=200 if ok else 400)


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
