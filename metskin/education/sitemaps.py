"""Sitemap sections for /sitemap.xml: public articles, videos, glossary terms, index pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from metskin.education.models import Article, Category, GlossaryTerm, Video


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self) -> QuerySet[Article]:
        return Article.objects.public().order_by("slug")

    def lastmod(self, item: Article) -> dt.datetime:
        return item.updated_at


class VideoSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[Video]:
        return Video.objects.public().order_by("slug")

    def lastmod(self, item: Video) -> dt.datetime:
        return item.updated_at


class GlossarySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self) -> QuerySet[GlossaryTerm]:
        return GlossaryTerm.objects.order_by("slug")

    def lastmod(self, item: GlossaryTerm) -> dt.datetime:
        return item.updated_at


class LearnPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[str]:
        pages = ["learn:index", "learn:glossary", "learn:videos"]
        return pages + [f"category:{category}" for category in Category.values]

    def location(self, item: str) -> str:
        if item.startswith("category:"):
            return reverse("learn:category", kwargs={"category": item.removeprefix("category:")})
        return reverse(item)


SITEMAPS = {
    "learn": LearnPagesSitemap,
    "articles": ArticleSitemap,
    "videos": VideoSitemap,
    "glossary": GlossarySitemap,
}
