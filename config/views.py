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
