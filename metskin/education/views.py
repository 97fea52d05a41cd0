"""Server-rendered pages under /learn/: fast, indexable, and they work without JavaScript."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from typing import TypeVar

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_safe

from metskin.education import selectors
from metskin.education.models import Article, Category, Video, education_storage
from metskin.education.ranges import ranged_response
from metskin.education.rendering import render_markdown
from metskin.education.seed import DEMO_REVIEWER_SLUG
from metskin.education.vocabulary import CONCERN_NAMES, TERM_KEYS

logger = logging.getLogger(__name__)
_Response = TypeVar("_Response", bound=HttpResponseBase)


def _can_preview(request: HttpRequest, model: type[Article] | type[Video]) -> bool:
    """Staff who may edit content see drafts on the site (marked, never indexed)."""
    opts = model._meta
    return bool(
        request.user.is_authenticated
        and request.user.is_staff
        and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def _private_if_draft(response: _Response, *, public: bool) -> _Response:
    if not public:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def learn_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context = {
        "query": query,
        "results": selectors.content_search(query=query) if query else None,
        "categories": selectors.category_counts(),
        "articles": selectors.article_list_public(),
        "videos": selectors.video_list_public()[:3],
    }
    return render(request, "education/index.html", context)


@require_GET
def category_detail(request: HttpRequest, category: str) -> HttpResponse:
    if category not in Category.values:
        raise Http404("No such category.")
    context = {
        "category": Category(category),
        "articles": selectors.article_list_public(category=category),
    }
    return render(request, "education/category.html", context)


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_get_public(slug=slug, include_drafts=_can_preview(request, Article))
    reviewer = article.medically_reviewed_by
    context = {
        "article": article,
        "rendered": render_markdown(article.body),
        "related": selectors.article_related(article=article),
        "videos": article.videos.public(),
        "terms": article.glossary_terms.all(),
        "tags": article.tags.all(),
        "reviewer": reviewer,
        "reviewer_is_demo": reviewer is not None and reviewer.slug == DEMO_REVIEWER_SLUG,
        "og_image": (
            request.build_absolute_uri(f"/static/{article.hero_image}")
            if article.hero_image
            else None
        ),
    }
    response = render(request, "education/article.html", context)
    return _private_if_draft(response, public=article.is_public)


@require_GET
def video_list(request: HttpRequest) -> HttpResponse:
    return render(request, "education/video_list.html", {"videos": selectors.video_list_public()})


@require_GET
def video_detail(request: HttpRequest, slug: str) -> HttpResponse:
    video = selectors.video_get_public(slug=slug, include_drafts=_can_preview(request, Video))
    context = {
        "video": video,
        "transcript": render_markdown(video.transcript),
        "related": video.related_articles.public(),
    }
    response = render(request, "education/video.html", context)
    return _private_if_draft(response, public=video.is_public)


MEDIA_TYPES = {
    ".webm": "video/webm",
    ".mp4": "video/mp4",
    ".jpg": "image/jpeg",
    ".vtt": "text/vtt; charset=utf-8",
}


@require_safe
def video_media(request: HttpRequest, name: str) -> HttpResponseBase:
    """``/learn/media/<name>``: a video's recording, poster or captions, with byte ranges.

    Education videos are public content, not medical data (docs/adr/0020); file names
    change with every new recording, so they may be cached for good.
    """
    video = selectors.video_for_media(name=name, include_drafts=_can_preview(request, Video))
    content_type = MEDIA_TYPES.get(PurePosixPath(name).suffix)
    if content_type is None:
        raise Http404("No such file.")
    storage = education_storage()
    try:
        size = storage.size(name)
        handle = storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404("No such file.") from error
    response = ranged_response(
        handle, size=size, content_type=content_type, range_header=request.headers.get("Range")
    )
    if video.is_public:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return _private_if_draft(response, public=video.is_public)


@require_GET
def glossary(request: HttpRequest) -> HttpResponse:
    groups = selectors.glossary_by_letter()
    return render(request, "education/glossary.html", {"groups": groups})


@require_GET
def glossary_term(request: HttpRequest, slug: str) -> HttpResponse:
    term = selectors.glossary_term_get(slug=slug)
    article = term.article if term.article is not None and term.article.is_public else None
    context = {"term": term, "definition": render_markdown(term.definition), "article": article}
    return render(request, "education/term.html", context)


@require_GET
def concern_redirect(request: HttpRequest, concern: str) -> HttpResponseRedirect:
    """``/learn/concern/<name>/``: the article for a concern the analysis reports."""
    if concern not in CONCERN_NAMES:
        raise Http404("No such concern.")
    article = selectors.article_for_concern(concern=concern)
    if article is None:
        # Still a useful page for the person who clicked, and a log line for us.
        logger.warning("No published article for concern %s", concern)
        return redirect(reverse("learn:category", kwargs={"category": Category.CONCERNS}))
    return redirect(article)


@require_GET
def term_redirect(request: HttpRequest, key: str) -> HttpResponseRedirect:
    """``/learn/term/<key>/``: the glossary entry for an ingredient flag or active class."""
    if key not in TERM_KEYS:
        raise Http404("No such glossary key.")
    term = selectors.glossary_term_for_key(key=key)
    if term is None:
        logger.warning("No glossary term for key %s", key)
        return redirect(reverse("learn:glossary"))
    return redirect(term)
