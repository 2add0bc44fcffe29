"""Settings for the test suite: the real settings, with test-only conveniences."""

import os

# Tests run as production does, whatever a developer's .env says.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Playwright's sync API leaves an event loop running in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tasks run at once in the test process (one test runs the real worker on the database queue);
# e-mails go to Django's test outbox.
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

from config.settings import *  # noqa: E402, F403
from config.settings import STORAGES  # noqa: E402

# live_server pages need plain static storage: the manifest only exists after collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PORTAL_URL = "http://testserver"
# Files the tests store (attachments, frozen plan versions) go to a folder of their own, never the
# developer's var/media.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Each test starts with an empty cache (tests/conftest.py), also tests without a database: the
# process's own memory. The shared database cache of the real settings is proved across two servers
# in tests/config/test_two_servers.py.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
