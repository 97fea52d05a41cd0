"""`make run`: embedded defaults, no server needed (SQLite under var/, filesystem broker)."""

import os

from config.django.base import *  # noqa: F403
from config.env import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-key-not-for-production"  # noqa: F405
# With no MEDIA_ENCRYPTION_KEY, `make run` generates one into var/ on first use (never committed).
MEDIA_ENCRYPTION_DEV_KEY_FILE = str(VAR_DIR / "media-encryption.key")  # noqa: F405
# Every email of the web server and the worker lands in var/mail/, readable at /dev/outbox/
# (with the SMS of the file backend), unless EMAIL_URL names a real server.
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "metskin.core.outbox.MailFolderBackend"
DEVELOPMENT_TOOLS = DEBUG
