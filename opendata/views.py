"""Open data: public (no login), nothing of a period before an administrator releases it."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aftercare.models import ReportingPeriod
from governance.permissions import is_administrator
from opendata import metadata, selectors
from opendata.services import release_create

LICENSE_HEADER = f'<{metadata.LICENSE_URL}>; rel="license"'


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    periods = list(selectors.released_periods().select_related("open_data_release"))
    return render(
        request,
        "opendata/index.html",
        {
            "periods": periods,
            "metadata": metadata,
            "contact": metadata.contact_email(),
            "columns": selectors.COLUMNS,
            "can_release": is_administrator(request.user),
        },
    )


@login_not_required
@require_GET
def as_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jalkihuolto-asiakasmaarat.csv"'
    response["Link"] = LICENSE_HEADER
    writer = csv.DictWriter(response, fieldnames=selectors.COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(selectors.rows())
    return response


@login_not_required
@require_GET
def as_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        {"license": metadata.LICENSE_URL, "title": str(metadata.TITLE), "rows": selectors.rows()},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Link"] = LICENSE_HEADER
    return response


@login_not_required
@require_GET
def dcat(request: HttpRequest) -> HttpResponse:
    periods = list(selectors.released_periods().select_related("open_data_release"))
    body = {k: v for k, v in metadata.dcat(request, periods).items() if v is not None}
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/ld+json")


@require_http_methods(["GET", "POST"])
def releases(request: HttpRequest) -> HttpResponse:
    """Administrators release closed periods; nobody else learns the page exists."""
    if not is_administrator(request.user):
        raise Http404
    if request.method == "POST":
        period = get_object_or_404(ReportingPeriod, pk=request.POST.get("period") or 0)
        try:
            release_create(period=period, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The figures of %(period)s are now published as open data.") % {"period": period}
            )
        return redirect("opendata:releases")
    periods = ReportingPeriod.objects.select_related("open_data_release__released_by").order_by("-start")
    return render(request, "opendata/releases.html", {"periods": periods})
