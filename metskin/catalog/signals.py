"""Single product writes (the admin, a shell) change the catalogue's version; the bulk
writes of ``catalog.services`` call ``catalog_changed`` themselves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from metskin.catalog.models import Product, ProductIngredient
from metskin.catalog.version import catalog_changed


@receiver(post_save, sender=Product, dispatch_uid="catalog.version.product")
@receiver(post_delete, sender=Product, dispatch_uid="catalog.version.product_d")
@receiver(post_save, sender=ProductIngredient, dispatch_uid="catalog.version.line")
@receiver(post_delete, sender=ProductIngredient, dispatch_uid="catalog.version.line_d")
def _product_changed(sender: Any, **kwargs: Any) -> None:
    catalog_changed()
