from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page: a card from each app (``config.extensions``, slot ``portal.home``)."""
    user = request.user
    return render(request, "home.html", {"is_administrator": user.is_active and user.is_superuser})
