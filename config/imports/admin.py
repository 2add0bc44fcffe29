"""The admin's import page, through the one pipeline: upload → preview (an import batch) →
confirm once, all or nothing, with history. A ``ModelAdmin`` says which importer it uses."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from config.forms import UploadForm
from config.imports import pipeline


class PipelineImportMixin:
    """Adds "Import" to a model's change list. Set ``importer_factory(user) → Importer``."""

    importer_factory = None
    change_list_template = "admin/imports/change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="{}_{}_import".format(*info)), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        importer = type(self).importer_factory(request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %(name)s") % {"name": self.opts.verbose_name_plural},
            "form": UploadForm(),
            "problems": [],
            "batch": None,
            "counts": None,
        }
        if request.method == "POST" and "batch" in request.POST:
            batch = pipeline.batch_for(importer, request.POST["batch"] or 0)
            if batch is None:
                self.message_user(request, _("The preview has expired. Upload the file again."), "error")
                return redirect(request.path)
            try:
                context["counts"], context["problems"] = pipeline.confirm(importer, batch)
            except pipeline.AlreadyConfirmed:
                self.message_user(request, _("This file has already been saved."), "info")
                return redirect(request.path)
        elif request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                staged = pipeline.stage(importer, form.cleaned_data["file"])
                context["problems"], context["batch"] = staged.problems, staged.batch
        status = 400 if context["problems"] or context["form"].errors else 200
        return TemplateResponse(request, "admin/imports/import.html", context, status=status)
