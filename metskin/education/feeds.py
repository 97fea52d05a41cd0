"""RSS feed of the latest published articles (``/feed.xml``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy

from metskin.education.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "MetSkin — Learn about your skin"
    link = reverse_lazy("learn:index")
    description = (
        "New and updated articles from MetSkin on skin concerns, ingredients, routines and sun "
        "protection. General information, not a diagnosis."
    )

    def items(self) -> QuerySet[Article]:
        return Article.objects.public().order_by("-published_at")[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.get_category_display()]
