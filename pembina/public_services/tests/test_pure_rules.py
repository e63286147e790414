"""Tracking numbers, plain-text cleaning, percentiles, the k-rule and the status flows."""

import datetime as dt
import random
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.public_services.choices import ComplaintStatus as C
from pembina.public_services.choices import RequestStatus as R
from pembina.public_services.rules import flow, tracking
from pembina.public_services.rules import stats as rules
from pembina.public_services.rules.text import plain_text

prefixes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=5)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(prefixes, days, st.randoms(use_true_random=False))
def test_generated_numbers_are_valid_and_survive_sloppy_typing(prefix, day, rnd):
    number = tracking.generate(prefix, day, token=rnd.choice)
    assert tracking.normalize(number) == number
    assert number.startswith(f"{prefix}-{day:%y%m}-")
    sloppy = number.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert tracking.normalize(sloppy) == number


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(prefixes, days, st.randoms(use_true_random=False), st.integers(0, 11), st.integers(1, 31))
def test_any_single_mistyped_symbol_is_rejected(prefix, day, rnd, pos, shift):
    number = tracking.generate(prefix, day, token=rnd.choice)
    compact = number.replace("-", "")[len(prefix) :]  # yymm + 8 symbols
    old = compact[pos]
    new = tracking.ALPHABET[(tracking.ALPHABET.index(old) + shift) % tracking.BASE]
    if pos < 4 and not new.isdigit():
        return  # the year-month part only accepts digits: rejected by the pattern anyway
    typo = prefix + compact[:pos] + new + compact[pos + 1 :]
    assert tracking.normalize(typo) is None


def test_numbers_are_not_sequential():
    day = dt.date(2026, 11, 1)
    numbers = {tracking.generate("PTK", day) for _ in range(200)}
    assert len(numbers) == 200
    assert tracking.normalize("PTK-2611-0000-0000") in (None, "PTK-2611-0000-0000")


def test_malformed_numbers():
    for raw in (
        "",
        None,
        "PTK",
        "PTK-2613-AAAA-AAAA",
        "P-2611-AAAA-AAAA",
        "PTK-2611-AAAA-AAA",
        "x" * 50,
        "PTK-2611-UUUU-UUUU",
    ):
        assert tracking.normalize(raw) is None


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(st.text(max_size=300))
def test_plain_text_never_contains_a_tag(raw):
    out = plain_text(raw)
    assert "\x00" not in out
    for i, ch in enumerate(out[:-1]):
        if ch == "<":
            # a tag opens only with an ASCII letter, "/", "!" or "?" after "<"
            assert not (out[i + 1].isascii() and out[i + 1].isalpha() or out[i + 1] in "/!?")


def test_plain_text_examples():
    assert plain_text('<script>alert("x")</script>Halo <b>Pak</b>') == 'alert("x")Halo Pak'
    assert plain_text("1 < 2 dan 3 > 2") == "1 < 2 dan 3 > 2"
    assert "<" not in plain_text("<scr<b>ipt>alert(1)</script>")
    assert plain_text("<img src=x onerror=alert(1)>hi") == "hi"
    assert plain_text("a <b") == "a b"
    assert plain_text("  baris satu \r\n\r\n\r\n\r\nbaris dua  ") == "baris satu\n\nbaris dua"
    assert plain_text("a\nb", single_line=True) == "a b"
    assert plain_text("abcdef", max_length=3) == "abc"


