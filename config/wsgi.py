"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.production")

application = get_wsgi_application()

from metskin.core.startup import freeze_startup_heap  # noqa: E402 - needs Django set up

freeze_startup_heap()
