"""Latency of the server-rendered /learn/ pages and of Markdown rendering, in process.

Run with ``python -m bench.learn``. Loads the demo content first (idempotent), then times
each page through Django's test client on the configured database (no network hop), and the
Markdown → sanitised HTML step with and without its cache.
"""

from __future__ import annotations

import io
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.table import QueryCounter, print_table, summary, time_ms, verdict  # noqa: E402
from metskin.education.models import Article  # noqa: E402
from metskin.education.rendering import _render, render_markdown  # noqa: E402
from metskin.education.seed import seed_demo  # noqa: E402

REPEAT = 40
# Server time for a page, before the network: well under what a person notices.
PAGE_P95_MS = 100.0
RENDER_P95_MS = 25.0


def main() -> int:
    seed_demo(stdout=io.StringIO())
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    pages = {
        "GET /learn/": "/learn/",
        "GET /learn/acne/ (article)": "/learn/acne/",
        "GET /learn/?q=sunscreen (search)": "/learn/?q=sunscreen",
        "GET /learn/glossary/ (58 terms)": "/learn/glossary/",
        "GET /learn/concern/lesion/ (redirect)": "/learn/concern/lesion/",
        "GET /sitemap.xml": "/sitemap.xml",
        "GET /feed.xml": "/feed.xml",
    }
    rows = []
    misses = 0
    for name, path in pages.items():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            status = client.get(path).status_code
        assert status in (200, 302), (path, status)
        median, p95 = summary(time_ms(lambda path=path: client.get(path), REPEAT))
        result = verdict(p95, PAGE_P95_MS)
        misses += result == "MISS"
        rows.append((name, f"{median:.1f}", f"{p95:.1f}", counter.count, result))
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print_table(
        f"/learn/ pages, in process ({engine}, {REPEAT} runs each, target p95 ≤ {PAGE_P95_MS} ms)",
        ("request", "median ms", "p95 ms", "queries", "target"),
        rows,
    )

    longest = max(Article.objects.all(), key=lambda article: len(article.body))
    cold = summary(time_ms(lambda: _render(longest.body), REPEAT))
    warm = summary(time_ms(lambda: render_markdown(longest.body), REPEAT))
    render_rows = [
        ("render + sanitise (no cache)", f"{cold[0]:.2f}", f"{cold[1]:.2f}"),
        ("render_markdown (cached)", f"{warm[0]:.2f}", f"{warm[1]:.2f}"),
    ]
    render_result = verdict(cold[1], RENDER_P95_MS)
    misses += render_result == "MISS"
    print_table(
        f"Markdown for the longest article “{longest.slug}” ({len(longest.body.split())} words), "
        f"target p95 ≤ {RENDER_P95_MS} ms without cache: {render_result}",
        ("step", "median ms", "p95 ms"),
        render_rows,
    )
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
