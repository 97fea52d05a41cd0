"""Staff write and edit content here, with a preview through the same sanitiser as the site."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from metskin.education.models import (
    Article,
    ArticleConcern,
    GlossaryTerm,
    RecordingStatus,
    Tag,
    Video,
)
from metskin.education.rendering import render_markdown
from metskin.education.services import content_publish, content_unpublish
from metskin.education.transcoding import video_recording_submit
from metskin.education.vocabulary import CONCERN_NAMES

PREVIEW_MAX_CHARS = 200_000


class MarkdownTextarea(forms.Textarea):
    """A textarea the admin script gives a "Preview" button (rendered by the server)."""

    def __init__(self, *, preview_url: str, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"rows": 24, "data-markdown-preview": preview_url, **(attrs or {})}
        attrs["class"] = "vLargeTextField ms-markdown"
        super().__init__(attrs=attrs)


class MarkdownPreviewMixin:
    """Adds ``<model>/markdown-preview/`` (POST text → sanitised HTML) and the widgets."""

    markdown_fields: tuple[str, ...] = ()
    admin_site: admin.AdminSite
    model: type[models.Model]

    class Media:
        js = ("education/admin/markdown-preview.js",)
        css = {"all": ("education/admin/markdown-preview.css",)}

    def _preview_url_name(self) -> str:
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_markdown_preview"

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(require_POST(self.markdown_preview_view)),
            name=self._preview_url_name(),
        )
        return [preview, *super().get_urls()]  # type: ignore[misc]

    def markdown_preview_view(self, request: HttpRequest) -> JsonResponse:
        model_admin: Any = self
        if not (
            model_admin.has_change_permission(request) or model_admin.has_add_permission(request)
        ):
            raise PermissionDenied
        text = request.POST.get("text", "")[:PREVIEW_MAX_CHARS]
        rendered = render_markdown(text)
        toc = [{"id": entry.id, "title": entry.title} for entry in rendered.toc]
        return JsonResponse({"html": rendered.html, "toc": toc})

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name in self.markdown_fields:
            url = reverse(f"{self.admin_site.name}:{self._preview_url_name()}")
            kwargs["widget"] = MarkdownTextarea(preview_url=url)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def _rendered(self, text: str) -> SafeString:
        # render_markdown's output is sanitised by nh3: the one place we mark HTML safe.
        html = render_markdown(text).html
        return mark_safe(f'<div class="ms-markdown-preview">{html}</div>')  # noqa: S308


class PublishActionsMixin:
    @admin.action(description="Publish selected (now, or keep their publication date)")
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for item in queryset:
            content_publish(item=item)
        messages.success(request, f"Published {queryset.count()}.")

    @admin.action(description="Move selected back to draft (hidden from visitors)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for item in queryset:
            content_unpublish(item=item)
        messages.success(request, f"Moved {queryset.count()} to draft.")


class ArticleConcernInline(admin.TabularInline):
    model = ArticleConcern
    extra = 0
    verbose_name = "concern that links here"
    verbose_name_plural = "concerns that link here (/learn/concern/<name>/)"

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "concern":
            return forms.ChoiceField(choices=[(name, name) for name in CONCERN_NAMES])
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(MarkdownPreviewMixin, PublishActionsMixin, admin.ModelAdmin):
    markdown_fields = ("body",)
    list_display = ("title", "category", "status", "published_at", "reviewed_on", "updated_at")
    list_filter = ("status", "category", "tags")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags", "related_articles")
    autocomplete_fields = ("medically_reviewed_by",)
    readonly_fields = ("reading_minutes", "rendered_body")
    inlines = (ArticleConcernInline,)
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "body")}),
        ("Publishing", {"fields": ("status", "published_at", "author", "reading_minutes")}),
        ("Medical review", {"fields": ("medically_reviewed_by", "reviewed_on")}),
        (
            "Presentation and links",
            {
                "fields": (
                    "hero_image",
                    "hero_alt",
                    "tags",
                    "related_articles",
                    "referral_specialty",
                )
            },
        ),
        ("Saved version, as visitors see it", {"fields": ("rendered_body",)}),
    )

    @admin.display(description="Rendered body")
    def rendered_body(self, obj: Article) -> SafeString:
        return self._rendered(obj.body) if obj.pk else format_html("<p>{}</p>", "Not saved yet.")


def sniff_video_container(head: bytes) -> bool:
    """MP4/MOV/3GP, Matroska/WebM or AVI, judged by the bytes, never by the file's name."""
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
        return True
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return True
    return head.startswith(b"RIFF") and head[8:12] == b"AVI "


VIDEO_FIELDS = (
    "title",
    "slug",
    "summary",
    "upload",
    "captions",
    "embed_url",
    "duration_seconds",
    "transcript",
    "related_articles",
    "status",
    "published_at",
)


class VideoAdminForm(forms.ModelForm):
    class Meta:
        model = Video
        fields = VIDEO_FIELDS

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if not upload or upload is False or not hasattr(upload, "content_type"):
            return upload  # unchanged, or cleared
        limit = settings.EDUCATION_VIDEO_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {upload.size // 2**20} MB; the limit is {limit // 2**20} MB."
            )
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not sniff_video_container(head):
            raise forms.ValidationError(
                "This file is not a video MetSkin can read. Upload an MP4, MOV, WebM or AVI file."
            )
        return upload


@admin.register(Video)
class VideoAdmin(MarkdownPreviewMixin, PublishActionsMixin, admin.ModelAdmin):
    form = VideoAdminForm
    markdown_fields = ("transcript",)
    list_display = ("title", "status", "published_at", "recording_status", "duration_seconds")
    list_filter = ("status", "recording_status")
    search_fields = ("title", "summary", "transcript")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("related_articles",)
    actions = ("publish", "unpublish")
    readonly_fields = ("recording",)
    fields = (*VIDEO_FIELDS[:3], "recording", *VIDEO_FIELDS[3:])

    @admin.display(description="Recording on the site")
    def recording(self, obj: Video) -> SafeString:
        state = obj.get_recording_status_display() if obj.pk else "No upload"
        if obj.pk and obj.has_recording:
            return format_html(
                '{} · <a href="{}">WebM</a> · <a href="{}">MP4</a> · <a href="{}">poster</a>',
                state if obj.recording_status != "failed" else "Playing the previous recording",
                obj.video_webm.url,
                obj.video_mp4.url,
                obj.poster.url,
            )
        return format_html("{}", state)

    def save_model(self, request: HttpRequest, obj: Video, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "upload" in form.changed_data and obj.upload:
            video_recording_submit(video=obj)
            messages.info(
                request,
                "The video is being converted for the web (WebM, MP4 and a poster). "
                "Reload this video's page in a minute to see the result.",
            )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        if request.method == "GET":
            video = Video.objects.filter(pk=object_id).first()
            if video is not None and video.recording_status == RecordingStatus.FAILED:
                messages.error(request, f"The last upload was not used: {video.recording_error}")
            elif video is not None and video.recording_status in (
                RecordingStatus.PENDING,
                RecordingStatus.PROCESSING,
            ):
                messages.info(request, "The uploaded video is still being converted.")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(MarkdownPreviewMixin, admin.ModelAdmin):
    markdown_fields = ("definition",)
    list_display = ("term", "kind", "key", "article")
    list_filter = ("kind",)
    search_fields = ("term", "also_known_as", "definition", "key")
    prepopulated_fields = {"slug": ("term",)}
    autocomplete_fields = ("article",)
    fields = ("term", "slug", "kind", "also_known_as", "definition", "key", "article")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
