"""Rate limits counted in the database cache (``api_throttle``), shared by every app server."""

from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    @property
    def cache(self):
        return caches["api_throttle"]


class AnonThrottle(AnonRateThrottle):
    @property
    def cache(self):
        return caches["api_throttle"]
