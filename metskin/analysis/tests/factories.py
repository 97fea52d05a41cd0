"""Analyses for tests, made through the real services and storage.

Other apps' tests can use them too::

    analysis = AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 70}))
"""

from __future__ import annotations

import copy
import io
from datetime import timedelta
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

import skinlab
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.uploads.models import Upload
from metskin.uploads.services import media_name
from metskin.uploads.storage import private_storage
from metskin.uploads.tests.factories import UploadFactory

_RESULT: dict[str, Any] = {
    "schema_version": "1.0",
    "engine_version": "0.1.0",
    "media_type": "photo",
    "source_format": "jpeg",
    "image": {"width": 512, "height": 512},
    "quality": {
        "ok": True,
        "score": 1.0,
        "issues": [],
        "metrics": {"brightness_mean": 120.0, "brightness_p99": 245.0, "sharpness": 150.0},
    },
    "color_correction": {
        "method": "grey_world",
        "applied": True,
        "illuminant_estimate": {"rgb": [1.0, 1.0, 1.0], "cct_k": 5500},
        "gains": [1.0, 1.0, 1.0],
        "confidence": 0.8,
    },
    "face": {
        "detected": True,
        "box": {"x": 100, "y": 80, "w": 300, "h": 300},
        "eyes": [],
        "frontal": True,
        "detector": "mediapipe",
        "landmarks": True,
        "pose": {"yaw": 2.0, "pitch": -1.0, "roll": 0.5},
    },
    "regions": {},
    "tone": {
        "ita": 35.2,
        "ita_band": "intermediate",
        "monk": 4,
        "monk_hex": "#eadaba",
        "fitzpatrick": "III",
        "fitzpatrick_note": "Estimate from skin colour only.",
        "undertone": "warm",
        "hue_angle": 66.0,
        "hex": "#c9a07f",
        "lab": [66.0, 12.0, 22.0],
        "confidence": 0.8,
        "pixels": 5000,
        "monk_skin_hex": "#d3a98a",
        "fitzpatrick_range": ["III", "III"],
    },
    "concerns": [],
    "timings_ms": {"total": 150.0},
    "video": None,
    "disclaimer": "This is not a diagnosis.",
}


def sample_result(
    *,
    ita: float = 35.2,
    concerns: dict[str, int] | None = None,
    cct_k: float = 5500,
    brightness: float = 120.0,
    issues: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """A skinlab result dict of the documented shape, with the numbers given."""
    result = copy.deepcopy(_RESULT)
    result["tone"]["ita"] = ita
    result["color_correction"]["illuminant_estimate"]["cct_k"] = cct_k
    result["quality"]["metrics"]["brightness_mean"] = brightness
    result["quality"]["issues"] = issues or []
    result["quality"]["ok"] = not issues
    severities = concerns if concerns is not None else {"acne": 40, "redness": 25}
    result["concerns"] = [
        {
            "name": name,
            "label": skinlab.Concern(name).label,
            "severity": severity,
            "confidence": 0.7,
            "regions": ["left_cheek"],
            "locations": [],
            "explanation": f"Measured {name} on the cheeks.",
            "details": {"worth_a_look": severity >= 60} if name == "lesion" else {},
        }
        for name, severity in severities.items()
    ]
    return result


def _overlay_picture(extension: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (255, 0, 255)).save(buffer, {"jpg": "JPEG", "png": "PNG"}[extension])
    return buffer.getvalue()


class AnalysisFactory(factory.Factory[Analysis]):
    """A finished analysis (``status="done"``) with a stored photo and overlay by default."""

    class Meta:
        model = Analysis

    owner = factory.SubFactory(UserFactory)
    status = AnalysisStatus.DONE
    result = factory.LazyFunction(sample_result)
    overlay = True
    # "png": an overlay stored before skinlab 0.5.2, when overlays were PNGs
    overlay_format = "jpg"
    days_ago = 0

    @classmethod
    def _create(cls, model_class: type[Analysis], *args: Any, **kwargs: Any) -> Analysis:
        owner = kwargs["owner"]
        status = kwargs["status"]
        upload: Upload = UploadFactory(owner=owner)  # type: ignore[assignment]
        analysis = Analysis(owner=owner, upload=upload, status=status)
        if status == AnalysisStatus.DONE:
            analysis.result = kwargs["result"]
            analysis.progress = 100
            analysis.stage = "done"
            analysis.finished_at = timezone.now()
            if kwargs["overlay"]:
                extension = kwargs["overlay_format"]
                name = media_name("overlays", extension)
                picture = ContentFile(_overlay_picture(extension))
                analysis.overlay_name = private_storage().save(name, picture)
        elif status == AnalysisStatus.FAILED:
            analysis.finished_at = timezone.now()
            analysis.error_code = "no_skin_found"
            analysis.error_message = "No skin was found in the photo."
        analysis.full_clean()
        analysis.save()
        if kwargs["days_ago"]:
            when = timezone.now() - timedelta(days=kwargs["days_ago"])
            Analysis.objects.filter(pk=analysis.pk).update(created_at=when, finished_at=when)
            analysis.refresh_from_db()
        return analysis
