"""Staff curate brands, products, ingredients and their flags here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from metskin.catalog.models import Brand, Ingredient, IngredientAlias, Product, ProductIngredient
from metskin.catalog.services import (
    brand_products_reindex,
    ingredient_save,
    product_facts_refresh,
    product_lines_relink,
)


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    list_display = ("name", "created_at")

    def save_model(self, request: HttpRequest, obj: Brand, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        brand_products_reindex(brand=obj)


class IngredientAliasInline(admin.TabularInline):
    model = IngredientAlias
    extra = 1
    fields = ("name",)


@admin.register(Ingredient)
class IngredientAdmin(admin.ModelAdmin):
    list_display = (
        "inci_name",
        "active_class",
        "fragrance",
        "eu_allergen",
        "drying_alcohol",
        "comedogenic",
        "irritancy",
        "pregnancy_caution",
        "in_cosing",
    )
    list_filter = (
        "active_class",
        "fragrance",
        "eu_allergen",
        "drying_alcohol",
        "pregnancy_caution",
        "animal_derived",
        "in_cosing",
    )
    search_fields = ("inci_name", "aliases__name", "cas_number")
    inlines = (IngredientAliasInline,)
    # The key is made from the INCI name (Ingredient.clean), so it is shown, not typed.
    readonly_fields = ("key", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Ingredient, form: Any, change: bool) -> None:
        refreshed = ingredient_save(ingredient=obj)
        if refreshed:
            self.message_user(
                request,
                f"The safety facts of {refreshed} products that list {obj.inci_name} were "
                "recomputed.",
                messages.INFO,
            )


class ProductIngredientInline(admin.TabularInline):
    model = ProductIngredient
    extra = 0
    fields = ("position", "listed_name", "ingredient", "concentration_percent", "may_contain")
    autocomplete_fields = ("ingredient",)
    ordering = ("position",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "brand", "category", "price", "currency", "rating", "is_active")
    list_filter = (
        "category",
        "is_active",
        "source",
        "price_band",
        "fragrance_free",
        "pregnancy_safe",
        "vegan",
    )
    search_fields = ("name", "brand__name", "external_id")
    autocomplete_fields = ("brand",)
    # A link typed without a scheme becomes https:// (the model allows http(s) only).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (ProductIngredientInline,)
    actions = ("relink_unknown_ingredients",)
    readonly_fields = (
        "actives_list",
        "fragrance_free",
        "drying_alcohol_free",
        "max_comedogenic",
        "pregnancy_safe",
        "salicylic_acid_percent",
        "spf",
        "unknown_ingredients",
        "source",
        "external_id",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("brand", "name", "category", "is_active")}),
        (
            "Suits",
            {
                "fields": (
                    "suits_dry",
                    "suits_oily",
                    "suits_combination",
                    "suits_normal",
                    "suits_sensitive",
                )
            },
        ),
        (
            "Sold as",
            {"fields": ("price", "currency", "size", "rating", "url", "image_url", "vegan")},
        ),
        (
            "How to use",
            {
                "fields": (
                    "usage_amount",
                    "usage_time",
                    "usage_frequency",
                    "usage_introduction",
                    "usage_warnings",
                )
            },
        ),
        ("Ingredients as printed", {"fields": ("ingredients_text",)}),
        (
            "Computed from the ingredient list (updated on save)",
            {
                "fields": (
                    "actives_list",
                    "fragrance_free",
                    "drying_alcohol_free",
                    "max_comedogenic",
                    "pregnancy_safe",
                    "salicylic_acid_percent",
                    "spf",
                    "unknown_ingredients",
                )
            },
        ),
        ("Origin", {"fields": ("source", "external_id", "created_at", "updated_at")}),
    )

    @admin.display(description="Actives")
    def actives_list(self, product: Product) -> str:
        return ", ".join(product.actives) or "—"

    def save_model(self, request: HttpRequest, obj: Product, form: Any, change: bool) -> None:
        if not obj.source:
            obj.source = "staff"
        if not obj.external_id:
            obj.external_id = str(obj.pk)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        product_facts_refresh(product=form.instance)

    @admin.action(description="Match unknown ingredient names again (after adding aliases)")
    def relink_unknown_ingredients(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        relinked = product_lines_relink(products=list(queryset))
        self.message_user(request, f"{relinked} ingredient names matched.", messages.SUCCESS)
