"""The portal's URLs and ``/bench/bare/``: a view that does nothing, through the same middleware.
Only in the benchmark's settings (``benchmarks.settings``), never in the portal's own."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 - the 500 handler stays
from config.urls import urlpatterns as portal


@login_not_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *portal]
