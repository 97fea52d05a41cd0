"""Demo data: two analysed photos in the demo patient's history (run on every `make run`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from metskin.accounts.models import User
from metskin.analysis.models import Analysis
from metskin.analysis.services import analysis_execute
from metskin.uploads.services import upload_accept

DEMO_EMAIL = "demo@metskin.example"


def _demo_photo(brightness: float) -> bytes:
    import io

    import skimage.data
    from PIL import Image

    image = Image.fromarray(skimage.data.astronaut())
    if brightness != 1.0:
        image = image.point(lambda value: min(255, int(value * brightness)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def seed_demo(*, stdout: Any) -> None:
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None or Analysis.objects.filter(owner=user).exists():
        return
    # The astronaut portrait shipped with scikit-image (NASA, public domain), four weeks apart.
    for days_ago, brightness in ((28, 0.9), (0, 1.0)):
        uploaded = SimpleUploadedFile("demo.jpg", _demo_photo(brightness), "image/jpeg")
        with upload_accept(owner=user, uploaded=uploaded) as upload:
            analysis = Analysis.objects.create(owner=user, upload=upload)
        analysis_execute(analysis_id=str(analysis.id))
        when = timezone.now() - timedelta(days=days_ago)
        Analysis.objects.filter(pk=analysis.pk).update(created_at=when, finished_at=when)
    stdout.write(f"Analysed two demo photos for {DEMO_EMAIL}")
