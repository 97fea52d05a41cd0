"""Writes: publishing, and loading the content kept in git into the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from metskin.doctors.models import DoctorProfile
from metskin.education.content import (
    CONTENT_DIR,
    ArticleSource,
    ContentError,
    TermSource,
    VideoSource,
    load_articles,
    load_glossary,
    load_videos,
)
from metskin.education.models import (
    Article,
    ArticleConcern,
    GlossaryTerm,
    Publishable,
    Status,
    Tag,
    Video,
    education_storage,
)
from metskin.education.transcoding import video_recording_install

# Content published on a date goes live at this time of day (UTC).
PUBLISH_TIME = dt.time(8, 0, tzinfo=dt.UTC)


def content_publish(*, item: Publishable) -> Publishable:
    """Publish an article or video now (keeps an earlier publication date)."""
    item.status = Status.PUBLISHED
    item.published_at = item.published_at or timezone.now()
    item.full_clean()
    item.save()
    return item


def content_unpublish(*, item: Publishable) -> Publishable:
    """Back to draft: visitors get a 404 and it leaves the sitemap, feed and search."""
    item.status = Status.DRAFT
    item.full_clean()
    item.save()
    return item


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def add(self, *, kind: str, name: str, created: bool | None) -> None:
        if created is None:
            self.unchanged += 1
        elif created:
            self.created.append(f"{kind} {name}")
        else:
            self.updated.append(f"{kind} {name}")


def _published_at(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, PUBLISH_TIME) if day else None


def _save(instance: Article | Video | GlossaryTerm, *, where: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ContentError(f"{where}: {error.message_dict}") from error
    instance.save()


def _tags(names: tuple[str, ...]) -> list[Tag]:
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    return tags


def _reviewer(slug: str, *, where: str) -> DoctorProfile | None:
    if not slug:
        return None
    reviewer = DoctorProfile.objects.filter(slug=slug).first()
    if reviewer is None:
        raise ContentError(f"{where}: no doctor profile with slug “{slug}”")
    return reviewer


def _sync_article(source: ArticleSource) -> tuple[Article, bool | None]:
    article = Article.objects.filter(slug=source.slug).first()
    if article is not None and article.source_hash == source.source_hash:
        return article, None
    created = article is None
    article = article or Article(slug=source.slug)
    article.title = source.title
    article.category = source.category
    article.summary = source.summary
    article.body = source.body
    article.status = source.status
    article.published_at = _published_at(source.published)
    article.hero_image = source.hero_image
    article.hero_alt = source.hero_alt
    article.author = source.author
    article.medically_reviewed_by = _reviewer(source.reviewed_by, where=source.path.name)
    article.reviewed_on = source.reviewed_on
    article.referral_specialty = source.referral_specialty
    article.source_hash = source.source_hash
    _save(article, where=source.path.name)
    article.tags.set(_tags(source.tags))
    article.concern_links.exclude(concern__in=source.concerns).delete()
    for concern in source.concerns:
        link = ArticleConcern.objects.filter(concern=concern).first() or ArticleConcern(
            concern=concern
        )
        link.article = article
        try:
            link.full_clean()
        except ValidationError as error:
            raise ContentError(f"{source.path.name}: {error.message_dict}") from error
        link.save()
    return article, created


def _articles_by_slug(slugs: tuple[str, ...], *, where: str) -> list[Article]:
    found = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ContentError(f"{where}: no article with slug {missing}")
    return [found[slug] for slug in slugs]


def _delete_files(names: list[str]) -> None:
    storage = education_storage()
    for name in names:
        storage.delete(name)


def _sync_video(source: VideoSource) -> bool | None:
    video = Video.objects.filter(slug=source.slug).first()
    if video is not None and video.source_hash == source.source_hash:
        return None
    created = video is None
    video = video or Video(slug=source.slug)
    video.title = source.title
    video.summary = source.summary
    video.transcript = source.transcript
    video.status = source.status
    video.published_at = _published_at(source.published)
    video.embed_url = source.embed_url
    video.duration_seconds = source.duration_seconds
    video.source_hash = source.source_hash
    replaced: list[str] = []
    if source.recording is not None:
        replaced = video_recording_install(
            video=video, source=source.recording, tag=source.source_hash[:12]
        )
    _save(video, where=source.path.name)
    if replaced:
        # Only once the row points at the new files for good.
        transaction.on_commit(lambda: _delete_files(replaced))
    video.related_articles.set(_articles_by_slug(source.related, where=source.path.name))
    return created


def _sync_term(source: TermSource) -> bool | None:
    term = GlossaryTerm.objects.filter(slug=source.slug).first()
    if term is not None and term.source_hash == source.source_hash:
        return None
    created = term is None
    term = term or GlossaryTerm(slug=source.slug)
    where = f"glossary.toml ({source.term})"
    term.term = source.term
    term.kind = source.kind
    term.definition = source.definition
    term.key = source.key
    term.also_known_as = source.also_known_as
    term.article = _articles_by_slug((source.article,), where=where)[0] if source.article else None
    term.source_hash = source.source_hash
    _save(term, where=where)
    return created


@transaction.atomic
def content_sync(*, directory: Path = CONTENT_DIR) -> SyncReport:
    """Load the content files into the database; safe to run again.

    A row is written only when its file changed since it was last loaded (``source_hash``),
    so edits made in the admin stay until the file itself is changed. Rows are never
    deleted here: unpublish in the admin instead.
    """
    report = SyncReport()
    articles = load_articles(directory)
    changed: list[tuple[Article, ArticleSource]] = []
    for source in articles:
        article, created = _sync_article(source)
        report.add(kind="article", name=source.slug, created=created)
        if created is not None:
            changed.append((article, source))
    # Related articles are set once every article exists.
    for article, source in changed:
        related = _articles_by_slug(source.related, where=source.path.name)
        article.related_articles.set(related)
    for video_source in load_videos(directory):
        report.add(kind="video", name=video_source.slug, created=_sync_video(video_source))
    for term_source in load_glossary(directory):
        report.add(kind="term", name=term_source.slug, created=_sync_term(term_source))
    return report
