"""Customer-lifetime "summary data" for BG/NBD and Gamma-Gamma models (Fader, Hardie & Lee).

Per customer, over purchases up to an observation end date, aggregated per purchase day:

- ``frequency``: number of repeat purchase days (purchase days − 1);
- ``recency``: time from the first to the last purchase day;
- ``T``: time from the first purchase day to the observation end;
- ``monetary_value``: mean of the repeat purchase days' totals (0 without repeats).

Time is in days or weeks (days / 7). All arithmetic is exact (``Decimal`` and integer day
counts); results are rounded half-even to 6 decimal places only when written.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Iterable

UNITS = {"days": 1, "weeks": 7}
OUTPUT_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Purchase:
    """One purchase: who, on which calendar day, for how much (in one currency)."""

    customer_id: str
    day: dt.date
    amount: Decimal


@dataclass(frozen=True)
class Summary:
    """Summary data of one customer; times in the chosen unit, money in the input currency."""

    customer_id: str
    frequency: int
    recency: Decimal
    T: Decimal  # noqa: N815 — the literature's name
    monetary_value: Decimal


def summary_data(
    purchases: Iterable[Purchase], observation_end: dt.date, unit: str = "weeks"
) -> list[Summary]:
    """Summary data per customer, sorted by customer_id.

    Args:
        purchases: purchases in any order; several on one day are added up.
        observation_end: last day counted (inclusive); later purchases are ignored, and a
            customer whose first purchase is later is left out.
        unit: "days" or "weeks" (days / 7).

    Returns:
        One :class:`Summary` per customer with a purchase up to ``observation_end``.

    Raises:
        ValueError: an unknown unit.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {sorted(UNITS)}, got {unit!r}")
    divisor = Decimal(UNITS[unit])
    totals: dict[str, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for purchase in purchases:
        if purchase.day <= observation_end:
            totals[purchase.customer_id][purchase.day] += purchase.amount
    result = []
    for customer_id in sorted(totals):
        days = sorted(totals[customer_id])
        first, last = days[0], days[-1]
        repeats = [totals[customer_id][day] for day in days[1:]]
        result.append(Summary(
            customer_id=customer_id,
            frequency=len(repeats),
            recency=Decimal((last - first).days) / divisor,
            T=Decimal((observation_end - first).days) / divisor,
            monetary_value=sum(repeats, Decimal(0)) / len(repeats) if repeats else Decimal(0),
        ))
    return result


def read_cdnow(path: Path) -> list[Purchase]:
    """Purchases from the CDNOW master file: whitespace-separated
    ``customer_id yyyymmdd number_of_cds dollar_value`` lines (amounts in USD), with an optional
    header line ``customer_id date …``.

    Raises:
        ValueError: a line that is not four such fields (with its line number).
    """
    purchases = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields or (number == 1 and fields[0] == "customer_id"):
                continue
            try:
                customer_id, day, _, amount = fields
                purchases.append(Purchase(
                    customer_id, dt.datetime.strptime(day, "%Y%m%d").date(), Decimal(amount)))
            except (ValueError, ArithmeticError) as error:
                raise ValueError(f"{path}:{number}: not 'customer_id yyyymmdd quantity amount':"
                                 f" {line.strip()!r} ({error})") from None
    return purchases


def write_csv(summaries: list[Summary], path: Path) -> None:
    """Write ``customer_id,frequency,recency,T,monetary_value`` rows, 6 decimal places."""

    def fmt(value: Decimal) -> str:
        return str(value.quantize(OUTPUT_PLACES, rounding=ROUND_HALF_EVEN))

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["customer_id", "frequency", "recency", "T", "monetary_value"])
        for row in summaries:
            writer.writerow([row.customer_id, row.frequency, fmt(row.recency), fmt(row.T),
                             fmt(row.monetary_value)])
