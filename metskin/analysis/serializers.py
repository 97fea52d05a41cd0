"""Input and output shapes of the analysis API (also the OpenAPI schema the front end types)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

import skinlab
from metskin.accounts import fitzpatrick as fitz
from metskin.accounts.models import SkinProfile
from metskin.analysis.compare import result_summary
from metskin.analysis.models import Analysis, AnalysisStatus, LesionUrgency
from metskin.analysis.results import result_of
from metskin.analysis.selectors import SPOT_RECHECK_AFTER
from metskin.core.dataclass_schema import DerivedSerializer
from metskin.uploads.models import MediaKind, SourceFormat, Upload
from metskin.uploads.signing import media_url
from skinlab import result as skinlab_result
from skinlab.concerns import Concern
from skinlab.tone import ItaBand, ToneResult, Undertone

# skinlab's concern names, the vocabulary every part keys on (SkinlabConcernEnum in the schema).
CONCERN_CHOICES = tuple(concern.value for concern in Concern)
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "video/webm": "webm"}


def overlay_content_type(name: str) -> str:
    """Overlays are JPEGs; those stored before skinlab 0.5.2 are PNGs, named so."""
    return "image/png" if name.endswith(".png") else "image/jpeg"


# --- skinlab's result, derived from its dataclasses (the dict itself is served unchanged) ----
# Names, types, optionality, words and bounds all come from skinlab/result.py and tone.py
# (metskin/core/dataclass_schema.py); these classes only name the components the front end uses.


class QualityIssueSchema(DerivedSerializer[skinlab_result.QualityIssue]):
    class Meta:
        dataclass = skinlab_result.QualityIssue


class QualitySchema(DerivedSerializer[skinlab_result.Quality]):
    class Meta:
        dataclass = skinlab_result.Quality


class ColorCorrectionSchema(DerivedSerializer[skinlab_result.ColorCorrection]):
    class Meta:
        dataclass = skinlab_result.ColorCorrection


class FaceSchema(DerivedSerializer[skinlab_result.FaceInfo]):
    class Meta:
        dataclass = skinlab_result.FaceInfo


class RegionSchema(DerivedSerializer[skinlab_result.RegionInfo]):
    class Meta:
        dataclass = skinlab_result.RegionInfo


class ToneSchema(DerivedSerializer[ToneResult]):
    class Meta:
        dataclass = ToneResult


class ConcernSchema(DerivedSerializer[skinlab.ConcernResult]):
    class Meta:
        dataclass = skinlab.ConcernResult


class VideoSummarySchema(DerivedSerializer[skinlab_result.VideoSummary]):
    class Meta:
        dataclass = skinlab_result.VideoSummary


class AnalysisResultSchema(DerivedSerializer[skinlab.AnalysisResult]):
    class Meta:
        dataclass = skinlab.AnalysisResult
        exclude = ("overlay_jpeg",)  # travels as its own file (overlay_url), never in the JSON
        # skinlab leaves the format as text; the upload's vocabulary names its values
        choices = {"source_format": SourceFormat.choices}


def _values(vocabulary: Any) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


class SummarySchema(serializers.Serializer[Any]):
    # The tone's vocabularies are skinlab's (the same enums as the result's ToneSchema).
    ita = serializers.FloatField(allow_null=True)
    ita_band = serializers.ChoiceField(choices=_values(ItaBand), allow_null=True)
    monk = serializers.IntegerField(allow_null=True)
    monk_hex = serializers.CharField(allow_null=True)
    fitzpatrick = serializers.ChoiceField(choices=fitz.ROMAN, allow_null=True)
    undertone = serializers.ChoiceField(choices=_values(Undertone), allow_null=True)
    quality_ok = serializers.BooleanField()
    quality_score = serializers.FloatField(allow_null=True)
    lighting_issues = serializers.ListField(
        child=serializers.ChoiceField(choices=_values(skinlab.LIGHTING_ISSUES)),
        help_text="Quality issue codes about the light (too_dark, overexposed, "
        "exposure_uncertain, colour_cast): the light may have moved this result",
    )
    concerns = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Severity 0–100 by concern name; null: not checked in this photo (a gap, not 0)",
    )


class ErrorSchema(serializers.Serializer[Any]):
    code = serializers.CharField()
    message = serializers.CharField()


class SpotAnswersSchema(serializers.Serializer[Any]):
    """What the person says about the spot; every key optional, null = don't know."""

    age = serializers.IntegerField(allow_null=True, required=False, min_value=0, max_value=120)
    changed = serializers.BooleanField(allow_null=True, required=False)
    grew = serializers.BooleanField(allow_null=True, required=False)
    bleeds = serializers.BooleanField(allow_null=True, required=False)
    itches = serializers.BooleanField(allow_null=True, required=False)
    hurts = serializers.BooleanField(allow_null=True, required=False)
    raised = serializers.BooleanField(allow_null=True, required=False)
    skin_cancer_history = serializers.BooleanField(allow_null=True, required=False)


