"""``manage.py media_rotate_key``: encrypt every private media file with the first key.

Rotation: put a new key in front of MEDIA_ENCRYPTION_KEY (``new,old``), restart, run this,
then drop the old key. Files already under the new key are rewritten too (harmless).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand

from metskin.uploads.storage import private_storage


def _walk(folder: str = "") -> Iterator[str]:
    storage = private_storage()
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(f"{folder}/{sub}" if folder else sub)


class Command(BaseCommand):
    help = "Re-encrypt every private media file with the first MEDIA_ENCRYPTION_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        storage = private_storage()
        count = 0
        for name in _walk():
            storage.reencrypt(name)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} files."))
