"""Reads for the /learn/ pages. Visitors only ever get public (published, due) content."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from metskin.education.models import Article, ArticleConcern, Category, GlossaryTerm, Video

SEARCH_MAX_WORDS = 8
SEARCH_MAX_LENGTH = 100
SEARCH_LIMIT = 50


def _articles_for(*, include_drafts: bool = False) -> QuerySet[Article]:
    articles = Article.objects.all() if include_drafts else Article.objects.public()
    return articles.select_related("medically_reviewed_by")


def article_list_public(*, category: str | None = None) -> QuerySet[Article]:
    articles = _articles_for()
    if category is not None:
        articles = articles.filter(category=category)
    return articles.order_by("category", "title")


def article_get_public(*, slug: str, include_drafts: bool = False) -> Article:
    """The article at ``slug``; 404 when it does not exist or visitors may not see it yet."""
    article = _articles_for(include_drafts=include_drafts).filter(slug=slug).first()
    if article is None:
        raise Http404("No such article.")
    return article


def article_related(*, article: Article, limit: int = 4) -> list[Article]:
    """Hand-picked related articles first, then others from the same category."""
    picked = list(article.related_articles.public().exclude(pk=article.pk)[:limit])
    if len(picked) < limit:
        same_category = (
            Article.objects.public()
            .filter(category=article.category)
            .exclude(pk__in=[article.pk, *(related.pk for related in picked)])
            .order_by("title")[: limit - len(picked)]
        )
        picked.extend(same_category)
    return picked


def article_for_concern(*, concern: str) -> Article | None:
    link = (
        ArticleConcern.objects.filter(concern=concern, article__in=Article.objects.public())
        .select_related("article")
        .first()
    )
    return link.article if link else None


def category_counts() -> list[tuple[Category, int]]:
    """Every category with its number of public articles, in the order of ``Category``."""
    counts = dict.fromkeys(Category, 0)
    for article in Article.objects.public().only("category"):
        counts[Category(article.category)] += 1
    return list(counts.items())


def _search_words(query: str) -> list[str]:
    words = [word for word in query[:SEARCH_MAX_LENGTH].split() if len(word) >= 2]
    return words[:SEARCH_MAX_WORDS]


@dataclass(frozen=True)
class SearchResults:
    query: str
    articles: list[Article]
    videos: list[Video]
    terms: list[GlossaryTerm]

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.videos) + len(self.terms)


def content_search(*, query: str) -> SearchResults:
    """Public articles, videos and glossary terms that contain every word of ``query``.

    Case-insensitive ``LIKE`` on title, summary and body (or transcript, definition): the
    same on SQLite and MariaDB, and fast enough for a library of hundreds of pages.
    Articles whose title matches come first.
    """
    words = _search_words(query)
    if not words:
        return SearchResults(query=query, articles=[], videos=[], terms=[])
    article_filter, video_filter, term_filter, title_match = Q(), Q(), Q(), Q()
    for word in words:
        article_filter &= (
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
        video_filter &= (
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(transcript__icontains=word)
        )
        term_filter &= (
            Q(term__icontains=word)
            | Q(also_known_as__icontains=word)
            | Q(definition__icontains=word)
        )
        title_match &= Q(title__icontains=word)
    articles = (
        _articles_for()
        .filter(article_filter)
        .annotate(
            title_rank=Case(
                When(title_match, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("title_rank", "title")[:SEARCH_LIMIT]
    )
    videos = Video.objects.public().filter(video_filter)[:SEARCH_LIMIT]
    terms = GlossaryTerm.objects.filter(term_filter)[:SEARCH_LIMIT]
    return SearchResults(
        query=query, articles=list(articles), videos=list(videos), terms=list(terms)
    )


def video_list_public() -> QuerySet[Video]:
    return Video.objects.public().order_by("title")


def video_get_public(*, slug: str, include_drafts: bool = False) -> Video:
    videos = Video.objects.all() if include_drafts else Video.objects.public()
    video = videos.filter(slug=slug).first()
    if video is None:
        raise Http404("No such video.")
    return video


def video_for_media(*, name: str, include_drafts: bool = False) -> Video:
    """The video a file under /learn/media/ belongs to: a 404 unless it is one of a
    visible video's current files (never an upload waiting for the worker, never a
    replaced file, never a draft's for visitors)."""
    videos = Video.objects.all() if include_drafts else Video.objects.public()
    match = Q(video_webm=name) | Q(video_mp4=name) | Q(poster=name) | Q(captions=name)
    video = videos.filter(match).first() if name else None
    if video is None:
        raise Http404("No such file.")
    return video


def glossary_by_letter() -> OrderedDict[str, list[GlossaryTerm]]:
    """Glossary terms grouped A–Z (``#`` for anything that does not start with a letter)."""
    groups: OrderedDict[str, list[GlossaryTerm]] = OrderedDict()
    for term in GlossaryTerm.objects.order_by("term"):
        groups.setdefault(term.letter, []).append(term)
    return OrderedDict(sorted(groups.items(), key=lambda item: (item[0] == "#", item[0])))


def glossary_term_get(*, slug: str) -> GlossaryTerm:
    term = GlossaryTerm.objects.select_related("article").filter(slug=slug).first()
    if term is None:
        raise Http404("No such glossary term.")
    return term


def glossary_term_for_key(*, key: str) -> GlossaryTerm | None:
    return GlossaryTerm.objects.filter(key=key).first()
