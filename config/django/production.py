"""Production: every secret must come from the environment, and nothing unsafe by default.

Settings that only make sense on one machine (a per-process cache, email printed to the
console, SMS written to a file, links to 127.0.0.1) refuse to start here unless chosen
explicitly, so a
forgotten variable fails the deploy instead of silently losing throttles or messages.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.django.base import *  # noqa: F403
from config.env import env

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) in production.")

PRODUCTION = True
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only, remembered by browsers for a year (README: opt out with
# DJANGO_SECURE_SSL_REDIRECT=false and DJANGO_SECURE_HSTS_SECONDS=0 while HTTPS is not ready).
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
# The health probe is called by the load balancer over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Throttle, lockout and two-factor counters must be shared by every web process.
if "CACHE_URL" not in os.environ or CACHES["default"]["BACKEND"] in (  # noqa: F405
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
):
    raise ImproperlyConfigured(
        "Set CACHE_URL to a cache every process shares (redis://host:6379/1) in production: "
        "throttles, sign-in lockouts and two-factor counters live there."
    )
if "SITE_URL" not in os.environ:
    raise ImproperlyConfigured(
        "Set SITE_URL to the site's address (https://metskin.example) in production: "
        "password reset, verification and two-factor set-up emails link to it."
    )
if "EMAIL_URL" not in os.environ:
    raise ImproperlyConfigured(
        "Set EMAIL_URL (smtp+tls://user:pass@host:587) in production; EMAIL_URL=consolemail:// "
        "prints emails instead, if that is really what you want."
    )
if "SMS_BACKEND" not in os.environ:
    raise ImproperlyConfigured(
        "Set SMS_BACKEND in production (metskin.notifications.sms.TwilioSmsBackend); the file "
        "backend writes SMS to disk and runs only when named explicitly in SMS_BACKEND."
    )
