from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.access import get_compiled_for_user, get_for_user, require_perm
from config.compiled import CompiledQuery
from config.forms import save_all
from config.pdf import pdf_response
from governance.models import Organisation
from governance.permissions import coordinated_organisation_ids, is_administrator
from projects import selectors, services, versions
from projects.forms import (
    ImplementerForm,
    IndicatorFormSet,
    IndicatorValueFormSet,
    MeasureFormSet,
    ParticipantTargetFormSet,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    StaffFormSet,
    StatusForm,
    VersionCompareForm,
    WorkPackageForm,
)
from projects.models import Implementer, IndicatorValue, PlanVersion, Project, WorkPackage
from projects.notifications import notify_implementer_changed

PAGE_SIZE = 25
VIEW, CHANGE = "projects.view_project", "projects.change_project"
VIEW_IMPL, CHANGE_IMPL = "projects.view_implementer", "projects.change_implementer"


# The project of every tab, with its call and implementers: a query compiled once per process.
PROJECT_PAGE = CompiledQuery(lambda pk: Project.objects.for_page().filter(pk=pk))


def _project(request, pk: int, *, change: bool = False) -> Project:
    return get_compiled_for_user(request.user, PROJECT_PAGE, VIEW, pk, change_perm=CHANGE if change else None)