@extend_schema_field(
    {
        "type": "string",
        "description": "A JSON object (a multipart field is text): "
        '{"age": 63, "changed": true, "grew": null, "bleeds": false, "itches": true, '
        '"hurts": false, "raised": true, "skin_cancer_history": false}. Every key is '
        "optional; null means don't know. Unknown keys or wrong types: 400 naming the field.",
    }
)
class SpotAnswersField(serializers.Field):
    """The answers as JSON text, checked by skinlab (the same contract as its CLI)."""

    def to_internal_value(self, data: Any) -> skinlab.SpotAnswers:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except json.JSONDecodeError as exc:
                raise serializers.ValidationError(
                    f"answers: not valid JSON ({exc.msg} at character {exc.pos})."
                ) from exc
        try:
            return skinlab.parse_answers(data)
        except skinlab.BadAnswers as exc:
            if exc.field is None:
                raise serializers.ValidationError(exc.message) from exc
            raise serializers.ValidationError({exc.field: [exc.message]}) from exc

    def to_representation(self, value: Any) -> Any:
        return value.to_dict() if isinstance(value, skinlab.SpotAnswers) else value


# --- outputs --------------------------------------------------------------------------------


def _signed(
    serializer: serializers.Serializer[Any], name: str, content_type: str, label: str
) -> str:
    viewer = serializer.context["request"].user
    extension = _EXTENSIONS.get(content_type, "bin")
    return media_url(
        file_name=name,
        content_type=content_type,
        viewer=viewer,
        download_name=f"metskin-{label}.{extension}",
    )


class AnalysisRefOutput(serializers.ModelSerializer[Analysis]):
    class Meta:
        model = Analysis
        fields = ("id", "status")
        read_only_fields = fields


class AnalysisListItemOutput(serializers.ModelSerializer[Analysis]):
    kind = serializers.ChoiceField(choices=MediaKind.choices, source="upload.kind")
    lesion_urgency = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Analysis
        fields: tuple[str, ...] = (
            "id", "status", "progress", "stage", "kind", "created_at", "finished_at",
            "error", "summary", "thumbnail_url", "lesion_urgency",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(
            choices=LesionUrgency.choices,
            allow_null=True,
            help_text="The triage of the photographed spot: only soon and urgent refer; "
            "routine means photograph it again in 4-8 weeks. Null until done, or with no spot.",
        )
    )
    def get_lesion_urgency(self, analysis: Analysis) -> str | None:
        return analysis.lesion_urgency or None

    @extend_schema_field(ErrorSchema(allow_null=True))
    def get_error(self, analysis: Analysis) -> dict[str, str] | None:
        if analysis.status != AnalysisStatus.FAILED:
            return None
        return {"code": analysis.error_code, "message": analysis.error_message}

    @extend_schema_field(SummarySchema(allow_null=True))
    def get_summary(self, analysis: Analysis) -> dict[str, Any] | None:
        return result_summary(result_of(analysis))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_thumbnail_url(self, analysis: Analysis) -> str | None:
        upload = analysis.upload
        if not (upload.sanitized and upload.thumbnail_name):
            return None
        return _signed(self, upload.thumbnail_name, "image/jpeg", f"{analysis.id}-small")


class UploadInfoOutput(serializers.ModelSerializer[Upload]):
    format = serializers.ChoiceField(choices=SourceFormat.choices, source="source_format")

    class Meta:
        model = Upload
        fields = ("id", "kind", "format", "content_type", "width", "height", "duration_s")
        read_only_fields = fields


class PhototypeReportSchema(serializers.Serializer[Any]):
    """The phototype this analysis goes by: the person's questionnaire, else the photo."""

    fitzpatrick = serializers.ChoiceField(choices=fitz.ROMAN)
    fitzpatrick_source = serializers.ChoiceField(choices=("questionnaire", "image"))
    fitzpatrick_range = serializers.ListField(
        child=serializers.ChoiceField(choices=fitz.ROMAN), min_length=2, max_length=2
    )
    image_estimate = serializers.ChoiceField(choices=fitz.ROMAN, allow_null=True)
    disagreement = serializers.BooleanField(
        required=False, help_text="The answers and the photo are two types or more apart"
    )
    note = serializers.CharField()