int_lists = st.lists(st.integers(0, 60), min_size=1, max_size=200)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(int_lists, st.sampled_from([10, 25, 50, 75, 90, 95]))
def test_percentile_matches_statistics_inclusive(values, p):
    ordered = sorted(values)
    ours = rules.percentile_sorted(ordered, p)
    if len(values) >= 2:
        ref = statistics.quantiles(ordered, n=100, method="inclusive")[p - 1]
        assert abs(ours - ref) < 1e-9
    if p == 50:
        assert abs(ours - statistics.median(ordered)) < 1e-9


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(int_lists, st.sampled_from([50, 90]))
def test_histogram_percentile_equals_list_percentile(values, p):
    hist = {}
    for v in values:
        hist[v] = hist.get(v, 0) + 1
    assert abs(rules.percentile_histogram(hist, p) - rules.percentile_sorted(sorted(values), p)) < 1e-9
    random.shuffle(values)
    halves = [values[: len(values) // 2], values[len(values) // 2 :]]
    merged = rules.merge_histograms([{str(k): halves[i].count(k) for k in set(halves[i])} for i in range(2)])
    assert merged == hist


def test_empty_percentiles():
    assert rules.percentile_sorted([], 50) is None
    assert rules.percentile_histogram({}, 90) is None
    assert rules.percentile_histogram({3: 0}, 90) is None


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(st.integers(0, 100), st.integers(0, 10))
def test_suppress_below_k(n, k):
    assert rules.suppress("x", n, k) == ("x" if n >= k else None)
    assert rules.suppress(0, 4) is None and rules.suppress(7, 5) == 7


def test_percent():
    assert str(rules.percent(2, 3)) == "66.7"
    assert rules.percent(1, 0) is None


def test_request_flow():
    path = [R.RECEIVED, R.VERIFIED, R.IN_PROCESS, R.COMPLETED, R.PICKED_UP]
    for a, b in zip(path, path[1:], strict=False):
        assert flow.request_can_move(a, b)
        assert not flow.request_can_move(b, a)
    assert not flow.request_can_move(R.RECEIVED, R.COMPLETED)
    assert not flow.request_can_move(R.COMPLETED, R.REJECTED)
    assert all(flow.request_can_move(s, R.REJECTED) for s in (R.RECEIVED, R.VERIFIED, R.IN_PROCESS))
    assert not any(flow.request_can_move(R.REJECTED, s) for s in R.values)
    assert not any(flow.request_can_move(R.PICKED_UP, s) for s in R.values)
    assert flow.open311_status(R.IN_PROCESS) == "open" and flow.open311_status(R.REJECTED) == "closed"


def test_complaint_flow():
    assert flow.complaint_can_move(C.RECEIVED, C.VERIFIED)
    assert not flow.complaint_can_move(C.RECEIVED, C.RESOLVED)
    assert flow.complaint_can_move(C.RESOLVED, C.IN_PROGRESS)  # disputed by the complainant
    assert not any(flow.complaint_can_move(C.CLOSED, s) for s in C.values)
    assert flow.complaint_can_forward(C.IN_PROGRESS) and not flow.complaint_can_forward(C.RECEIVED)


# --- completion-time distribution ----------------------------------------------------------------------

histograms = st.dictionaries(st.integers(0, 90), st.integers(0, 40), max_size=25)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(histograms, st.integers(1, 12))
def test_distribution_bins_obey_the_k_rule_and_add_up(hist, k):
    total = sum(hist.values())
    bins = rules.day_distribution(hist, k=k)
    if total < k:
        assert bins is None
        return
    assert bins[0].lo == 0 and bins[-1].hi is None  # every completion day falls in exactly one bin
    assert all(a.hi is not None and a.hi + 1 == b.lo for a, b in zip(bins, bins[1:], strict=False))
    assert all(b.count >= k for b in bins)  # no cell below k, nothing suppressed
    assert sum(b.count for b in bins) == total  # so nothing to recover by subtraction
    for b in bins:  # each count is the requests whose days fall in its range
        assert b.count == sum(c for d, c in hist.items() if d >= b.lo and (b.hi is None or d <= b.hi))
    # only ranges of the standard bins, merged
    assert {b.lo for b in bins} <= set(rules.DAY_BIN_STARTS)


@settings(deadline=None)
@given(st.lists(st.integers(5, 50), min_size=len(rules.DAY_BIN_STARTS), max_size=len(rules.DAY_BIN_STARTS)))
def test_distribution_keeps_the_standard_bins_when_all_are_big_enough(counts):
    hist = dict(zip(rules.DAY_BIN_STARTS, counts, strict=True))
    bins = rules.day_distribution(hist)
    assert [(b.lo, b.count) for b in bins] == list(zip(rules.DAY_BIN_STARTS, counts, strict=True))


def test_distribution_worked_example():
    # 40 same day, 30 in 1 day, 3 in 2 days, 0 in 3, 6 in 4–5, 2 in 6–10, none later. Smallest first,
    # into the smaller neighbour: 3 days joins 2 (3), 11–20 joins 21+ (0), then 6–10 (2), then 4–5
    # (8); 2–3 (3) then joins 4+ (8 < 30): 2 and more = 11.
    hist = {0: 40, 1: 30, 2: 3, 4: 4, 5: 2, 7: 2}
    bins = rules.day_distribution(hist)
    assert [(b.lo, b.hi, b.count) for b in bins] == [(0, 0, 40), (1, 1, 30), (2, None, 11)]
    # empty ranges between two equal neighbours widen the later one: "same day" stays exact
    assert [(b.lo, b.hi) for b in rules.day_distribution({0: 5, 4: 5})] == [(0, 0), (1, None)]
    assert rules.day_distribution({3: 4}) is None
    assert rules.day_distribution({3: 4}, k=1) == (rules.DayBin(0, None, 4),)
