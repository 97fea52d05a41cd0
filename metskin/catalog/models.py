"""Brands, products, ingredients and the ingredient list of each product."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q

from metskin.catalog.inci import compact_key
from metskin.catalog.vocabulary import ActiveClass, Category, mask_to_actives
from metskin.core.models import BaseModel

# Links are shown as links: only web addresses, never javascript:, data: or ftp: ones.
validate_web_url = URLValidator(schemes=["http", "https"])


class Currency(models.TextChoices):
    GBP = "GBP", "£ (GBP)"
    USD = "USD", "$ (USD)"
    EUR = "EUR", "€ (EUR)"


class PriceBand(models.TextChoices):
    LOW = "low", "Budget"
    MID = "mid", "Mid-range"
    HIGH = "high", "Premium"


class UsageTime(models.TextChoices):
    AM = "am", "Morning"
    PM = "pm", "Evening"
    AM_PM = "am_pm", "Morning and evening"


class Brand(BaseModel):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Ingredient(BaseModel):
    """An INCI ingredient (from CosIng or added by staff) and what MetSkin knows about it."""

    inci_name = models.CharField(max_length=255, unique=True)
    # inci.compact_key(inci_name): how listed names are matched (set by clean(), never typed).
    key = models.CharField(max_length=255, unique=True)
    functions = models.JSONField(default=list, blank=True, help_text="CosIng functions")
    cas_number = models.CharField(max_length=60, blank=True)
    in_cosing = models.BooleanField(default=True, help_text="Listed in the EU CosIng inventory")
    fragrance = models.BooleanField(default=False)
    eu_allergen = models.BooleanField(
        default=False, help_text="One of the 26 fragrance allergens the EU requires on labels"
    )
    drying_alcohol = models.BooleanField(default=False)
    comedogenic = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(5)],
        help_text="0 (does not clog pores) to 5; empty when not rated",
    )
    irritancy = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(5)], help_text="0 to 5"
    )
    pregnancy_caution = models.BooleanField(default=False)
    animal_derived = models.BooleanField(default=False)
    active_class = models.CharField(max_length=20, choices=ActiveClass.choices, blank=True)

    class Meta:
        ordering = ("inci_name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(comedogenic__isnull=True) | Q(comedogenic__lte=5),
                name="ingredient_comedogenic_0_5",
            ),
            models.CheckConstraint(
                condition=Q(irritancy__isnull=True) | Q(irritancy__lte=5),
                name="ingredient_irritancy_0_5",
            ),
        ]

    def __str__(self) -> str:
        return self.inci_name

    def clean(self) -> None:
        # The key always follows the name; two ingredients never share one.
        self.key = compact_key(self.inci_name)
        if not self.key:
            raise ValidationError({"inci_name": ["Enter a name with letters or digits."]})
        if Ingredient.objects.filter(key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"inci_name": ["Another ingredient already has this name."]})


class IngredientAlias(models.Model):
    """Another name for an ingredient ("Water" for AQUA, "Vitamin E" for TOCOPHEROL)."""

    # A plain integer key: tens of thousands of rows that nobody links to.
    ingredient = models.ForeignKey(Ingredient, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "ingredient aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.ingredient.inci_name}"

    def clean(self) -> None:
        # The key always follows the name; it must not clash with a name or another alias.
        self.key = compact_key(self.name)
        if not self.key:
            raise ValidationError({"name": ["Enter a name with letters or digits."]})
        clash = IngredientAlias.objects.filter(key=self.key).exclude(pk=self.pk).exists()
        if clash or Ingredient.objects.filter(key=self.key).exists():
            raise ValidationError({"name": ["This name already stands for an ingredient."]})


class Product(BaseModel):
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(max_length=255)
    category = models.CharField(max_length=20, choices=Category.choices)
    suits_dry = models.BooleanField(default=False)
    suits_oily = models.BooleanField(default=False)
    suits_combination = models.BooleanField(default=False)
    suits_normal = models.BooleanField(default=False)
    suits_sensitive = models.BooleanField(default=False)
    price = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(0)], null=True, blank=True
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.GBP)
    price_band = models.CharField(max_length=4, choices=PriceBand.choices, blank=True)
    size = models.CharField(max_length=40, blank=True, help_text="As sold, e.g. 30 ml")
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    image_url = models.URLField(max_length=500, blank=True, validators=[validate_web_url])
    url = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="Where to buy or read more (http:// or https:// only)",
    )
    ingredients_text = models.TextField(blank=True, help_text="The list as printed")
    # How to use it: filled from the category and actives on import; staff refine it.
    usage_amount = models.CharField(max_length=200, blank=True)
    usage_time = models.CharField(max_length=5, choices=UsageTime.choices, blank=True)
    usage_frequency = models.CharField(max_length=200, blank=True)
    usage_introduction = models.TextField(blank=True)
    usage_warnings = models.TextField(blank=True)
    is_active = models.BooleanField(default=True, help_text="Shown and recommended")
    source = models.CharField(max_length=40, help_text="Where the record came from")
    external_id = models.CharField(max_length=255, help_text="Its id in that source")
    # Computed from the ingredient list by services.product_facts_refresh (read-only).
    actives_mask = models.PositiveIntegerField(default=0)
    fragrance_free = models.BooleanField(default=False)
    drying_alcohol_free = models.BooleanField(default=False)
    max_comedogenic = models.PositiveSmallIntegerField(null=True, blank=True)
    pregnancy_safe = models.BooleanField(default=False)
    salicylic_acid_percent = models.DecimalField(
        max_digits=4, decimal_places=2, null=True, blank=True
    )
    vegan = models.BooleanField(null=True, blank=True, help_text="Empty: not known")
    spf = models.PositiveSmallIntegerField(null=True, blank=True)
    # Active classes the product is sold as (name, category) that its list lacks: the list
    # we hold is incomplete, so the routine never chooses it (facts.claimed_actives).
    missing_actives_mask = models.PositiveIntegerField(default=0)
    # Active class → the INCI names that give it, e.g. {"retinoid": ["RETINYL PALMITATE"]}:
    # what a routine's "Why" names, computed with the facts, never per request.
    active_ingredients = models.JSONField(default=dict, blank=True, editable=False)
    # Which version of the facts rules computed the columns above (FACTS_VERSION in
    # services): older rows are recomputed by `manage.py catalog_facts_refresh`.
    facts_version = models.PositiveSmallIntegerField(default=0, editable=False)
    unknown_ingredients = models.JSONField(default=list, blank=True)
    # "<brand> <name>", what the search box matches (kept by the services).
    search_name = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        ordering = ("-rating", "-id")
        constraints = [
            models.UniqueConstraint(fields=("source", "external_id"), name="product_source_id"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=0) & Q(rating__lte=5)),
                name="product_rating_0_5",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="product_price_positive"
            ),
        ]
        indexes = [
            # With the actives: a search of one category by concern ("serum" + "acne") is
            # counted from this index alone, not from the wide one below (issue 18 §7).
            models.Index(
                fields=("category", "is_active", "rating", "actives_mask"),
                name="product_category_rating",
            ),
            # "Cheapest first" within a category reads this in order and stops at a page.
            models.Index(fields=("category", "is_active", "price", "id"), name="product_price"),
            # Browsing and recommending read this index alone: in rating order, with every
            # filter column in it, so a search or a top-16 stops early and never reads the
            # wide rows (ingredient text, instructions) of products it does not return.
            models.Index(
                fields=(
                    "is_active",
                    # Descending, so "best rated first" is a forward scan, and MariaDB
                    # checks the filters in the index (it cannot on a backward scan).
                    "-rating",
                    "-id",
                    "category",
                    "price_band",
                    "actives_mask",
                    "missing_actives_mask",
                    "fragrance_free",
                    "drying_alcohol_free",
                    "pregnancy_safe",
                    "max_comedogenic",
                    "vegan",
                    "spf",
                    "suits_dry",
                    "suits_oily",
                    "suits_combination",
                    "suits_normal",
                    "suits_sensitive",
                    "price",
                    "currency",
                    "search_name",
                ),
                name="product_browse",
            ),
            # The budget alternative of a routine step ("the best rated in the low band"):
            # read in rating order within the band, with the recommendation filters in it,
            # instead of scanning the whole browse index for the rare low-band rows that pass
            # them (EXPLAIN: 101 ms → see docs/recommendations.md "Speed").
            models.Index(
                fields=(
                    "is_active",
                    "price_band",
                    "-rating",
                    "-id",
                    "category",
                    "actives_mask",
                    "missing_actives_mask",
                    "fragrance_free",
                    "drying_alcohol_free",
                    "pregnancy_safe",
                    "max_comedogenic",
                    "vegan",
                    "spf",
                ),
                name="product_budget",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand.name} — {self.name}"

    @property
    def actives(self) -> list[str]:
        return mask_to_actives(self.actives_mask)

    @property
    def missing_actives(self) -> list[str]:
        return mask_to_actives(self.missing_actives_mask)

    @property
    def ingredients_incomplete(self) -> bool:
        return self.missing_actives_mask != 0

    @property
    def skin_types(self) -> list[str]:
        pairs = (
            ("dry", self.suits_dry),
            ("oily", self.suits_oily),
            ("combination", self.suits_combination),
            ("normal", self.suits_normal),
            ("sensitive", self.suits_sensitive),
        )
        return [name for name, suits in pairs if suits]


class ProductIngredient(models.Model):
    """One line of a product's ingredient list, as printed, in its position."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="ingredient_lines")
    position = models.PositiveSmallIntegerField()
    listed_name = models.CharField(max_length=200)
    # None: the name matched no ingredient (kept, so the list shown is the full list).
    ingredient = models.ForeignKey(
        Ingredient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="product_lines",
        db_index=False,  # the (ingredient, product) index below serves it
    )
    concentration_percent = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    may_contain = models.BooleanField(default=False)

    class Meta:
        ordering = ("product", "position")
        constraints = [
            models.UniqueConstraint(fields=("product", "position"), name="product_line_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="product_line_position_1"),
        ]
        # "Which of these products contain this allergen?" is answered from the index alone.
        indexes = [
            models.Index(fields=("ingredient", "product"), name="product_line_ingredient"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.listed_name}"
