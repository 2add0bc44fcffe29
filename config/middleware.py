from django.shortcuts import render

from config.models import ConcurrentEditError


class ConcurrentEditMiddleware:
    """A save refused by optimistic locking that no form caught becomes a clear 409 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ConcurrentEditError):
            return render(request, "conflict.html", {"message": ConcurrentEditError.message}, status=409)
        return None