def _implementer(request, pk: int) -> Implementer:
    queryset = Implementer.objects.select_related("organisation", "project")
    return get_for_user(request.user, queryset, VIEW_IMPL, change_perm=CHANGE_IMPL, pk=pk)


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = Project.objects.visible_to(request.user).for_list()
    form = ProjectFilterForm(request.GET or None, projects=projects)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["programme"]:
            projects = projects.filter(call__priority_axis__programme=data["programme"])
        if data["organisation"]:
            projects = projects.filter(implementers__organisation=data["organisation"])
    can_add = request.user.has_perm("projects.add_project")
    # A coordinator of a busy organisation sees hundreds: one page at a time (ordering makes it stable).
    page = Paginator(projects.order_by("-start_date", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "projects/list.html", {"form": form, "page": page, "can_add": can_add})


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    status_changes = project.status_changes.select_related("changed_by")
    context = {"project": project, "tab": "overview", "status_changes": status_changes}
    context["status_form"] = StatusForm(project=project)
    return render(request, "projects/detail.html", context)


@require_GET
def project_plan(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    return render(request, "projects/plan.html", selectors.plan(project) | {"tab": "plan"})


@require_GET
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    entries = selectors.project_history(project)
    return render(
        request, "projects/history.html", {"project": project, "tab": "history", "entries": entries}
    )


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "projects.add_project")
    organisations = Organisation.objects.all()
    if not is_administrator(request.user):
        organisations = organisations.filter(pk__in=coordinated_organisation_ids(request.user))
    form = ProjectCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(**form.cleaned_data)
        messages.success(request, _("The project was created."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, change=True)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.project_update(project=project, **form.cleaned_data)
        messages.success(request, _("The project was saved."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, change=True)
    form = StatusForm(request.POST, project=project)
    if form.is_valid():
        services.project_change_status(project=project, status=form.cleaned_data["status"], user=request.user)
        messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("That status change is not possible."))
    return redirect(project)


@require_http_methods(["GET", "POST"])
def implementer_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, change=True)
    main = project.main_implementer
    if not request.user.has_perm(CHANGE_IMPL, main):
        raise PermissionDenied  # only the main implementer's coordinator adds sub-projects
    form = ImplementerForm(
        request.POST or None,
        project=project,
        initial={"start_date": project.start_date, "end_date": project.end_date},
    )
    if request.method == "POST" and form.is_valid():
        services.implementer_add(project=project, **form.cleaned_data)
        messages.success(request, _("The sub-implementer was added."))
        return redirect(project)
    return render(request, "projects/implementer_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
def implementer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    implementer = _implementer(request, pk)
    project = implementer.project
    form = ImplementerForm(request.POST or None, instance=implementer, project=project)
    if request.method == "POST" and form.is_valid():
        services.implementer_update(implementer=implementer, **form.cleaned_data)
        if form.has_changed():
            notify_implementer_changed(implementer=implementer, editor=request.user, part="basic")
        messages.success(request, _("The implementer was saved."))
        return redirect(project)
    context = {"form": form, "project": project, "implementer": implementer}
    return render(request, "projects/implementer_form.html", context)


@require_http_methods(["GET", "POST"])
def work_package_edit(request: HttpRequest, pk: int, wp: int | None = None) -> HttpResponse:
    implementer = _implementer(request, pk)
    package = (
        get_object_or_404(WorkPackage, pk=wp, implementer=implementer)
        if wp
        else WorkPackage(implementer=implementer)
    )
    form = WorkPackageForm(request.POST or None, instance=package, prefix="wp")
    measures = MeasureFormSet(request.POST or None, instance=package, prefix="measures")
    if request.method == "POST" and form.is_valid() and measures.is_valid():
        save_all(form, measures)
        if form.has_changed() or measures.has_changed():
            notify_implementer_changed(implementer=implementer, editor=request.user, part="work_packages")
        messages.success(request, _("The work package was saved."))
        return redirect("projects:plan", pk=implementer.project_id)
    context = {"form": form, "formset": measures, "implementer": implementer, "project": implementer.project}
    return render(request, "projects/work_package_form.html", context)


@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    implementer = _implementer(request, pk)
    formset = StaffFormSet(request.POST or None, instance=implementer, prefix="staff")
    if request.method == "POST" and formset.is_valid():
        save_all(formset)
        if formset.has_changed():
            notify_implementer_changed(implementer=implementer, editor=request.user, part="staff")
        messages.success(request, _("The staff resources were saved."))
        return redirect("projects:plan", pk=implementer.project_id)
    context = {
        "formset": formset,
        "implementer": implementer,
        "project": implementer.project,
        "title": _("Staff resources"),
    }
    return render(request, "projects/rows_form.html", context)


@require_http_methods(["GET", "POST"])
def rows_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Indicators or participant targets of a project, as editable rows."""
    formset_class, title = {
        "indicators": (IndicatorFormSet, _("Indicators")),
        "participants": (ParticipantTargetFormSet, _("Participant targets")),
    }[kind]
    project = _project(request, pk, change=True)
    formset = formset_class(
        request.POST or None, instance=project, prefix=kind, form_kwargs={"project": project}
    )
    if request.method == "POST" and formset.is_valid():
        save_all(formset)
        messages.success(request, _("The rows were saved."))
        return redirect("projects:plan", pk=project.pk)
    return render(
        request, "projects/rows_form.html", {"formset": formset, "project": project, "title": title}
    )


@require_http_methods(["GET", "POST"])
def indicator_values_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The realised value of each indicator per reporting period."""
    project = _project(request, pk, change=True)
    queryset = IndicatorValue.objects.filter(indicator__project=project).select_related("indicator")
    formset = IndicatorValueFormSet(
        request.POST or None, queryset=queryset, prefix="values", form_kwargs={"project": project}
    )
    if request.method == "POST" and formset.is_valid():
        save_all(formset)
        messages.success(request, _("The rows were saved."))
        return redirect("projects:plan", pk=project.pk)
    title = _("Realised values of the indicators")
    return render(
        request, "projects/rows_form.html", {"formset": formset, "project": project, "title": title}
    )


@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The project plan in the shape of a funding decision proposal; the money parts (cost estimate,
    financing plan, regional split) are added by the app that keeps them (``config.extensions``)."""
    project = _project(request, pk)
    context = selectors.plan(project)
    filename = f"{project.acronym or project.name}-hankesuunnitelma"
    return pdf_response("projects/pdf/plan.html", context, request=request, filename=filename)


@require_GET
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The frozen versions of the plan, each with who and when, its PDF and a comparison."""
    project = _project(request, pk)
    plan_versions = list(project.plan_versions.select_related("frozen_by").defer("data"))
    context = {
        "project": project,
        "tab": "versions",
        "plan_versions": plan_versions,
        "compare_form": VersionCompareForm(numbers=[v.number for v in plan_versions]),
        "can_apply_change": project.status in services.CHANGE_APPLICATION_STATUSES
        and request.user.has_perm(CHANGE, project),
    }
    return render(request, "projects/versions.html", context)


@require_GET
def plan_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The PDF of a version as it was rendered when the version was frozen."""
    project = _project(request, pk)
    version = get_object_or_404(PlanVersion, project=project, number=number)
    if not version.pdf:
        raise Http404
    filename = f"{project.acronym or project.name}-hankesuunnitelma-versio-{number}.pdf"
    response = FileResponse(
        version.pdf.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def plan_version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (or a version and the plan now): rows matched by key, changed
    cells marked in words as well as by style, added and removed rows shown."""
    project = _project(request, pk)
    frozen = {v.number: v for v in project.plan_versions.all()}
    numbers = sorted(frozen, reverse=True)
    initial = {"old": str(numbers[0]) if numbers else "", "new": "current"}
    form = VersionCompareForm(request.GET or initial, numbers=numbers)
    context = {"project": project, "tab": "versions", "form": form, "tables": None}
    if numbers and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        old_tables = frozen[int(old)].data["tables"]
        new_tables = versions.plan_tables(project) if new == "current" else frozen[int(new)].data["tables"]
        context.update(
            tables=versions.compare(old_tables, new_tables),
            old=frozen[int(old)],
            new=None if new == "current" else frozen[int(new)],
        )
    return render(request, "projects/version_compare.html", context)


@require_POST
def plan_change_application(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the plan as a change application (muutoshakemus) to the funding authority."""
    project = _project(request, pk, change=True)
    try:
        version = services.plan_version_change_application(project=project, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Version %(number)s of the plan was frozen.") % {"number": version.number}
        )
    return redirect("projects:versions", pk=project.pk)
