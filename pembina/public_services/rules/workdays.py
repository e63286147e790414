"""Working-day arithmetic: deadlines in hari kerja across weekends, holidays and cuti bersama.

Conventions (one place, so every deadline in the app agrees):
* `count_between(a, b)` is the number of working days in the half-open range (a, b]: the start day
  itself is never counted, so work finished on the day it arrived took 0 working days.
* A request that arrives on a non-working day is treated as arriving on the next working day
  (`effective_start`): a Saturday walk-in with a 1-day standard is due Tuesday, not Monday.
* `due_date(received, n)` is the last working day on which the work still counts as on time;
  `elapsed(received, end) > n` is late, and that is exactly `end` falling after `due_date`
  on a working day (finishing on the Saturday after a Friday due date is not late).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

SATURDAY, SUNDAY = 5, 6
DEFAULT_WEEKEND = frozenset({SATURDAY, SUNDAY})


def as_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date or datetime (callers pass local datetimes)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = DEFAULT_WEEKEND
    # Holidays on weekdays, sorted: the ones that take a working day away.
    _weekday_holidays: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        days = sorted(h for h in self.holidays if h.weekday() not in self.weekend)
        object.__setattr__(self, "_weekday_holidays", tuple(days))

    @classmethod
    def build(
        cls, holidays: Iterable[dt.date] = (), weekend: Iterable[int] = DEFAULT_WEEKEND
    ) -> WorkCalendar:
        return cls(frozenset(holidays), frozenset(weekend))

    def is_working_day(self, day: dt.date | dt.datetime) -> bool:
        day = as_date(day)
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: dt.date | dt.datetime) -> dt.date:
        """The first working day strictly after `day`."""
        day = as_date(day) + dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def effective_start(self, day: dt.date | dt.datetime) -> dt.date:
        """`day` itself if it is a working day, else the next working day."""
        day = as_date(day)
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, start: dt.date | dt.datetime, n: int) -> dt.date:
        """The n-th working day after `start` (start not counted); n = 0 returns `start`."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day = as_date(start)
        if n == 0:
            return day
        if len(self.weekend) >= 7:
            raise ValueError("a calendar without working days")
        # Whole weeks first: each has (7 - weekend) working days minus the holidays inside them.
        per_week = 7 - len(self.weekend)
        while n > per_week * 2:
            weeks = n // per_week - 1
            end = day + dt.timedelta(days=7 * weeks)
            n -= self.count_between(day, end)
            day = end
        while n > 0:
            day = self.next_working_day(day)
            n -= 1
        return day

    def count_between(self, start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
        """Working days in (start, end]; 0 when end <= start."""
        a, b = as_date(start), as_date(end)
        if b <= a:
            return 0
        total_days = (b - a).days
        weeks, rest = divmod(total_days, 7)
        count = weeks * (7 - len(self.weekend))
        day = a + dt.timedelta(days=7 * weeks)
        for _ in range(rest):
            day += dt.timedelta(days=1)
            if day.weekday() not in self.weekend:
                count += 1
        # Holidays inside the range that fall on a weekday were counted above: take them out.
        hs = self._weekday_holidays
        count -= bisect.bisect_right(hs, b) - bisect.bisect_right(hs, a)
        return count

    # --- deadlines ------------------------------------------------------------------------------

    def due_date(self, received: dt.date | dt.datetime, n: int) -> dt.date:
        """Last working day on which work received on `received` with an n-day standard is on time."""
        return self.add_working_days(self.effective_start(received), n)

    def elapsed(self, received: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
        """Working days the work has taken from `received` until `end`."""
        return self.count_between(self.effective_start(received), end)

    def is_late(self, received: dt.date | dt.datetime, n: int, end: dt.date | dt.datetime) -> bool:
        """Whether work received on `received` with an n-day standard is late at/when done on `end`."""
        return self.elapsed(received, end) > n
