"""`make run`: embedded defaults, no server needed (SQLite under var/, filesystem broker)."""

from config.django.base import *  # noqa: F403
from config.env import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-key-not-for-production"  # noqa: F405
