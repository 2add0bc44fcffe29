"""Settings for the aftercare development portal. Everything variable comes from the environment
(django-environ); `.env.example` documents each variable."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-only-for-debug-mode")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    # Production refuses to start without a real key and hosts: no silent defaults.
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (see .env.example).")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config",
    "governance",
    "projects",
    "funding",
    "aftercare",
    "accounts",
    "notices",
    "search",
    "api",
    "opendata",
    "config.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search: full-text vectors (harmless on SQLite)
    "django.contrib.humanize",  # allauth's session list
    "rules",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.routers.PrimaryAfterWriteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "notices.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.middleware.ConcurrentEditMiddleware",
    "config.formtokens.FormTokenMiddleware",
    # Last: turns a sign-in that django-axes refused into the lockout page (accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

# Every app server must see the same cache (allauth's login rate limits and used authenticator codes
# live there): a database table by default, Redis when CACHE_URL says so (redis://host:6379/0).
CACHES = {
    "default": env.cache_url("CACHE_URL")
    if env.str("CACHE_URL", default="")
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # One-time form tokens must be shared by every app server: a table in the database
    # (created by `manage.py createcachetable`, which `make run` and the test runner call).
    "form_tokens": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_form_tokens",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # The API's rate limits count requests across every app server: a table in the database too.
    "api_throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_api_throttle",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["config.templatetags.portal"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Keep each app server's database connection between requests (checked before reuse): opening a
# PostgreSQL connection for every request cost 5–15 ms here, as much as a small page's queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time in SQLite: wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
# A read replica (a streaming standby) for reading pages: DATABASE_REPLICA_URL. Writes, and every read
# of a request that writes or follows a write closely, go to the primary (config.routers).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
# Seconds after a write during which the same browser reads from the primary (the replica's lag).
REPLICA_LAG_SECONDS = env.int("REPLICA_LAG_SECONDS", default=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked-out username or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# --- login throttling (django-axes) ------------------------------------------------------------
# After AXES_FAILURE_LIMIT failed logins of one username, or from one address, logging in is locked
# for the cool-off time; the lockout page says until when. Behind a load balancer or proxy set
# AXES_PROXY_COUNT to the number of proxies in front of the portal, so the client's own address
# (from X-Forwarded-For) is the one counted.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "login"  # allauth's login form names the username field "login"
AXES_USERNAME_CALLABLE = "accounts.lockout.username"  # …but authenticates with username=
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
# Without a proxy, X-Forwarded-For is whatever the client says: only the socket's address counts.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- signing in (django-allauth; the portal's glue is the accounts app) ---------------------------
# Users are created by administrators, never by signing up; they log in with their username.
ACCOUNT_ADAPTER = "accounts.adapters.PortalAccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.PortalSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # accounts.adapters matches by verified e-mail itself
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("OIDC_TIMEOUT", default=5)
# Failed logins are counted by django-axes (above), which says until when logging in is locked;
# allauth's own counter would answer first with a vaguer message, so it is off. allauth's limit on
# login requests per address stays, above the axes limit, as a guard against floods.
ACCOUNT_RATE_LIMITS = {"login_failed": None, "login": "120/m/ip"}


def _oidc_apps() -> list[dict]:
    """OIDC_PROVIDERS=entra,thl → one allauth app per id from OIDC_<ID>_NAME, _SERVER_URL, …"""
    apps = []
    for provider_id in env.list("OIDC_PROVIDERS", default=[]):
        prefix = f"OIDC_{provider_id.upper().replace('-', '_')}_"
        apps.append(
            {
                "provider_id": provider_id,
                "name": env.str(prefix + "NAME", default=provider_id),
                "client_id": env.str(prefix + "CLIENT_ID"),
                "secret": env.str(prefix + "CLIENT_SECRET"),
                "settings": {
                    "server_url": env.str(prefix + "SERVER_URL"),
                    "scopes": env.list(prefix + "SCOPES", default=["openid", "profile", "email"]),
                    "trust_email": env.bool(prefix + "TRUST_EMAIL", default=False),
                    "oauth_pkce_enabled": True,
                },
            }
        )
    return apps


SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"provider_class": "accounts.oidc.provider.OrganisationProvider", "APPS": _oidc_apps()}
}

# Second factor: an authenticator app (TOTP) with recovery codes. Required of administrators
# (accounts.middleware.SecondFactorRequiredMiddleware), optional for everybody else.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Jälkihuoltoportaali")

# Sessions live in the database; a person sees theirs and ends them at /accounts/sessions/.
# Sessions are recorded at login (IP, browser); tracking each request would cost a write per page.
USERSESSIONS_TRACK_ACTIVITY = False
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_MINUTES", default=120) * 60
SESSION_ABSOLUTE_LIMIT = env.int("SESSION_ABSOLUTE_HOURS", default=12) * 3600
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Helsinki")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default="staticfiles")
STORAGES = {
    # Meeting attachments go through Django's storage API: a local folder (MEDIA_ROOT) by default, any
    # S3-compatible store (django-storages) by DEFAULT_STORAGE='{"BACKEND": "storages.backends.s3.S3Storage",
    # "OPTIONS": {"bucket_name": "…", "endpoint_url": "https://…", "access_key": "…", "secret_key": "…"}}'.
    "default": env.json(
        "DEFAULT_STORAGE", default={"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Uploads are small tables; anything bigger is a mistake or an attack.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (Django's own middleware): scripts only from the portal's static files,
# never inline; nothing is fetched from elsewhere. Inline style attributes stay allowed (the admin's
# widgets set them); charts are inline SVG, which needs no source.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer asks the health endpoint over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env.bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint logs every refused fetch; that is the fetcher doing its job.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# The accessibility statement: when the portal was last checked against WCAG 2.1 AA, and where
# feedback goes (an address of the maintaining organisation's accessibility contact).
ACCESSIBILITY_CHECKED_ON = env.str("ACCESSIBILITY_CHECKED_ON", default="2026-11-30")
ACCESSIBILITY_FEEDBACK_EMAIL = env.str("ACCESSIBILITY_FEEDBACK_EMAIL", default="saavutettavuus@example.fi")

# --- notices, e-mail and background tasks --------------------------------------------------------
# E-mail through EMAIL_URL (django-environ): smtp://user:pass@host:25, smtp+tls://…:587 (STARTTLS),
# smtp+ssl://…:465, or consolemail://. Default: the console in development (the worker prints
# e-mails), the machine's own mail server (smtp://localhost:25) in production. Django 6.1's MAILERS.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"]}}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email.get("EMAIL_HOST_USER") or None,
        "password": _email.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": bool(_email.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
        "timeout": env.int("EMAIL_TIMEOUT", default=20),
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Jälkihuoltoportaali <noreply@example.fi>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as people reach it: links in e-mails and calendar feeds.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")
# Django's Tasks framework on a database queue (django-tasks-db): no other server; workers on
# several machines pick tasks with row locks (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Seconds to wait before each new attempt when the mail server is away; then the e-mail has failed.
NOTICES_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]
# Days before a reporting period's due date when its area managers are reminded.
NOTICES_DUE_REMINDER_DAYS = env.list("NOTICES_DUE_REMINDER_DAYS", cast=int, default=[7, 1])
# A meeting PDF with this many embedded report sections or more is made by a task worker (the demo
# meeting, 2 embeds, took 1.8–2.2 s to render on a busy 2-core machine).
MEETING_PDF_BACKGROUND_EMBEDS = env.int("MEETING_PDF_BACKGROUND_EMBEDS", default=4)

# --- read API (Django REST framework, OpenAPI by drf-spectacular) ----------------------------------
# Read-only: personal tokens (api.authentication) or the browser session; the same permissions and
# small-count suppression as the pages. Rates per token holder and per address (anonymous).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.UserThrottle", "api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_RATE_USER", default="1200/hour"),
        "anon": env.str("API_RATE_ANON", default="120/hour"),
    },
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jälkihuoltoportaali API",
    "DESCRIPTION": "Read-only API of the aftercare development portal: projects, aftercare figures "
    "(small counts suppressed), steering groups, meetings and approved decisions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The docs page runs under the portal's CSP: its scripts come from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Personal API tokens: the longest lifetime a person may choose.
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)
# Open data (/avoindata/): the contact point of the dataset's description.
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="avoindata@example.fi")

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="jalkihuolto-demo")
