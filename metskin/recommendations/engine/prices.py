"""Prices in the person's currency (pure): products of other markets are converted by a
dated rate table, and the routine says so.

The table is MetSkin's own, fixed on the date below, rounded: it only has to make "which is
cheaper" and a routine's total comparable, never to quote a price. Change the date with the
rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

RATES_AS_OF = date(2026, 12, 1)
# Pounds sterling for one unit of each currency (approximate, on RATES_AS_OF).
GBP_PER_UNIT: dict[str, Decimal] = {
    "GBP": Decimal("1"),
    "USD": Decimal("0.79"),
    "EUR": Decimal("0.85"),
}
CURRENCIES = tuple(GBP_PER_UNIT)


@dataclass(frozen=True)
class PriceForYou:
    amount: Decimal
    currency: str
    converted: bool  # True: from another currency, at the rates of RATES_AS_OF


def convert(amount: Decimal, source: str, target: str) -> Decimal | None:
    """``amount`` of ``source`` in ``target`` (None for a currency the table lacks)."""
    if source == target:
        return amount
    if source not in GBP_PER_UNIT or target not in GBP_PER_UNIT:
        return None
    value = amount * GBP_PER_UNIT[source] / GBP_PER_UNIT[target]
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def price_for(price: Decimal | None, currency: str, target: str) -> PriceForYou | None:
    if price is None:
        return None
    amount = convert(price, currency, target)
    if amount is None:
        return None
    return PriceForYou(amount=amount, currency=target, converted=currency != target)
