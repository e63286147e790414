"""Periods of a performance year: monthly, quarterly or semester slices of the calendar year."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ROMAN = ["I", "II", "III", "IV"]
MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "semester": 6}


@dataclass(frozen=True)
class PeriodSpec:
    number: int
    label: str
    start: dt.date
    end: dt.date


def generate(year: int, interval: str) -> list[PeriodSpec]:
    """The consecutive periods covering 1 January – 31 December of `year`."""
    step = MONTHS_PER_PERIOD[interval]
    specs = []
    for i, first_month in enumerate(range(1, 13, step), start=1):
        last_month = first_month + step - 1
        start = dt.date(year, first_month, 1)
        end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if interval == "monthly":
            label = MONTHS[first_month - 1]
        elif interval == "quarterly":
            label = f"Triwulan {ROMAN[i - 1]}"
        else:
            label = f"Semester {ROMAN[i - 1]}"
        specs.append(PeriodSpec(i, label, start, end))
    return specs
