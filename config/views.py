from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page: a card from each app (``config.extensions``, slot ``portal.home``)."""
    user = request.user
    return render(request, "home.html", {"is_administrator": user.is_active and user.is_superuser})


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
