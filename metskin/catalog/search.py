"""The product search box: MariaDB/MySQL FULLTEXT where the database has it (docs/adr/0014).

Each word of the query must start a word of "<brand> <name>" (``+word*`` in boolean mode),
found through the FULLTEXT index instead of a scan of every product. Words the index does
not hold (shorter than InnoDB's ``innodb_ft_min_token_size``, 3, or on its stop-word list)
are matched as substrings on the rows the index found; SQLite (``make run``'s default)
matches every word as a substring.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.expressions import RawSQL

from metskin.catalog.models import Product

MAX_WORDS = 6
FT_MIN_TOKEN = 3
# InnoDB's default full-text stop words (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD).
INNODB_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "are",
        "as",
        "at",
        "be",
        "by",
        "com",
        "de",
        "en",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "la",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "who",
        "will",
        "with",
        "und",
        "www",
    ]
)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _indexed(token: str) -> bool:
    return len(token) >= FT_MIN_TOKEN and token.lower() not in INNODB_STOPWORDS


def product_search(queryset: QuerySet[Product], q: str) -> QuerySet[Product]:
    words = q.split()[:MAX_WORDS]
    if connection.vendor != "mysql":
        for word in words:
            queryset = queryset.filter(search_name__icontains=word)
        return queryset
    terms: list[str] = []
    for word in words:
        tokens = _TOKEN.findall(word)
        indexed = [token for token in tokens if _indexed(token)]
        terms.extend(f"+{token}*" for token in indexed)
        if not indexed or len(indexed) < len(tokens):
            # Not (all) in the index: kept as a substring match, as before.
            queryset = queryset.filter(search_name__icontains=word)
    if terms:
        match = RawSQL(
            "MATCH (catalog_product.search_name) AGAINST (%s IN BOOLEAN MODE)",
            (" ".join(terms),),
            output_field=FloatField(),
        )
        queryset = queryset.alias(search_score=match).filter(search_score__gt=0)
    return queryset
