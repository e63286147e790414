"""Working-day arithmetic: properties across weekends, holidays and cuti bersama, and fixed examples."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.public_services.rules import holidays_id
from pembina.public_services.rules.workdays import WorkCalendar

D = dt.date
SEEDED = WorkCalendar.build(h.date for h in holidays_id.HOLIDAYS)

days = st.dates(min_value=D(2024, 6, 1), max_value=D(2027, 12, 31))
holiday_sets = st.frozensets(st.dates(min_value=D(2024, 6, 1), max_value=D(2028, 6, 30)), max_size=30)
calendars = st.one_of(st.just(SEEDED), holiday_sets.map(WorkCalendar.build))


def brute_count(cal: WorkCalendar, a: dt.date, b: dt.date) -> int:
    n, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in cal.holidays:
            n += 1
    return n


@settings(max_examples=150, deadline=None)
@given(cal=calendars, start=days, n=st.integers(min_value=0, max_value=120))
def test_adding_then_counting_returns_n(cal, start, n):
    end = cal.add_working_days(start, n)
    assert cal.count_between(start, end) == n
    if n:
        assert cal.is_working_day(end)
        # minimal: the day before the result has one working day fewer
        assert cal.count_between(start, end - dt.timedelta(days=1)) == n - 1


@settings(max_examples=150, deadline=None)
@given(cal=calendars, a=days, span=st.integers(min_value=0, max_value=400))
def test_count_matches_brute_force_and_skips_weekends_and_holidays(cal, a, span):
    b = a + dt.timedelta(days=span)
    assert cal.count_between(a, b) == brute_count(cal, a, b)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(cal=calendars, a=days, s1=st.integers(0, 200), s2=st.integers(0, 200))
def test_count_is_monotone_and_additive(cal, a, s1, s2):
    b = a + dt.timedelta(days=s1)
    c = b + dt.timedelta(days=s2)
    assert cal.count_between(a, b) <= cal.count_between(a, c)
    assert cal.count_between(a, c) == cal.count_between(a, b) + cal.count_between(b, c)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(cal=calendars, start=days, n=st.integers(0, 80))
def test_add_is_strictly_increasing_in_n(cal, start, n):
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(cal=calendars, start=days)
def test_non_working_days_never_counted(cal, start):
    for i in range(14):
        day = start + dt.timedelta(days=i)
        counted = cal.count_between(day - dt.timedelta(days=1), day)
        assert counted == (0 if day.weekday() >= 5 or day in cal.holidays else 1)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(cal=calendars, received=days, n=st.integers(0, 60), extra=st.integers(0, 30))
def test_late_exactly_after_due_date(cal, received, n, extra):
    due = cal.due_date(received, n)
    assert cal.is_working_day(due)
    assert not cal.is_late(received, n, due)
    end = due + dt.timedelta(days=extra)
    # late iff a working day lies between the due date and the end
    assert cal.is_late(received, n, end) == (cal.count_between(due, end) > 0)


def test_weekend_arrival_counts_from_monday():
    cal = WorkCalendar.build()
    saturday = D(2026, 11, 7)
    assert cal.due_date(saturday, 0) == D(2026, 11, 9)  # same-day service: Monday
    assert cal.due_date(saturday, 1) == D(2026, 11, 10)
    assert cal.due_date(D(2026, 11, 6), 1) == D(2026, 11, 9)  # Friday + 1 -> Monday
    assert cal.elapsed(saturday, D(2026, 11, 9)) == 0


def test_idul_fitri_2026_with_cuti_bersama():
    # Received Thursday 12 March 2026; 18–24 March are Nyepi, Idul Fitri and cuti bersama.
    assert SEEDED.due_date(D(2026, 3, 12), 5) == D(2026, 3, 26)  # 13, 16, 17, 25, 26
    plain = WorkCalendar.build()
    assert plain.due_date(D(2026, 3, 12), 5) == D(2026, 3, 19)
    assert SEEDED.count_between(D(2026, 3, 17), D(2026, 3, 24)) == 0


def test_cuti_bersama_18_august_2025_is_not_a_working_day():
    assert not SEEDED.is_working_day(D(2025, 8, 18))
    assert SEEDED.next_working_day(D(2025, 8, 15)) == D(2025, 8, 19)


def test_datetimes_are_accepted():
    cal = WorkCalendar.build()
    assert cal.count_between(dt.datetime(2026, 11, 2, 23, 0), dt.datetime(2026, 11, 3, 1, 0)) == 1


def test_negative_n_rejected():
    with pytest.raises(ValueError):
        WorkCalendar.build().add_working_days(D(2026, 1, 5), -1)


def test_seed_data_is_consistent():
    kinds = {h.kind for h in holidays_id.HOLIDAYS}
    assert kinds == {"national", "cuti_bersama"}
    assert len([h for h in holidays_id.HOLIDAYS if h.date.year == 2026 and h.kind == "national"]) == 17
    assert len([h for h in holidays_id.HOLIDAYS if h.date.year == 2026 and h.kind == "cuti_bersama"]) == 8
    assert all(h.confirmed for h in holidays_id.HOLIDAYS if h.date.year < 2027)
