"""Import and export of a project's tables: upload, dry-run preview, confirm (all or nothing)."""

import base64
from decimal import Decimal

import tablib
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from config.access import get_for_user
from config.forms import UploadForm
from config.imports import describe_problems, import_all_or_nothing
from funding.resources import CostLineResource, FinancingLineResource
from projects.models import Project
from projects.resources import IndicatorResource, ParticipantTargetResource

KINDS = {
    "cost-lines": (CostLineResource, gettext_lazy("Cost lines")),
    "financing-lines": (FinancingLineResource, gettext_lazy("Financing lines")),
    "indicators": (IndicatorResource, gettext_lazy("Indicators")),
    "participant-targets": (ParticipantTargetResource, gettext_lazy("Participant targets")),
}
MAX_BYTES = 2 * 1024 * 1024
SESSION_KEY = "funding_import"


class UnreadableFile(ValueError):
    pass


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    """A CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file as a dataset."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(_("The file is too large (at most 2 MB)."))
    try:
        if name.lower().endswith(".xlsx"):
            # tablib opens the workbook read-only with cell values only: formulas are never evaluated.
            return tablib.Dataset().load(content, format="xlsx")
        text = content.decode("utf-8-sig")
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except UnicodeDecodeError:
        raise UnreadableFile(_("The file is not UTF-8 text. Save the CSV as UTF-8.")) from None
    except Exception:  # noqa: BLE001 - any parser failure is the same message to the user
        raise UnreadableFile(_("The file could not be read as CSV or XLSX.")) from None


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
        content = upload.read()
        try:
            result = import_all_or_nothing(resource, read_dataset(upload.name, content), dry_run=True)
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
    dataset = read_dataset(stored["name"], base64.b64decode(stored["content"]))
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
