"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.production")

application = get_asgi_application()

from metskin.core.startup import freeze_startup_heap  # noqa: E402 - needs Django set up

freeze_startup_heap()
