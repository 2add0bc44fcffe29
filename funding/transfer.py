"""Import and export of a project's tables: upload, dry-run preview, confirm (all or nothing)."""

import base64
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from config.access import get_for_user
from config.forms import UploadForm
from config.imports import (
    MAX_UPLOAD_BYTES,
    UnreadableFile,
    describe_problems,
    import_all_or_nothing,
    read_table,
)
from funding.resources import CostLineResource, FinancingLineResource
from projects.models import Project
from projects.resources import IndicatorResource, ParticipantTargetResource

KINDS = {
    "cost-lines": (CostLineResource, gettext_lazy("Cost lines")),
    "financing-lines": (FinancingLineResource, gettext_lazy("Financing lines")),
    "indicators": (IndicatorResource, gettext_lazy("Indicators")),
    "participant-targets": (ParticipantTargetResource, gettext_lazy("Participant targets")),
}
SESSION_KEY = "funding_import"


def _resource(request, pk: int, kind: str):
    if kind not in KINDS:
        raise Http404
    project = get_for_user(
        request.user,
        Project.objects.for_page(),
        "funding.view_finances",
        change_perm="funding.import_finances",
        pk=pk,
    )
    resource_class, title = KINDS[kind]
    return project, resource_class(project=project, user=request.user), title


@require_GET
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_user(request.user, Project.objects.for_page(), "funding.view_finances", pk=pk)
    can_import = request.user.has_perm("funding.import_finances", project)
    context = {
        "project": project,
        "tab": "transfer",
        "kinds": KINDS,
        "form": UploadForm(),
        "can_import": can_import,
    }
    return render(request, "funding/transfer.html", context)


@require_POST
def import_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    project, resource, title = _resource(request, pk, kind)
    form = UploadForm(request.POST, request.FILES)
    problems, result = [], None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(MAX_UPLOAD_BYTES + 1)  # enough to tell a file that is too large
        try:
            result = import_all_or_nothing(resource, read_table(upload.name, content), dry_run=True)
            problems = describe_problems(result)
        except UnreadableFile as error:
            problems = [str(error)]
        if not problems:
            request.session[SESSION_KEY] = {
                "project": project.pk,
                "kind": kind,
                "name": upload.name,
                "content": base64.b64encode(content).decode("ascii"),
            }
    context = {"project": project, "tab": "transfer", "kind": kind, "title": title, "form": form}
    context |= {"problems": problems, "result": result if not problems else None}
    return render(
        request,
        "funding/import_preview.html",
        context,
        status=200 if form.is_valid() and not problems else 400,
    )


@require_POST
def import_confirm(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    project, resource, title = _resource(request, pk, kind)
    stored = request.session.get(SESSION_KEY)
    if not stored or stored["project"] != project.pk or stored["kind"] != kind:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("funding:transfer", pk=project.pk)
    dataset = read_table(stored["name"], base64.b64decode(stored["content"]))
    result = import_all_or_nothing(resource, dataset, dry_run=False)
    del request.session[SESSION_KEY]
    if result.has_errors() or result.has_validation_errors():
        for problem in describe_problems(result):
            messages.error(request, problem)
        messages.error(request, _("Nothing was imported."))
    else:
        totals = result.totals
        messages.success(
            request,
            _("Imported %(title)s: %(new)d new, %(update)d updated.")
            % {"title": str(title).lower(), "new": totals["new"], "update": totals["update"]},
        )
    return redirect("funding:transfer", pk=project.pk)


@require_GET
def export(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404
    project = get_for_user(request.user, Project.objects.for_page(), "funding.view_finances", pk=pk)
    resource_class, _title = KINDS[kind]
    dataset = resource_class(project=project, user=request.user).export()
    if fmt == "csv":
        # Finnish CSV: semicolons and decimal commas, with a BOM so spreadsheet programs read UTF-8.
        for index, row in enumerate(dataset):
            dataset[index] = tuple(str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in row)
        body = "\ufeff" + dataset.export("csv", delimiter=";")
        content_type = "text/csv; charset=utf-8"
    else:
        body = dataset.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(project.acronym or project.name)}-{kind}.{fmt}"'
    )
    return response
