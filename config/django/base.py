"""Settings shared by every environment. Values that vary come from ``config.env``."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.env import BASE_DIR, VAR_DIR, env, env_secret

SECRET_KEY = env_secret("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# True only in config.django.production: what must never happen on a real site checks it.
PRODUCTION = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links in emails sent outside a request (reminders from Celery beat).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# /healthz?worker=1 (a task's round trip) asks for this bearer token; unset, only a client on
# this machine may ask. The plain /healthz is open to all.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_vite",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
]
# Listed in dependency order: each app may import only the apps above it (docs/architecture.md).
LOCAL_APPS = [
    "metskin.core",
    "metskin.accounts",
    "metskin.uploads",
    "metskin.analysis",
    "metskin.catalog",
    "metskin.recommendations",
    "metskin.doctors",
    "metskin.appointments",
    "metskin.notifications",
    "metskin.education",
    "metskin.privacy",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of authentication (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'metskin.sqlite3'}"),
}
# MetSkin runs on MariaDB/MySQL, or SQLite for `make run` without a server.
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.mysql",
    "django.db.backends.sqlite3",
}:
    raise ImproperlyConfigured(
        "DATABASE_URL must be mysql://user:password@host:3306/name (MariaDB or MySQL) "
        "or sqlite:////absolute/path.sqlite3"
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"]["OPTIONS"] = {
        "charset": "utf8mb4",
        # READ COMMITTED is what Django recommends for MySQL; booking relies on row locks
        # and a unique constraint, not on repeatable reads (docs/adr/0008-race-safe-booking.md).
        "isolation_level": "read committed",
        "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
    }
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default is shared by the web server, a worker and beat: wait for locks.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/signin"
# Verification links stay valid this long (seconds).
EMAIL_VERIFICATION_MAX_AGE = env.int("EMAIL_VERIFICATION_MAX_AGE", default=3 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)

SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "metskin.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "frontend" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded skin photos are never served from MEDIA_URL: see metskin/uploads and docs/adr.
# (MEDIA_ROOT and the private storage are set in config/settings/uploads.py.)
MEDIA_URL = "/media-is-not-served/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

from config.settings.appointments import *  # noqa: E402, F403
from config.settings.axes import *  # noqa: E402, F403
from config.settings.celery import *  # noqa: E402, F403
from config.settings.csp import *  # noqa: E402, F403
from config.settings.drf import *  # noqa: E402, F403
from config.settings.education import *  # noqa: E402, F403
from config.settings.email import *  # noqa: E402, F403
from config.settings.notifications import *  # noqa: E402, F403
from config.settings.privacy import *  # noqa: E402, F403
from config.settings.two_factor import *  # noqa: E402, F403
from config.settings.uploads import *  # noqa: E402, F403
from config.settings.vite import *  # noqa: E402, F403

# Private, encrypted media (metskin/uploads; docs/adr/0004-encrypted-private-media.md).
STORAGES["uploads"] = UPLOADS_STORAGE  # noqa: F405
# Public education videos (config/settings/education.py; docs/adr/0020).
STORAGES["education"] = EDUCATION_STORAGE  # noqa: F405
