"""Recommendations and product search with 50,000 products, in process, on the configured
database (MariaDB in CI).

Run with ``python -m bench.recommendations``. The products live in a separate database
(``<name>_bench``, or ``var/bench.sqlite3`` on SQLite), created and filled on the first
run (the real CosIng inventory and the real product lists, scaled up by copying them with
new prices and ratings) and kept for later runs, so nothing pollutes the working database.
Drop it with ``--drop``.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from random import Random

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.database import use_bench_database  # noqa: E402
from bench.table import QueryCounter, print_table, summary, time_ms, verdict  # noqa: E402

TARGET_PRODUCTS = 50_000
PASSWORD = "bench-Password-2026"  # noqa: S105 - a throwaway user in the benchmark database
REPEAT = 40
RECOMMENDATION_P95_MS = 100
SEARCH_P95_MS = 50
USERS = {
    "bench-new@metskin.example": {},
    "bench-full@metskin.example": {
        "skin_type": "oily",
        "sensitivity": "somewhat",
        "concerns": ["acne", "dark_spots", "redness"],
        "acne_prone": True,
        "allergies": ["linalool", "lanolin"],
        "budget": "low",
        "symptoms": ["itching"],
    },
    "bench-pregnant@metskin.example": {
        "skin_type": "dry",
        "concerns": ["fine_lines", "dark_spots", "dark_circles"],
        "pregnancy": "pregnant",
        "prefers_fragrance_free": True,
        "prefers_vegan": True,
    },
}
# Finished analyses per user, oldest first: (days ago, severities, acne grade). Users with
# analyses are timed on the "from the latest analysis" path (concerns ranked from it, the
# redness history read for referrals); bench-new stays a new user (profile only).
ANALYSES: dict[str, list[tuple[int, dict[str, int], str | None]]] = {
    "bench-full@metskin.example": [
        (42, {"acne": 50, "redness": 45}, "moderate"),
        (21, {"acne": 60, "redness": 50}, "moderate"),
        (1, {"acne": 70, "redness": 55, "dark_spots": 45, "lesion": 30}, "severe"),
    ],
    "bench-pregnant@metskin.example": [
        (3, {"fine_lines": 50, "dark_spots": 45, "dark_circles": 40}, None),
    ],
}
SEARCHES = {
    "no filters (page 1)": "",
    "q=retinol": "q=retinol",
    "q=cerave cleanser": "q=cerave%20cleanser",
    "category=serum&concern=acne": "category=serum&concern=acne",
    "skin_type=oily&fragrance_free": "skin_type=oily&fragrance_free=true",
    "pregnancy_safe&price 10–30": "pregnancy_safe=true&price_min=10&price_max=30",
    "concern=dryness&sort=price": "concern=dryness&sort=price",
}


def fill_catalogue() -> None:
    from metskin.catalog.models import Ingredient, Product, ProductIngredient
    from metskin.catalog.seed import CHART_CSV, COSING_CSV, PRODUCT_FILES
    from metskin.catalog.selectors import ingredient_index_all
    from metskin.catalog.services import ingredients_import, products_import

    if Product.objects.count() >= TARGET_PRODUCTS:
        return
    started = time.monotonic()
    Product.objects.all().delete()
    if not Ingredient.objects.exists():
        ingredients_import(cosing_path=COSING_CSV, chart_path=CHART_CSV)
    index = ingredient_index_all()
    for path in PRODUCT_FILES:
        products_import(path=path, index=index)
    real = list(Product.objects.all())
    lines_by_product: dict[object, list[tuple]] = {}
    for row in ProductIngredient.objects.values_list(
        "product_id",
        "position",
        "listed_name",
        "ingredient_id",
        "concentration_percent",
        "may_contain",
    ).iterator(chunk_size=20_000):
        lines_by_product.setdefault(row[0], []).append(row[1:])
    random = Random(2026)
    copies_needed = TARGET_PRODUCTS - len(real)
    batch: list = []
    lines: list = []
    made = 0
    while made < copies_needed:
        source = real[made % len(real)]
        copy = Product(
            **{
                field.attname: getattr(source, field.attname)
                for field in Product._meta.concrete_fields
                if field.attname not in ("id", "created_at", "updated_at")
            }
        )
        copy.external_id = f"{source.external_id}#bench{made}"
        copy.source = "bench"
        copy.name = f"{source.name} {made // len(real) + 2}"
        if source.price is not None:
            copy.price = (source.price * Decimal(random.uniform(0.6, 1.6))).quantize(
                Decimal("0.01")
            )
        copy.rating = Decimal(random.uniform(2.5, 5.0)).quantize(Decimal("0.01"))
        batch.append(copy)
        for position, name, ingredient_id, percent, may_contain in lines_by_product.get(
            source.pk, ()
        ):
            lines.append(
                ProductIngredient(
                    product=copy,
                    position=position,
                    listed_name=name,
                    ingredient_id=ingredient_id,
                    concentration_percent=percent,
                    may_contain=may_contain,
                )
            )
        made += 1
        if len(batch) >= 2000 or made == copies_needed:
            Product.objects.bulk_create(batch, batch_size=2000)
            ProductIngredient.objects.bulk_create(lines, batch_size=5000)
            batch, lines = [], []
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute("ANALYZE TABLE catalog_product, catalog_productingredient")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
    print(
        f"Filled the benchmark catalogue: {Product.objects.count():,} products, "
        f"{ProductIngredient.objects.count():,} ingredient lines in "
        f"{time.monotonic() - started:.0f} s",
        flush=True,
    )


def bench_users() -> dict[str, str]:
    from metskin.accounts.models import SkinProfile, User
    from metskin.accounts.services import user_create

    tokens = {}
    for email, profile in USERS.items():
        user = User.objects.filter(email=email).first() or user_create(
            email=email, password=PASSWORD, verified=True
        )
        SkinProfile.objects.filter(user=user).update(**profile)
        bench_analyses(user, ANALYSES.get(email, []))
        from knox.models import AuthToken

        tokens[email] = AuthToken.objects.create(user=user)[1]
    return tokens


def bench_analyses(user, plan: list[tuple[int, dict[str, int], str | None]]) -> None:
    """Finished analyses with a result of skinlab's documented shape (the one the tests'
    factory makes). Rows only: a recommendation reads the result, never the photo."""
    from django.utils import timezone

    from metskin.analysis.models import Analysis, AnalysisStatus
    from metskin.analysis.tests.factories import sample_result
    from metskin.uploads.models import MediaKind, SourceFormat, Upload

    if not plan or Analysis.objects.filter(owner=user).exists():
        return  # made on an earlier run (the benchmark database is kept)
    for days_ago, severities, grade in plan:
        when = timezone.now() - timedelta(days=days_ago)
        result = sample_result(concerns=severities)
        for concern in result["concerns"]:
            if concern["name"] == "acne" and grade:
                concern["details"] = {"count": severities["acne"] // 2, "hayashi_grade": grade}
        upload = Upload.objects.create(
            owner=user,
            kind=MediaKind.PHOTO,
            source_format=SourceFormat.JPEG,
            file_name=f"bench/{uuid.uuid4().hex}.jpg",
            content_type="image/jpeg",
            size_bytes=300_000,
            uploaded_bytes=300_000,
            width=1024,
            height=1024,
        )
        analysis = Analysis.objects.create(
            owner=user,
            upload=upload,
            status=AnalysisStatus.DONE,
            progress=100,
            stage="done",
            result=result,
            finished_at=when,
        )
        Analysis.objects.filter(pk=analysis.pk).update(created_at=when)


def measure(call) -> tuple[float, float, int]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = call()
    assert response.status_code == 200, response.content[:300]
    median, p95 = summary(time_ms(call, REPEAT))
    return median, p95, counter.count


def main() -> int:
    name = use_bench_database("bench")
    fill_catalogue()
    tokens = bench_users()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    from metskin.catalog.models import Product

    count = Product.objects.count()
    misses = 0
    rows = []
    for email, token in tokens.items():
        auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
        response = client.get("/api/v1/recommendations/", **auth)
        based_on = "latest analysis" if response.json()["based_on_analysis"] else "profile only"
        if based_on == "profile only" and ANALYSES.get(email):
            raise SystemExit(f"{email} has analyses, but its recommendation ignored them")
        median, p95, queries = measure(
            lambda auth=auth: client.get("/api/v1/recommendations/", **auth)
        )
        result = verdict(p95, RECOMMENDATION_P95_MS)
        misses += result == "MISS"
        rows.append((email.split("@")[0], based_on, f"{median:.1f}", f"{p95:.1f}", queries, result))
    print_table(
        f"GET /api/v1/recommendations/ ({engine} {name}, {count:,} products, {REPEAT} runs; "
        f"target p95 ≤ {RECOMMENDATION_P95_MS} ms)",
        ("user", "from", "median ms", "p95 ms", "queries", "result"),
        rows,
    )
    rows = []
    for label, query in SEARCHES.items():
        median, p95, queries = measure(lambda query=query: client.get(f"/api/v1/products/?{query}"))
        result = verdict(p95, SEARCH_P95_MS)
        misses += result == "MISS"
        rows.append((label, f"{median:.1f}", f"{p95:.1f}", queries, result))
    print_table(
        f"GET /api/v1/products/ ({engine}, {count:,} products, {REPEAT} runs; "
        f"target p95 ≤ {SEARCH_P95_MS} ms)",
        ("search", "median ms", "p95 ms", "queries", "result"),
        rows,
    )
    # Like bench.learn and bench.booking: a missed target fails the run (and `make bench`).
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
