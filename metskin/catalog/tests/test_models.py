"""What the models themselves refuse, whoever writes them."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ValidationError

from metskin.catalog.models import Brand, Product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example/x",
        "vbscript:msgbox(1)",
    ],
)
@pytest.mark.parametrize("field", ["url", "image_url"])
def test_product_links_must_be_web_addresses(field, link):
    product = Product(
        brand=Brand.objects.create(name="Brand"),
        name="Cream",
        category="moisturiser",
        source="staff",
        external_id="1",
        **{field: link},
    )

    with pytest.raises(ValidationError) as caught:
        product.full_clean()

    assert list(caught.value.message_dict) == [field]


@pytest.mark.parametrize("link", ["https://shop.example/cream?size=50", "http://shop.example/", ""])
def test_product_links_may_be_http_or_https_or_empty(link):
    product = Product(
        brand=Brand.objects.create(name="Brand"),
        name="Cream",
        category="moisturiser",
        source="staff",
        external_id="1",
        url=link,
        image_url=link,
    )

    product.full_clean()


def test_the_migration_drops_stored_links_that_are_not_web_addresses():
    from django.apps import apps

    migration = importlib.import_module("metskin.catalog.migrations.0005_product_links_web_only")
    brand = Brand.objects.create(name="Brand")
    links = {
        "1": ("javascript:alert(1)", "https://img.example/1.jpg"),
        "2": ("HTTPS://shop.example/2", "data:image/png;base64,AAAA"),
        "3": ("", ""),
    }
    for external_id, (url, image_url) in links.items():
        Product.objects.create(
            brand=brand,
            name=external_id,
            category="moisturiser",
            source="old",
            external_id=external_id,
            url=url,
            image_url=image_url,
        )

    migration.drop_links_that_are_not_web_addresses(apps, None)

    assert sorted(Product.objects.values_list("external_id", "url", "image_url")) == [
        ("1", "", "https://img.example/1.jpg"),
        ("2", "HTTPS://shop.example/2", ""),
        ("3", "", ""),
    ]
