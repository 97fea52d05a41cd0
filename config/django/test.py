"""pytest: real database and broker from the environment (MariaDB + Redis in CI)."""

import os

from config.django.base import *  # noqa: F403
from config.env import env

SECRET_KEY = "test-key-not-for-production"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = [
    # Argon2 stays first so tests exercise the real hasher; its cost is small enough.
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process gets its own queue, so a message left behind by one run is never
# picked up by a worker of another (xdist processes, a later run).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TEST_QUEUE", default=f"metskin-test-{os.getpid()}")
STORAGES = {
    **STORAGES,  # noqa: F405
    # Tests must not depend on `collectstatic`; the live server serves the Vite build directly.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests encrypt media with a key of their own (never a real one); conftest puts files in tmp.
MEDIA_ENCRYPTION_KEY = "dGVzdHMtb25seS1tZWRpYS1rZXktMzItYnl0ZXMtLS0="
