"""``manage.py media_rotate_key``: encrypt every private media file with the first key.

Rotation: put a new key in front of MEDIA_ENCRYPTION_KEY (``new,old``), restart, run this,
then drop the old key. Files already under the new key are rewritten too (harmless).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from metskin.uploads.storage import private_storage


class Command(BaseCommand):
    help = "Re-encrypt every private media file with the first MEDIA_ENCRYPTION_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        storage = private_storage()
        count = 0
        # Listed whole before the first rewrite, so a rewritten file is never met twice.
        for name in list(storage.stored_names()):
            storage.reencrypt(name)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} files."))
