from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.permissions import is_administrator, is_area_manager, is_coordinator


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page: where each of the user's roles takes them."""
    user = request.user
    return render(
        request,
        "home.html",
        {
            "is_coordinator": is_coordinator(user),
            "is_area_manager": is_area_manager(user),
            "is_administrator": is_administrator(user),
        },
    )


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (saavutettavuusseloste) that Act 306/2019 requires, in fi/sv/en."""
    return render(
        request,
        "accessibility.html",
        {
            "checked_on": date.fromisoformat(settings.ACCESSIBILITY_CHECKED_ON),
            "feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        },
    )