class AnalysisDetailOutput(AnalysisListItemOutput):
    result = serializers.SerializerMethodField()
    phototype = serializers.SerializerMethodField()
    spot_answers = serializers.SerializerMethodField()
    upload = UploadInfoOutput()
    media_url = serializers.SerializerMethodField()
    overlay_url = serializers.SerializerMethodField()
    is_owner = serializers.SerializerMethodField()

    class Meta(AnalysisListItemOutput.Meta):
        fields = (
            *AnalysisListItemOutput.Meta.fields,
            "started_at", "result", "upload", "media_url", "overlay_url", "is_owner",
            "spot_answers", "same_spot_as", "phototype",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(PhototypeReportSchema(allow_null=True))
    def get_phototype(self, analysis: Analysis) -> dict[str, object] | None:
        result = result_of(analysis)
        if result is None:
            return None
        person = None
        if self.get_is_owner(analysis):  # the questionnaire is the owner's, not a viewer's
            skin = SkinProfile.objects.filter(user_id=analysis.owner_id).first()
            if skin is not None:
                person = fitz.from_profile(skin.fitzpatrick_answers, skin.sun_reaction)
        tone = result.tone
        if tone is None:
            return fitz.report(person, None)
        return fitz.report(person, tone.fitzpatrick, tone.fitzpatrick_range)

    @extend_schema_field(SpotAnswersSchema(allow_null=True))
    def get_spot_answers(self, analysis: Analysis) -> dict[str, Any] | None:
        answers: dict[str, Any] | None = analysis.spot_answers
        return answers

    @extend_schema_field(AnalysisResultSchema(allow_null=True))
    def get_result(self, analysis: Analysis) -> dict[str, Any] | None:
        # Through the typed result, so what is served is what skinlab's dataclasses describe.
        result = result_of(analysis)
        return result.to_dict() if result is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_media_url(self, analysis: Analysis) -> str | None:
        upload = analysis.upload
        if not upload.sanitized:
            return None  # a video still waiting to be re-encoded is never served
        return _signed(self, upload.file_name, upload.content_type, str(analysis.id))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_overlay_url(self, analysis: Analysis) -> str | None:
        if analysis.status != AnalysisStatus.DONE or not analysis.overlay_name:
            return None
        return _signed(
            self,
            analysis.overlay_name,
            overlay_content_type(analysis.overlay_name),
            f"{analysis.id}-overlay",
        )

    def get_is_owner(self, analysis: Analysis) -> bool:
        return bool(analysis.owner_id == self.context["request"].user.pk)


class UploadCreateInput(serializers.Serializer[Any]):
    file = serializers.FileField(
        allow_empty_file=True,
        help_text="A JPEG, PNG, WebP or HEIC photo (≤ 20 MB) or an MP4, MOV or WebM video "
        "(≤ 100 MB, ≤ 60 s). The content decides the type, never the file name.",
    )
    answers = SpotAnswersField(
        required=False,
        help_text="About this spot (when the photo shows one spot or mole): see the schema.",
    )
    same_spot_as = serializers.UUIDField(
        required=False,
        help_text="The id of your earlier finished analysis of the same spot: the change "
        "between the two photos counts in the spot's triage.",
    )


class UploadCreateOutput(serializers.ModelSerializer[Upload]):
    format = serializers.ChoiceField(choices=SourceFormat.choices, source="source_format")
    analysis = AnalysisRefOutput()

    class Meta:
        model = Upload
        fields = ("id", "kind", "format", "analysis")
        read_only_fields = fields


class UploadDetailOutput(serializers.ModelSerializer[Upload]):
    format = serializers.ChoiceField(choices=SourceFormat.choices, source="source_format")
    analysis = AnalysisRefOutput()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Upload
        fields = (
            "id", "kind", "format", "content_type", "width", "height", "duration_s",
            "size_bytes", "created_at", "url", "analysis",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, upload: Upload) -> str | None:
        if not upload.sanitized:
            return None
        return _signed(self, upload.file_name, upload.content_type, str(upload.id))


class CompareInput(serializers.Serializer[Any]):
    first = serializers.UUIDField()
    second = serializers.UUIDField()


class LightingSchema(serializers.Serializer[Any]):
    comparable = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    advice = serializers.CharField()


class ConcernChangeSchema(serializers.Serializer[Any]):
    """first/second are null when the concern was not checked in that photo."""

    name = serializers.ChoiceField(choices=CONCERN_CHOICES)
    first = serializers.IntegerField(allow_null=True)
    second = serializers.IntegerField(allow_null=True)
    change = serializers.IntegerField(allow_null=True)


class CompareOutput(serializers.Serializer[Any]):
    first = AnalysisDetailOutput()
    second = AnalysisDetailOutput()
    lighting = LightingSchema()
    concerns = ConcernChangeSchema(many=True)
    ita_change = serializers.FloatField(allow_null=True)


class SpotToRecheckOutput(serializers.Serializer[Any]):
    """A spot the triage asked to photograph again, not photographed again yet."""

    analysis = serializers.UUIDField(source="id")
    photographed_at = serializers.DateTimeField(source="created_at")
    recheck_from = serializers.SerializerMethodField()

    def get_recheck_from(self, analysis: Analysis) -> datetime:
        return (analysis.finished_at or analysis.created_at) + SPOT_RECHECK_AFTER
